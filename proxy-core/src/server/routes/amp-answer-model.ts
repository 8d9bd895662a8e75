/**
 * After an `ampcode.model-mappings` rename, answers name the model the caller asked for, as the reference's
 * Amp response rewriter does: top-level `model`, `modelVersion`, `message.model` and `response.model` /
 * `response.modelVersion`, in JSON bodies and in each `data: {…}` line of an event stream.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

const PATHS: ReadonlyArray<readonly string[]> = [['model'], ['modelVersion'], ['message', 'model'], ['response', 'model'], ['response', 'modelVersion']];

function renameIn(value: unknown, model: string): boolean {
  if (Array.isArray(value)) return value.map((item) => renameIn(item, model)).some(Boolean);
  let changed = false;
  for (const path of PATHS) {
    let holder: unknown = value;
    for (const key of path.slice(0, -1)) holder = holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[key] : undefined;
    const last = path.at(-1)!;
    if (holder && typeof holder === 'object' && !Array.isArray(holder) && typeof (holder as Record<string, unknown>)[last] === 'string') {
      (holder as Record<string, unknown>)[last] = model;
      changed = true;
    }
  }
  return changed;
}

/** A JSON text with the model fields renamed, or the same text when it has none (or is not JSON). */
export function renameModelInJson(text: string, model: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return renameIn(value, model) ? JSON.stringify(value) : text;
  } catch {
    return text;
  }
}

function renameInEventLine(line: string, model: string): string {
  const match = /^data: ?(\{.*)$/s.exec(line);
  return match ? `data: ${renameModelInJson(match[1], model)}` : line;
}

/** Wraps `res` so everything written from now on names `model`; the body length changes, so no content-length. */
export function answerAsModel(res: ServerResponse, model: string): void {
  const write = res.write.bind(res) as (chunk: string | Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: string | Buffer) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  let buffered = '';
  let carry = '';
  const mode = () => {
    const type = String(res.getHeader('content-type') ?? '');
    return type.includes('event-stream') ? 'sse' : type.includes('json') ? 'json' : 'other';
  };
  const toText = (chunk: unknown) => (typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '');
  const streamed = (text: string) => {
    const lines = (carry + text).split('\n');
    carry = lines.pop() ?? '';
    return lines.length === 0 ? '' : `${lines.map((line) => renameInEventLine(line, model)).join('\n')}\n`;
  };

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((item) => item && typeof item === 'object') as OutgoingHttpHeaders | undefined;
    if (headers) for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'content-length' && value !== undefined) res.setHeader(name, value);
    res.removeHeader('content-length');
    return writeHead(status);
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    const kind = mode();
    if (kind === 'other') return (write as (chunk: unknown, ...more: unknown[]) => boolean)(chunk, ...rest);
    if (kind === 'json') buffered += toText(chunk);
    const out = kind === 'sse' ? streamed(toText(chunk)) : '';
    callback?.();
    return out ? write(out) : true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    const kind = mode();
    if (kind === 'other') return (end as (chunk?: unknown, ...more: unknown[]) => ServerResponse)(chunk, ...rest);
    const text = typeof chunk === 'function' ? '' : toText(chunk);
    if (kind === 'json') {
      const body = renameModelInJson(buffered + text, model);
      buffered = '';
      end(body);
    } else {
      const out = streamed(text) + (carry ? renameInEventLine(carry, model) : '');
      carry = '';
      end(out);
    }
    callback?.();
    return res;
  }) as ServerResponse['end'];
}
