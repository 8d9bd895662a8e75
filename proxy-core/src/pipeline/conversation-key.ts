import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FormatId } from '../ir/index.js';

/** Headers clients put their conversation in (Amp, Codex, Claude Code and others), in order of preference. */
const SESSION_HEADERS = ['x-session-id', 'session_id', 'session-id', 'x-amp-thread-id', 'x-client-request-id'] as const;

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The conversation a request belongs to, for session affinity: what the client says (a session header,
 * Claude's `metadata.user_id` — Claude Code puts its session there —, Codex's `prompt_cache_key`, Responses'
 * `conversation` / `previous_response_id`), otherwise a hash of the system prompt and the first user turn, which
 * stay the same for every turn of one conversation. Reads only those parts; never serialises the whole body.
 */
export function conversationKey(format: FormatId, headers: IncomingHttpHeaders, body: Record<string, unknown>): string | undefined {
  for (const name of SESSION_HEADERS) {
    const value = headers[name];
    const text = nonEmpty(Array.isArray(value) ? value[0] : value);
    if (text) return `h:${text}`;
  }
  const metadata = body.metadata as Record<string, unknown> | undefined;
  const userId = nonEmpty(metadata?.user_id);
  if (userId) return `u:${userId}`;
  const cacheKey = nonEmpty(body.prompt_cache_key);
  if (cacheKey) return `c:${cacheKey}`;
  const conversation = body.conversation;
  const conversationId = nonEmpty(conversation) ?? nonEmpty((conversation as Record<string, unknown> | undefined)?.id);
  if (conversationId) return `r:${conversationId}`;
  const previous = nonEmpty(body.previous_response_id);
  if (previous) return `p:${previous}`;
  const opening = openingOf(format, body);
  if (opening.every((part) => part === undefined)) return undefined;
  const hash = createHash('sha256');
  for (const part of opening) hash.update(part === undefined ? '\u0000' : JSON.stringify(part)).update('\u0001');
  return `o:${hash.digest('base64url').slice(0, 22)}`;
}

/** The system prompt and the first user turn, as the format carries them. */
function openingOf(format: FormatId, body: Record<string, unknown>): unknown[] {
  const firstWhere = (list: unknown, test: (item: Record<string, unknown>) => boolean) =>
    Array.isArray(list) ? (list as Array<Record<string, unknown>>).find((item) => item && typeof item === 'object' && test(item)) : undefined;
  switch (format) {
    case 'claude-messages':
      return [body.system, firstWhere(body.messages, (message) => message.role === 'user')?.content];
    case 'openai-chat':
      return [
        firstWhere(body.messages, (message) => message.role === 'system' || message.role === 'developer')?.content,
        firstWhere(body.messages, (message) => message.role === 'user')?.content,
      ];
    case 'openai-responses':
      return [body.instructions, typeof body.input === 'string' ? body.input : firstWhere(body.input, (item) => item.role === 'user')?.content];
    case 'gemini':
      return [body.systemInstruction ?? body.system_instruction, firstWhere(body.contents, (content) => content.role === 'user' || content.role === undefined)?.parts];
  }
}
