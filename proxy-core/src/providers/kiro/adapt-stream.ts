import { Transform, type Readable } from 'node:stream';
import { claudeMessagesFormat } from '../../formats/claude-messages/index.js';
import { serializeSseEvent } from '../../formats/shared/sse-parser.js';
import type { StreamPart } from '../../ir/index.js';
import type { StreamAdaptContext } from '../provider-definition.js';
import { createEventStreamDecoder, EventStreamError } from './event-stream-decoder.js';
import { createKiroEventDecoder } from './decode-events.js';

/**
 * Kiro's binary event stream → Anthropic Messages SSE, as it arrives (the provider declares the
 * `claude-messages` format, so everything after this — passthrough to Claude clients, translation to the
 * other dialects, collecting a non-stream answer — works unchanged). A corrupt frame ends the stream with an
 * in-band `error` event naming the fault.
 */
export function kiroEventStreamToClaudeSse(body: Readable, context: StreamAdaptContext): Readable {
  const frames = createEventStreamDecoder();
  const events = createKiroEventDecoder();
  const encoder = claudeMessagesFormat.createStreamEncoder({ model: context.model, requestId: context.requestId, created: context.created });
  let started = false;
  let ended = false;

  const render = (parts: StreamPart[]): Buffer | undefined => {
    if (ended) return undefined;
    let out = '';
    for (const part of parts) {
      if (!started) {
        started = true;
        // An error before any content goes out alone, so the pipeline sees a leading error and can fail over.
        if (part.type !== 'error') out += encoder.push({ type: 'stream-start', model: context.model }).map(serializeSseEvent).join('');
      }
      out += encoder.push(part).map(serializeSseEvent).join('');
      if (part.type === 'error' || part.type === 'finish') ended = true;
    }
    return out ? Buffer.from(out) : undefined;
  };
  const corrupt = (error: unknown): Buffer | undefined => {
    if (!(error instanceof EventStreamError)) throw error;
    return render([{ type: 'error', status: 502, message: `Kiro sent a corrupt event stream: ${error.message}`, code: 'upstream_stream_error' }]);
  };

  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const parts = frames.push(chunk).flatMap((message) => events.push(message));
        callback(null, render(parts));
      } catch (error) {
        try {
          callback(null, corrupt(error));
        } catch (unexpected) {
          callback(unexpected as Error);
        }
      }
    },
    flush(callback) {
      try {
        frames.end();
        const parts = events.flush();
        callback(null, Buffer.concat([render(parts) ?? Buffer.alloc(0), Buffer.from(ended ? '' : encoder.flush().map(serializeSseEvent).join(''))]));
      } catch (error) {
        try {
          callback(null, corrupt(error));
        } catch (unexpected) {
          callback(unexpected as Error);
        }
      }
    },
  });
  body.once('error', (error) => transform.destroy(error));
  body.once('close', () => {
    if (!body.readableEnded) transform.destroy(new Error('the upstream connection closed mid-stream'));
  });
  transform.once('close', () => {
    if (!body.readableEnded) body.destroy();
  });
  return body.pipe(transform);
}
