/**
 * Gemini `contents` → IR messages. Model turns become assistant messages; a user turn becomes user and
 * tool messages in order (function responses split out). Calls without an `id` get a deterministic one,
 * and responses without an `id` (or with an empty name) are paired with the oldest open call of that
 * name, else the oldest open call (inventory §2.5, §2.14, §2.15).
 */
import { createHash } from 'node:crypto';
import type { FilePart, ImagePart, Message, TextPart, ToolResultPart } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { decodeModelParts, decodeUserParts, mediaPart, partExtras, readPart, type UserSegment } from './decode-parts.js';
import { isRecord, toExtras, unknownFields } from './gemini-extras.js';
import { contentSchema, formatPath, parseAt, type WirePart } from './schema.js';

/** Ids we make up for calls that came without one look like this (so they are never sent to Gemini). */
export const GENERATED_CALL_ID = /^call_[0-9a-f]{24}$/;

export function generatedCallId(...seed: Array<string | number | undefined>): string {
  return `call_${createHash('sha256').update(seed.map((item) => String(item ?? '')).join('|')).digest('hex').slice(0, 24)}`;
}

type Role = 'user' | 'model' | 'system';

function roleOf(role: string | null | undefined, parts: readonly unknown[], previous: Role | undefined, path: string): Role {
  switch (role?.toLowerCase()) {
    case 'user':
    case 'function':
    case 'tool':
      return 'user';
    case 'model':
    case 'assistant':
      return 'model';
    case 'system':
      return 'system';
    case undefined:
    case '':
      break;
    default:
      throw invalidRequest(`\`${path}.role\` is "${role}": use "user" or "model".`, { param: `${path}.role` });
  }
  const has = (key: string, snake: string) => parts.some((part) => isRecord(part) && (part[key] !== undefined || part[snake] !== undefined));
  if (has('functionCall', 'function_call')) return 'model';
  if (has('functionResponse', 'function_response')) return 'user';
  return previous === 'user' ? 'model' : 'user';
}

/**
 * `response` → tool-result content. `{output: "…"}` and `{error: "…"}` (the keys Gemini documents and
 * Gemini CLI sends) become plain text; anything else becomes its JSON text (a lone string `result` or
 * `content` as that string) and is kept whole in extras for a Gemini round trip.
 */
function resultContent(response: unknown): { text: string; isError?: boolean; keep: boolean } {
  if (response === undefined || response === null) return { text: '', keep: false };
  if (isRecord(response)) {
    const keys = Object.keys(response);
    if (keys.length === 1 && typeof response.output === 'string') return { text: response.output, keep: false };
    if (keys.length === 1 && typeof response.error === 'string') return { text: response.error, isError: true, keep: false };
    if (keys.length === 1 && typeof (response.result ?? response.content) === 'string') return { text: String(response.result ?? response.content), keep: true };
  }
  return { text: typeof response === 'string' ? response : JSON.stringify(response), keep: true };
}

interface OpenCall {
  id: string;
  name: string;
}

export interface DecodeContentsOptions {
  /** Where the contents sit in the body (for error messages). */
  path: ReadonlyArray<PropertyKey>;
}

export function decodeContents(contents: readonly unknown[], options: DecodeContentsOptions): Message[] {
  const messages: Message[] = [];
  const open: OpenCall[] = [];
  let previous: Role | undefined;

  const takeOpen = (id: string | null | undefined, name: string | null | undefined): OpenCall | undefined => {
    let index = id ? open.findIndex((call) => call.id === id) : -1;
    if (index === -1 && !id && name) index = open.findIndex((call) => call.name === name);
    if (index === -1 && !id) index = 0;
    return index >= 0 && index < open.length ? open.splice(index, 1)[0] : undefined;
  };

  contents.forEach((raw, contentIndex) => {
    const path = [...options.path, contentIndex];
    const content = parseAt(contentSchema, raw, path);
    const parts = Array.isArray(content.parts) ? content.parts : [content.parts];
    const role = roleOf(content.role, parts, previous, formatPath(path));
    previous = role === 'system' ? previous : role;
    const extras = toExtras(unknownFields(content, ['role', 'parts']));
    const reader = { strict: true, path: [...path, 'parts'] };

    if (role === 'model') {
      const assistant = decodeModelParts(parts, {
        ...reader,
        callId: (call, partIndex) => call.id || generatedCallId(contentIndex, partIndex, call.name),
      });
      for (const part of assistant) if (part.type === 'tool-call') open.push({ id: part.id, name: part.name });
      if (assistant.length > 0) messages.push({ role: 'assistant', content: assistant, ...(extras ? { extras } : {}) });
      return;
    }

    const decodeResult = (part: WirePart, partIndex: number): ToolResultPart => {
      const response = part.functionResponse!;
      const call = takeOpen(response.id, response.name);
      const toolCallId = response.id || call?.id || generatedCallId(contentIndex, partIndex, response.name ?? '', 'response');
      const toolName = response.name || call?.name;
      const { text, isError, keep } = resultContent(response.response);
      const result: ToolResultPart['content'] = text === '' ? [] : [{ type: 'text', text }];
      const nested = Array.isArray(response.parts) ? response.parts : [];
      nested.forEach((inner, innerIndex) => {
        const innerPart = readPart(inner, { strict: true, path: [...reader.path, partIndex, 'functionResponse', 'parts'] }, innerIndex);
        const media = innerPart ? mediaPart(innerPart, partExtras(innerPart)) : undefined;
        if (media) result.push(media as ImagePart | FilePart);
        else if (innerPart?.text) result.push({ type: 'text', text: innerPart.text } satisfies TextPart);
      });
      let kept = partExtras(part) ?? {};
      const keptResponse: Record<string, unknown> = { ...(isRecord(kept.functionResponse) ? kept.functionResponse : {}) };
      if (keep) keptResponse.response = response.response;
      if (nested.length > 0) keptResponse.parts = nested;
      if (Object.keys(keptResponse).length > 0) kept = { ...kept, functionResponse: keptResponse };
      const wrapped = toExtras(kept);
      return {
        type: 'tool-result',
        toolCallId,
        ...(toolName ? { toolName } : {}),
        content: result,
        ...(isError ? { isError } : {}),
        ...(wrapped ? { extras: wrapped } : {}),
      };
    };

    const segments: UserSegment[] = decodeUserParts(parts, reader, decodeResult);
    segments.forEach((segment, index) => {
      const messageExtras = index === 0 && extras ? { extras } : {};
      if (role === 'system' && segment.role === 'user') {
        const texts = segment.content.filter((part): part is TextPart => part.type === 'text');
        if (texts.length > 0) messages.push({ role: 'system', content: texts, ...messageExtras });
        return;
      }
      messages.push(segment.role === 'tool' ? { role: 'tool', content: segment.content, ...messageExtras } : { role: 'user', content: segment.content, ...messageExtras });
    });
  });
  return messages;
}
