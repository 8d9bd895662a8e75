import type { ServerResponse } from 'node:http';
import type { FormatEntry } from '../formats/format-registry.js';
import { createSseParser, serializeSseEvent } from '../formats/shared/sse-parser.js';
import type { EncodeContext, SseEvent } from '../formats/wire-format.js';
import type { StreamPart, Usage } from '../ir/index.js';
import type { ExecuteResult } from '../pipeline/execute.js';
import type { ToolNameRestorer } from '../pipeline/restore-tool-names.js';
import { ProxyError } from '../shared/errors.js';
import { createStreamWriter, pumpBody, sseHeaders } from './stream-response.js';
import { forwardedHeaders, type PassthroughOutcome } from './write-passthrough.js';

export interface TranslateOptions {
  res: ServerResponse;
  client: FormatEntry;
  upstream: FormatEntry;
  result: ExecuteResult;
  context: EncodeContext;
  headers: Record<string, string>;
  now: () => number;
  keepaliveSeconds: number;
  geminiArray: boolean;
  /** Maps renamed tool calls back to the client's names. */
  restorer: ToolNameRestorer;
}

/** Cross-format non-stream answer: upstream body → IR → the client's format. */
export function writeTranslatedBody(options: TranslateOptions): { usage?: Usage } {
  const { res, result } = options;
  let parsed: unknown;
  try {
    parsed = JSON.parse((result.body ?? Buffer.alloc(0)).toString('utf8'));
  } catch (error) {
    throw new ProxyError(`The upstream answered with invalid JSON (${(error as Error).message}).`, { status: 502, code: 'upstream_error' });
  }
  const response = options.restorer.response(options.upstream.wire.decodeResponse(parsed));
  const encoded = options.client.wire.encodeResponse(response, options.context);
  const text = JSON.stringify(encoded);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...forwardedHeaders(result.response.headers),
    ...options.headers,
  });
  res.end(text);
  return { usage: response.usage };
}

/** Cross-format stream: upstream SSE → decoder → IR parts → encoder → client SSE, chunk by chunk. */
export async function writeTranslatedStream(options: TranslateOptions): Promise<PassthroughOutcome> {
  const { res, result } = options;
  const decoder = options.upstream.wire.createStreamDecoder();
  const encoder = options.client.wire.createStreamEncoder(options.context);
  const writer = createStreamWriter(res, { now: options.now, keepaliveSeconds: options.geminiArray ? 0 : options.keepaliveSeconds });
  let usage: Usage | undefined;
  let error: ProxyError | undefined;
  let outputText = '';
  let arrayStarted = false;
  let out: SseEvent[] = [];

  const accept = (parts: StreamPart[]) => {
    for (const decoded of parts) {
      const part = options.restorer.part(decoded);
      if (part.type === 'usage') usage = part.usage;
      else if (part.type === 'finish' && part.usage) usage = part.usage;
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') outputText += part.delta;
      else if (part.type === 'error' && !error) error = new ProxyError(part.message, { status: part.status, code: 'upstream_stream_error' });
      for (const event of encoder.push(part)) out.push(event);
    }
  };
  const parser = createSseParser((event) => accept(decoder.push(event)));
  const drain = () => {
    if (out.length === 0) return;
    let text = '';
    for (const event of out) {
      if (options.geminiArray) {
        text += (arrayStarted ? ',\r\n' : '[') + event.data;
        arrayStarted = true;
      } else text += serializeSseEvent(event);
    }
    out = [];
    writer.write(text);
  };

  res.writeHead(200, {
    ...(options.geminiArray ? { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } : sseHeaders()),
    ...forwardedHeaders(result.response.headers),
    ...options.headers,
  });
  const forward = (chunk: Buffer) => {
    parser.push(chunk);
    drain();
  };
  if (result.firstChunk) forward(result.firstChunk);
  const { broken } = await pumpBody(result.response.body, writer, forward);
  parser.end();
  if (broken) accept([{ type: 'error', status: 502, code: 'upstream_stream_error', message: `The upstream stream broke: ${broken.message}` }]);
  else accept(decoder.flush());
  for (const event of encoder.flush()) out.push(event);
  drain();
  writer.end(options.geminiArray ? (arrayStarted ? ']' : '[]') : undefined);
  writer.dispose();
  return { usage, error, firstByteAt: writer.firstByteAt, bytes: writer.bytes, outputText, clientClosed: writer.closed && !res.writableFinished };
}
