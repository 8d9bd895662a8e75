/** Test helpers for the Gemini codec tests (fixture loading, stream runs, lifecycle checks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamPart } from '../../../ir/index.js';
import type { SseEvent, StreamDecoder, StreamEncoder } from '../../wire-format.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export function loadJson<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(`${here}${name}`, 'utf8')) as T;
}

/** A `.chunks.txt` fixture: one SSE `data:` payload per line (vercel/ai convention). */
export function loadChunks(name: string): SseEvent[] {
  return readFileSync(`${here}${name}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ data }));
}

export function decodeAll(decoder: StreamDecoder, events: readonly SseEvent[], flush = true): StreamPart[] {
  const parts = events.flatMap((event) => decoder.push(event));
  return flush ? [...parts, ...decoder.flush()] : parts;
}

export function encodeAll(encoder: StreamEncoder, parts: readonly StreamPart[]): SseEvent[] {
  return [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()];
}

export function payloads(events: readonly SseEvent[]): Array<Record<string, any>> {
  return events.map((event) => JSON.parse(event.data) as Record<string, any>);
}

/**
 * The IR stream invariants: every `*-start` has an `*-end` with the same id (and deltas only inside),
 * `tool-call` follows its `tool-input-end`, `finish` parts come last, an `error` is the very last part.
 */
export function assertLifecycle(parts: readonly StreamPart[]): void {
  const open = new Set<string>();
  const ended = new Set<string>();
  let finishing = false;
  parts.forEach((part, position) => {
    const where = `part ${position} (${part.type})`;
    if (finishing && part.type !== 'finish') throw new Error(`${where} comes after a finish part`);
    if (part.type === 'error' && position !== parts.length - 1) throw new Error(`${where} is not the last part`);
    const match = /^(text|reasoning|tool-input)-(start|delta|end)$/.exec(part.type);
    if (match && 'id' in part) {
      const key = `${match[1]}:${part.id}`;
      if (match[2] === 'start') {
        if (open.has(key)) throw new Error(`${where} reopens ${key}`);
        open.add(key);
      } else if (match[2] === 'delta') {
        if (!open.has(key)) throw new Error(`${where} is outside its block ${key}`);
      } else {
        if (!open.delete(key)) throw new Error(`${where} ends ${key}, which is not open`);
        ended.add(key);
      }
    }
    if (part.type === 'tool-call' && open.has(`tool-input:${part.id}`)) throw new Error(`${where} comes before its tool-input-end`);
    if (part.type === 'finish') finishing = true;
  });
  if (open.size > 0) throw new Error(`blocks never ended: ${[...open].join(', ')}`);
}
