import { Transform, type Readable } from 'node:stream';
import { createSseParser, serializeSseEvent } from '../formats/shared/sse-parser.js';

type Unwrap = (payload: unknown) => unknown;

function unwrapText(text: string, unwrap: Unwrap): string {
  try {
    return JSON.stringify(unwrap(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** A non-stream body with its envelope removed (e.g. Code Assist's `{response: {…}}`). */
export function unwrapBody(body: Buffer, unwrap: Unwrap): Buffer {
  return Buffer.from(unwrapText(body.toString('utf8'), unwrap));
}

/** An SSE stream whose every `data:` payload has its envelope removed, event by event, as it arrives. */
export function unwrapEventStream(body: Readable, unwrap: Unwrap): Readable {
  let pending = '';
  const parser = createSseParser((event) => {
    pending += serializeSseEvent({ ...event, data: unwrapText(event.data, unwrap) });
  });
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      parser.push(chunk);
      const out = pending;
      pending = '';
      callback(null, out.length > 0 ? Buffer.from(out) : undefined);
    },
    flush(callback) {
      parser.end();
      const out = pending;
      pending = '';
      callback(null, out.length > 0 ? Buffer.from(out) : undefined);
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
