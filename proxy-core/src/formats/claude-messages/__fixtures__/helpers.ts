/** Test helpers for the Claude Messages codec tests (fixture loading, stream lifecycle checks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamPart } from '../../../ir/index.js';
import { createSseParser } from '../../shared/sse-parser.js';
import type { SseEvent, StreamDecoder, StreamEncoder } from '../../wire-format.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export function loadJson<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(`${here}${name}`, 'utf8')) as T;
}

/** A `.sse` fixture: a captured event stream, parsed with our SSE parser. */
export function loadSse(name: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  parser.push(readFileSync(`${here}${name}`, 'utf8'));
  parser.end();
  return events;
}

export function decodeAll(decoder: StreamDecoder, events: readonly SseEvent[], flush = true): StreamPart[] {
  const parts = events.flatMap((event) => decoder.push(event));
  return flush ? [...parts, ...decoder.flush()] : parts;
}

export function encodeAll(encoder: StreamEncoder, parts: readonly StreamPart[]): SseEvent[] {
  return [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()];
}

/** Parsed payloads of encoded events. */
export function payloads(events: readonly SseEvent[]): Array<Record<string, any>> {
  return events.map((event) => JSON.parse(event.data) as Record<string, any>);
}

/**
 * The IR stream invariants: every `*-start` has an `*-end` with the same id (deltas only inside),
 * `tool-call` follows its `tool-input-end`, `finish` comes last, an `error` is the very last part.
 */
export function assertLifecycle(parts: readonly StreamPart[]): void {
  const open = new Set<string>();
  const startedTools = new Set<string>();
  const endedTools = new Set<string>();
  let finished = false;
  parts.forEach((part, position) => {
    const where = `part ${position} (${part.type})`;
    if (finished) throw new Error(`${where} comes after the finish part`);
    const [kind, phase] = part.type.startsWith('tool-input-') ? ['tool-input', part.type.slice('tool-input-'.length)] : part.type.split('-');
    const key = 'id' in part && part.id !== undefined ? `${kind}:${part.id}` : '';
    if (phase === 'start' && part.type !== 'stream-start') {
      if (open.has(key)) throw new Error(`${where} reopens ${key}`);
      open.add(key);
      if (kind === 'tool-input') startedTools.add(key);
    } else if (phase === 'delta' && !open.has(key)) throw new Error(`${where} is outside its block ${key}`);
    else if (phase === 'end') {
      if (!open.delete(key)) throw new Error(`${where} ends ${key}, which is not open`);
      if (kind === 'tool-input') endedTools.add(key);
    }
    if (part.type === 'tool-call' && startedTools.has(`tool-input:${part.id}`) && !endedTools.has(`tool-input:${part.id}`)) {
      throw new Error(`${where} comes before its tool-input-end`);
    }
    if (part.type === 'finish') finished = true;
    if (part.type === 'error' && position !== parts.length - 1) throw new Error(`${where} is not the last part`);
  });
  if (open.size > 0) throw new Error(`blocks never ended: ${[...open].join(', ')}`);
}

/**
 * The Claude SSE grammar a client expects: `message_start` first, blocks with increasing indexes that never
 * interleave (start → deltas → stop), `message_delta` then `message_stop` last — or an `error` event last.
 */
export function assertClaudeGrammar(events: readonly SseEvent[]): void {
  const list = payloads(events);
  list.forEach((payload, position) => {
    if (events[position].event !== payload.type) throw new Error(`event ${position}: name ${events[position].event} ≠ type ${payload.type}`);
  });
  const last = list.at(-1);
  if (last?.type === 'error') {
    if (list.slice(0, -1).some((payload) => payload.type === 'error')) throw new Error('more than one error event');
    return;
  }
  if (list[0]?.type !== 'message_start') throw new Error('the stream does not begin with message_start');
  if (last?.type !== 'message_stop' || list.at(-2)?.type !== 'message_delta') throw new Error('the stream does not end with message_delta, message_stop');
  let open: number | undefined;
  let expected = 0;
  for (const payload of list) {
    if (payload.type === 'content_block_start') {
      if (open !== undefined) throw new Error(`block ${payload.index} starts while block ${open} is open`);
      if (payload.index !== expected) throw new Error(`block index ${payload.index}, expected ${expected}`);
      open = payload.index;
      expected++;
    } else if (payload.type === 'content_block_delta' && payload.index !== open) throw new Error(`delta for block ${payload.index} while ${open} is open`);
    else if (payload.type === 'content_block_stop') {
      if (payload.index !== open) throw new Error(`stop for block ${payload.index} while ${open} is open`);
      open = undefined;
    } else if (payload.type === 'message_delta' && open !== undefined) throw new Error('message_delta while a block is open');
  }
}
