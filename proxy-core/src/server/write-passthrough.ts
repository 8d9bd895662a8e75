import { endAfterKeepalive } from './nonstream-keepalive.js';
import type { ServerResponse } from 'node:http';
import type { FormatEntry } from '../formats/format-registry.js';
import { createSseParser, serializeSseEvent } from '../formats/shared/sse-parser.js';
import type { SseEvent } from '../formats/wire-format.js';
import type { FormatId, Usage } from '../ir/index.js';
import type { ExecuteResult } from '../pipeline/execute.js';
import { renameModelFields } from '../pipeline/rewrite-model.js';
import { ProxyError } from '../shared/errors.js';
import { createStreamWriter, pumpBody, sseHeaders } from './stream-response.js';

/** Upstream headers worth passing to clients (rate-limit information). */
const FORWARDED = /^(x-ratelimit-|anthropic-ratelimit-|retry-after$|openai-processing-ms$)/;

export function forwardedHeaders(upstream: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) if (FORWARDED.test(name)) headers[name] = value;
  return headers;
}

export interface PassthroughOutcome {
  usage?: Usage;
  /** Set when the stream ended badly (upstream reset, closed early). */
  error?: ProxyError;
  firstByteAt?: number;
  bytes: number;
  /** Text the model produced, collected only when usage had to be estimated. */
  outputText: string;
  clientClosed: boolean;
}

export interface PassthroughOptions {
  res: ServerResponse;
  format: FormatEntry;
  result: ExecuteResult;
  headers: Record<string, string>;
  now: () => number;
  keepaliveSeconds: number;
  /** Gemini clients that did not ask for `alt=sse` get Google's JSON-array stream. */
  geminiArray: boolean;
  /** Collect output text for a token estimate (the client did not ask for usage). */
  collectText: boolean;
  /** The id the client asked for, when the upstream's answer names another (mapping, alias): events are renamed. */
  renameModel?: string;
}

/** Same-format non-stream answer: the upstream's bytes, unchanged but for the model's name when `renameModel` is set. */
export function writePassthroughBody(res: ServerResponse, result: ExecuteResult, headers: Record<string, string>, renameModel?: string): void {
  const raw = result.body ?? Buffer.alloc(0);
  const body = renameModel && raw.length > 0 ? Buffer.from(renameModelFields(raw.toString('utf8'), renameModel)) : raw;
  if (endAfterKeepalive(res, body)) return;
  res.writeHead(result.response.status, {
    'content-type': result.response.headers['content-type'] ?? 'application/json',
    'content-length': body.length,
    ...forwardedHeaders(result.response.headers),
    ...headers,
  });
  res.end(body);
}

/**
 * Same-format stream: upstream bytes go to the client as they arrive. A parser reads usage on the side.
 * OpenAI Chat streams always end with `data: [DONE]`; other formats get an in-band error if the upstream
 * closed before its terminal event.
 */
export async function writePassthroughStream(options: PassthroughOptions): Promise<PassthroughOutcome> {
  const { res, result, format } = options;
  const sniffer = format.createUsageSniffer();
  const writer = createStreamWriter(res, { now: options.now, keepaliveSeconds: options.geminiArray ? 0 : options.keepaliveSeconds });
  // Raw payloads kept only to estimate tokens if the upstream never reports usage (parsed at the end, if at all).
  const kept: string[] = [];
  let keptBytes = 0;
  let arrayStarted = false;
  const arrayItem = (json: string) => {
    writer.write((arrayStarted ? ',\r\n' : '[') + json);
    arrayStarted = true;
  };
  const rename = options.renameModel;
  const parser = createSseParser((event) => {
    sniffer.push(event);
    if (options.collectText && keptBytes < 8 * 1024 * 1024 && event.data.includes('"content"')) {
      kept.push(event.data);
      keptBytes += event.data.length;
    }
    if (options.geminiArray) arrayItem(event.data);
  });
  // Renaming works on whole lines (a JSON data line never spans two), so every other byte still passes unchanged.
  let carry: Buffer | undefined;
  const writeRenamed = (chunk: Buffer, final: boolean) => {
    const joined = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = final ? joined.length - 1 : joined.lastIndexOf(0x0a);
    carry = cut + 1 < joined.length ? joined.subarray(cut + 1) : undefined;
    if (cut >= 0) writer.write(renameModelFields(joined.subarray(0, cut + 1).toString('utf8'), rename!));
  };

  res.writeHead(200, {
    ...(options.geminiArray ? { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } : sseHeaders()),
    ...forwardedHeaders(result.response.headers),
    ...options.headers,
  });
  const forward = (chunk: Buffer) => {
    parser.push(chunk);
    if (options.geminiArray) return;
    if (rename) writeRenamed(chunk, false);
    else writer.write(chunk);
  };
  if (result.firstChunk) forward(result.firstChunk);
  const { broken } = await pumpBody(result.response.body, writer, forward);
  parser.end();
  if (carry) writeRenamed(Buffer.alloc(0), true);

  let error: ProxyError | undefined;
  if (broken) error = new ProxyError(`The upstream stream broke: ${broken.message}`, { status: 502, code: 'upstream_stream_error', cause: broken });
  else if (!writer.closed && !sniffer.sawTerminal()) {
    if (format.id === 'openai-chat') writer.write('data: [DONE]\n\n');
    else error = closedEarly();
  }
  if (error && !writer.closed) {
    if (options.geminiArray) arrayItem(JSON.stringify(format.errors.encodeError(error).body));
    else for (const event of format.errors.encodeStreamError(error)) writer.write(serializeSseEvent(event));
  }
  writer.end(options.geminiArray ? (arrayStarted ? ']' : '[]') : undefined);
  writer.dispose();
  const usage = sniffer.usage();
  return {
    usage,
    error,
    firstByteAt: writer.firstByteAt,
    bytes: writer.bytes,
    outputText: usage ? '' : kept.map((data) => textOf(format.id, { data })).join(''),
    clientClosed: writer.closed && !res.writableFinished,
  };
}

function closedEarly(): ProxyError {
  return new ProxyError('The upstream closed the stream before it finished; the answer may be incomplete.', {
    status: 502,
    code: 'upstream_stream_error',
  });
}

/** Visible text of one event, for estimating output tokens when the upstream reports none. */
function textOf(format: FormatId, event: SseEvent): string {
  if (format !== 'openai-chat' || event.data === '[DONE]' || !event.data.includes('"content"')) return '';
  try {
    const chunk = JSON.parse(event.data) as { choices?: Array<{ delta?: { content?: unknown; reasoning_content?: unknown } }> };
    let text = '';
    for (const choice of chunk.choices ?? []) {
      if (typeof choice.delta?.content === 'string') text += choice.delta.content;
      if (typeof choice.delta?.reasoning_content === 'string') text += choice.delta.reasoning_content;
    }
    return text;
  } catch {
    return '';
  }
}
