/** Test helpers for the Claude Messages codec tests (fixture loading, stream lifecycle checks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSseParser } from '../../shared/sse-parser.js';
import type { SseEvent } from '../../wire-format.js';
export { assertLifecycle, decodeAll, encodeAll } from '../../../testing/stream-helpers.js';

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

/** Parsed payloads of encoded events. */
export function payloads(events: readonly SseEvent[]): Array<Record<string, any>> {
  return events.map((event) => JSON.parse(event.data) as Record<string, any>);
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
