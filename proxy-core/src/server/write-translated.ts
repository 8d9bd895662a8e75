import { endAfterKeepalive } from './nonstream-keepalive.js';
import type { ServerResponse } from 'node:http';
import type { FormatEntry } from '../formats/format-registry.js';
import { serializeSseEvent } from '../formats/shared/sse-parser.js';
import type { EncodeContext, SseEvent } from '../formats/wire-format.js';
import type { Usage } from '../ir/index.js';
import type { ExecuteResult } from '../pipeline/execute.js';
import type { ToolNameRestorer } from '../pipeline/restore-tool-names.js';
import { createStreamTranslation, translateBody } from '../pipeline/translate-stream.js';
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
  const { body, response } = translateBody(options.upstream, options.client, parsed, options.context, options.restorer);
  const text = JSON.stringify(body);
  if (endAfterKeepalive(res, text)) return { usage: response.usage };
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
  const translation = createStreamTranslation(options.upstream, options.client, options.context, options.restorer);
  const writer = createStreamWriter(res, { now: options.now, keepaliveSeconds: options.geminiArray ? 0 : options.keepaliveSeconds });
  let arrayStarted = false;
  const send = (events: SseEvent[]) => {
    if (events.length === 0) return;
    let text = '';
    for (const event of events) {
      if (options.geminiArray) {
        text += (arrayStarted ? ',\r\n' : '[') + event.data;
        arrayStarted = true;
      } else text += serializeSseEvent(event);
    }
    writer.write(text);
  };

  res.writeHead(200, {
    ...(options.geminiArray ? { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } : sseHeaders()),
    ...forwardedHeaders(result.response.headers),
    ...options.headers,
  });
  const forward = (chunk: Buffer) => send(translation.push(chunk));
  if (result.firstChunk) forward(result.firstChunk);
  const { broken } = await pumpBody(result.response.body, writer, forward);
  send(translation.end(broken));
  writer.end(options.geminiArray ? (arrayStarted ? ']' : '[]') : undefined);
  writer.dispose();
  const error = translation.error ? new ProxyError(translation.error.message, { status: translation.error.status, code: 'upstream_stream_error' }) : undefined;
  return { usage: translation.usage, error, firstByteAt: writer.firstByteAt, bytes: writer.bytes, outputText: translation.outputText, clientClosed: writer.closed && !res.writableFinished };
}
