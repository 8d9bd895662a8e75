import { createHash } from 'node:crypto';
import { forwardHeaders, joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { CODEX_ENDPOINTS, CODEX_ORIGINATOR, CODEX_USER_AGENT } from './oauth-endpoints.js';

/** The Codex CLI's own headers, forwarded when the client sent them (reference §4.1 2). */
const PASSTHROUGH = ['version', 'x-codex-turn-metadata', 'x-client-request-id', 'x-codex-window-id', 'thread-id', 'x-codex-beta-features'];

/** Fields the ChatGPT backend rejects or that make no sense without stored responses (reference §4.1 2, CLIProxyAPI's Codex translator). */
const REMOVED = [
  'previous_response_id',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'stream_options',
  'generate',
  'max_output_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'truncation',
  'user',
  'context_management',
];

type Json = Record<string, unknown>;

function header(call: UpstreamCall, name: string): string | undefined {
  const value = call.clientHeaders[name];
  const joined = Array.isArray(value) ? value.join(', ') : value;
  return joined?.trim() ? joined.trim() : undefined;
}

/** A UUID-shaped digest, so derived keys look like the ones the Codex CLI sends. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The prompt cache key: the client's own (`prompt_cache_key`, which also carries a Claude Code session), else
 * the client's `session-id` header, else one derived from the client's key and the account, so the same client
 * keeps hitting the same cache across turns (as CLIProxyAPI does for Chat clients).
 */
export function promptCacheKey(call: UpstreamCall, body: Json): string {
  if (typeof body.prompt_cache_key === 'string' && body.prompt_cache_key.trim()) return body.prompt_cache_key.trim();
  const session = header(call, 'session-id') ?? header(call, 'session_id');
  if (session) return session;
  const clientKey = header(call, 'authorization') ?? header(call, 'x-api-key') ?? header(call, 'x-goog-api-key') ?? call.clientQuery.get('key') ?? '';
  return uuidFrom(`cliproxy:codex:prompt-cache:${clientKey}:${call.credential.id}`);
}

/** `input` as a string is one user message; `system` messages become `developer` ones (the backend refuses `system`). */
function normalizeInput(input: unknown): unknown {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  if (!Array.isArray(input)) return input;
  return input.map((item: unknown) => (item && typeof item === 'object' && (item as Json).role === 'system' ? { ...(item as Json), role: 'developer' } : item));
}

/**
 * The body rules of the ChatGPT backend: `instructions` always present, `store: false`, `stream: true`, encrypted
 * reasoning included, parallel tool calls on unless the client turned them off, a default reasoning effort, a
 * stable `prompt_cache_key`, and the fields it refuses removed. `/responses/compact` never streams.
 */
export function shapeCodexBody(call: UpstreamCall): { body: Json; cacheKey: string } | undefined {
  let parsed: Json;
  try {
    const value = JSON.parse(call.body.toString('utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    parsed = value as Json;
  } catch {
    return undefined;
  }
  const body: Json = { ...parsed, model: call.model };
  for (const field of REMOVED) delete body[field];
  if (typeof body.service_tier === 'string' && body.service_tier !== 'priority') delete body.service_tier;
  if (typeof body.instructions !== 'string') body.instructions = '';
  if ('input' in body) body.input = normalizeInput(body.input);
  const cacheKey = promptCacheKey(call, parsed);
  body.prompt_cache_key = cacheKey;
  if (call.operation === 'compact') {
    delete body.stream;
    return { body, cacheKey };
  }
  body.stream = true;
  body.store = false;
  if (body.parallel_tool_calls !== false) body.parallel_tool_calls = true;
  const include = Array.isArray(body.include) ? body.include.filter((item): item is string => typeof item === 'string') : [];
  body.include = include.includes('reasoning.encrypted_content') ? include : [...include, 'reasoning.encrypted_content'];
  const reasoning = body.reasoning && typeof body.reasoning === 'object' ? (body.reasoning as Json) : {};
  body.reasoning = typeof reasoning.effort === 'string' ? reasoning : { ...reasoning, effort: 'medium' };
  return { body, cacheKey };
}

/**
 * A ChatGPT subscription request: `POST {api}/responses` (or `/responses/compact`) with the access token, the
 * account id, the Codex TUI's originator and user agent, `Session-Id` = the prompt cache key, and the Codex
 * CLI's own headers when the client is the Codex CLI.
 */
export function buildCodexOAuthRequest(call: UpstreamCall): UpstreamHttpRequest {
  const base = call.credential.baseUrl ?? call.credential.account?.endpoints.api ?? CODEX_ENDPOINTS.api;
  const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
  const shaped = shapeCodexBody(call);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.operation === 'compact' ? 'application/json' : 'text/event-stream',
    connection: 'Keep-Alive',
    authorization: `Bearer ${call.token}`,
    originator: CODEX_ORIGINATOR,
    'user-agent': CODEX_USER_AGENT,
  };
  const accountId = call.account?.attributes.accountId;
  if (accountId) headers['chatgpt-account-id'] = accountId;
  forwardHeaders(call.clientHeaders, PASSTHROUGH, headers);
  const session = header(call, 'session-id') ?? shaped?.cacheKey;
  if (session) headers['session-id'] = session;
  Object.assign(headers, call.credential.headers);
  return { url: joinUrl(base, path), method: 'POST', headers, body: shaped ? Buffer.from(JSON.stringify(shaped.body)) : call.body };
}
