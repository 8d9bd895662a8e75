import type { ServerResponse } from 'node:http';
import type { FormatEntry } from '../formats/format-registry.js';
import { createSseParser, serializeSseEvent } from '../formats/shared/sse-parser.js';
import type { SseEvent } from '../formats/wire-format.js';
import type { FormatId, Usage } from '../ir/index.js';
import type { ExecuteResult } from '../pipeline/execute.js';
import { ProxyError } from '../shared/errors.js';
import { createStreamWriter, sseHeaders } from './stream-response.js';

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
}

/** Same-format non-stream answer: the upstream's bytes, unchanged. */
export function writePassthroughBody(res: ServerResponse, result: ExecuteResult, headers: Record<string, string>): void {
  const body = result.body ?? Buffer.alloc(0);
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
  let outputText = '';
  let arrayStarted = false;
  const pending: SseEvent[] = [];
  const parser = createSseParser((event) => {
    sniffer.push(event);
    if (options.collectText) outputText += textOf(format.id, event);
    if (options.geminiArray) pending.push(event);
  });

  res.writeHead(200, {
    ...(options.geminiArray ? { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } : sseHeaders()),
    ...forwardedHeaders(result.response.headers),
    ...options.headers,
  });

  const emit = async (chunk: Buffer) => {
    parser.push(chunk);
    if (!options.geminiArray) return writer.write(chunk);
    while (pending.length > 0) {
      const event = pending.shift()!;
      await writer.write((arrayStarted ? ',\r\n' : '[') + event.data);
      arrayStarted = true;
    }
  };

  let error: ProxyError | undefined;
  try {
    if (result.firstChunk) await emit(result.firstChunk);
    for await (const chunk of result.response.body) {
      if (writer.closed) break;
      await emit(chunk as Buffer);
    }
    parser.end();
    if (options.geminiArray) await emit(Buffer.alloc(0));
    if (!writer.closed && !sniffer.sawTerminal()) {
      if (format.id === 'openai-chat') await writer.write('data: [DONE]\n\n');
      else error = closedEarly();
    }
  } catch (cause) {
    if (!writer.closed) error = new ProxyError(`The upstream stream broke: ${(cause as Error).message}`, { status: 502, code: 'upstream_stream_error', cause });
  }
  if (error && !writer.closed) {
    if (options.geminiArray) await writer.write((arrayStarted ? ',\r\n' : '[') + JSON.stringify(format.errors.encodeError(error).body));
    else for (const event of format.errors.encodeStreamError(error)) await writer.write(serializeSseEvent(event));
  }
  writer.end(options.geminiArray ? (arrayStarted || error ? ']' : '[]') : undefined);
  writer.dispose();
  if (writer.closed && !result.response.body.destroyed) result.response.body.destroy();
  return { usage: sniffer.usage(), error, firstByteAt: writer.firstByteAt, bytes: writer.bytes, outputText, clientClosed: writer.closed && !res.writableFinished };
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
