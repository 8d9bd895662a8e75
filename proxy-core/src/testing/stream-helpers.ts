/** Helpers for codec tests: run a decoder or encoder over a whole stream, and check the IR stream invariants. */
import type { StreamPart } from '../ir/index.js';
import type { SseEvent, StreamDecoder, StreamEncoder } from '../formats/wire-format.js';

export function decodeAll(decoder: StreamDecoder, events: readonly SseEvent[], flush = true): StreamPart[] {
  const parts = events.flatMap((event) => decoder.push(event));
  return flush ? [...parts, ...decoder.flush()] : parts;
}

export function encodeAll(encoder: StreamEncoder, parts: readonly StreamPart[]): SseEvent[] {
  return [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()];
}

/**
 * The IR stream invariants: every `*-start` has an `*-end` with the same id (and deltas only inside),
 * `tool-call` follows its `tool-input-end`, `finish` parts come last, an `error` is the very last part.
 */
export function assertLifecycle(parts: readonly StreamPart[]): void {
  const open = new Set<string>();
  const endedTools = new Set<string>();
  const startedTools = new Set<string>();
  let finishing = false;
  parts.forEach((part, position) => {
    const where = `part ${position} (${part.type})`;
    if (finishing && part.type !== 'finish') throw new Error(`${where} comes after a finish part`);
    const [kind, phase] = part.type.startsWith('tool-input-')
      ? ['tool-input', part.type.slice('tool-input-'.length)]
      : part.type.split('-');
    const key = 'id' in part && part.id !== undefined ? `${kind}:${part.id}` : '';
    switch (phase) {
      case 'start':
        if (part.type === 'stream-start') break;
        if (open.has(key)) throw new Error(`${where} reopens ${key}`);
        open.add(key);
        if (kind === 'tool-input') startedTools.add(key);
        break;
      case 'delta':
        if (!open.has(key)) throw new Error(`${where} is outside its block ${key}`);
        break;
      case 'end':
        if (!open.delete(key)) throw new Error(`${where} ends ${key}, which is not open`);
        if (kind === 'tool-input') endedTools.add(key);
        break;
    }
    if (part.type === 'tool-call') {
      const toolKey = `tool-input:${part.id}`;
      if (startedTools.has(toolKey) && !endedTools.has(toolKey)) throw new Error(`${where} comes before its tool-input-end`);
    }
    if (part.type === 'finish') finishing = true;
    if (part.type === 'error' && position !== parts.length - 1) throw new Error(`${where} is not the last part`);
  });
  if (open.size > 0) throw new Error(`blocks never ended: ${[...open].join(', ')}`);
}
