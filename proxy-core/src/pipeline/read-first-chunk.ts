import type { Readable } from 'node:stream';
import { ProxyError } from '../shared/errors.js';

/**
 * Waits for the first chunk of a stream and pauses it, so the response headers can be chosen after the
 * upstream has really started (an error before the first byte can still fail over). `null` = ended empty.
 */
export function readFirstChunk(body: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (body.readableEnded) return resolve(null);
    if (body.destroyed) return reject(new Error('the upstream closed the connection before sending data'));
    const cleanup = () => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      cleanup();
      body.pause();
      resolve(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the upstream closed the connection before sending data'));
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
    // A body paused by an earlier read does not start flowing again by itself.
    if (body.readableFlowing === false) body.resume();
  });
}

/**
 * The first chunk, or for streams that open with events carrying no output (Responses `response.created`,
 * `response.in_progress`) the chunks up to the first real event, so an error right after them is still seen
 * before our first byte. Bounded to 64 KiB.
 */
export async function readLeadingChunks(body: Readable, keepReading: (soFar: Buffer) => boolean): Promise<Buffer | null> {
  let collected = await readFirstChunk(body);
  while (collected && collected.length < 65_536 && keepReading(collected)) {
    const next = await readFirstChunk(body).catch(() => null);
    // `null`: it ended (or broke) after the chunks we have; the pump sees the same state.
    if (!next) break;
    collected = Buffer.concat([collected, next]);
  }
  return collected;
}

/**
 * Reads a whole body into one buffer, at most `limitBytes` of it (`upstream-body-limit-mb`): past that the
 * upstream connection is dropped and the answer is a 502 that names the limit. A body that breaks off is a
 * retryable upstream failure (nothing has reached the client yet).
 */
export function readAll(body: Readable, limitBytes = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        chunks.length = 0;
        body.destroy();
        reject(bodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    body.once('error', (error) => reject(ProxyError.isInstance(error) ? error : brokenBodyError(error.message)));
    body.once('close', () => {
      if (!body.readableEnded) reject(brokenBodyError('the upstream connection closed before the body ended'));
    });
  });
}

/** The upstream answer did not fit the configured memory budget: the same answer would not fit from another account. */
export function bodyTooLargeError(limitBytes: number): ProxyError {
  return new ProxyError(
    `The upstream answer is larger than ${formatMiB(limitBytes)} (upstream-body-limit-mb in config.yaml) and was dropped. Ask for a stream ("stream": true) or raise upstream-body-limit-mb.`,
    { status: 502, code: 'upstream_error', details: { limit_bytes: limitBytes } },
  );
}

function brokenBodyError(reason: string): ProxyError {
  return new ProxyError(`The upstream answer broke off: ${reason}.`, { status: 502, code: 'upstream_error', scope: 'upstream', retryable: true });
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB`;
}
