/** Test helpers for the Chat codec tests (fixture loading, stream lifecycle checks). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SseEvent } from '../../wire-format.js';
export { assertLifecycle, decodeAll, encodeAll } from '../../../testing/stream-helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export function loadJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${here}${name}`, 'utf8')) as T;
}

/** A `.chunks.txt` fixture: one SSE `data:` payload per line (vercel/ai convention). */
export function loadChunks(name: string): SseEvent[] {
  return readFileSync(`${here}${name}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ data }));
}

/** Parsed JSON payloads of encoded events (`[DONE]` kept as the string). */
export function payloads(events: readonly SseEvent[]): Array<Record<string, any> | '[DONE]'> {
  return events.map((event) => (event.data === '[DONE]' ? '[DONE]' : (JSON.parse(event.data) as Record<string, any>)));
}

