import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/** Headers for every SSE response: unbuffered (`X-Accel-Buffering: no`) and not cached. */
export function sseHeaders(contentType = 'text/event-stream; charset=utf-8'): Record<string, string> {
  return { 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };
}

export interface StreamWriter {
  /** Writes bytes now (no buffering). */
  write(data: string | Buffer): void;
  end(data?: string): void;
  /** True when the socket asked us to wait (`drain`) before writing more. */
  readonly backpressured: boolean;
  /** Resolves when the client can take more, or went away. */
  drained(): Promise<void>;
  /** True once the client went away. */
  readonly closed: boolean;
  /** Milliseconds since the epoch of the first byte written, or undefined. */
  readonly firstByteAt: number | undefined;
  readonly bytes: number;
  dispose(): void;
}

/**
 * Writes a streaming response. Nothing waits for more data: what arrives is sent in the same event-loop
 * turn. Pieces that arrive within one I/O poll (several upstream events read at once) go out in one
 * socket write (`setImmediate`), which halves the syscalls under load without delaying any event.
 * Backpressure is reported so the upstream can be paused; optional `: keep-alive` comments fill silences.
 */
export function createStreamWriter(res: ServerResponse, options: { now: () => number; keepaliveSeconds: number }): StreamWriter {
  let closed = false;
  let backpressured = false;
  let firstByteAt: number | undefined;
  let bytes = 0;
  let lastWrite = options.now();
  let pending: Array<string | Buffer> = [];
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    scheduled = undefined;
    if (pending.length === 0 || closed || res.writableEnded) return;
    const pieces = pending;
    pending = [];
    const data = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
    if (!res.write(data)) backpressured = true;
  };
  const waiters: Array<() => void> = [];
  const release = () => {
    backpressured = false;
    for (const waiter of waiters.splice(0)) waiter();
  };
  res.on('drain', release);
  res.once('close', () => {
    closed = true;
    release();
  });
  const keepalive =
    options.keepaliveSeconds > 0
      ? setInterval(() => {
          if (closed || res.writableEnded) return;
          if (options.now() - lastWrite >= options.keepaliveSeconds * 1000 - 50 && pending.length === 0) {
            res.write(': keep-alive\n\n');
            lastWrite = options.now();
          }
        }, Math.max(100, options.keepaliveSeconds * 1000))
      : undefined;
  keepalive?.unref();

  return {
    write(data) {
      if (closed || res.writableEnded) return;
      if (firstByteAt === undefined) firstByteAt = options.now();
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      if (keepalive) lastWrite = options.now();
      pending.push(data);
      scheduled ??= setImmediate(flush);
    },
    end(data) {
      if (keepalive) clearInterval(keepalive);
      if (scheduled) clearImmediate(scheduled);
      flush();
      if (res.writableEnded) return;
      if (data) {
        if (firstByteAt === undefined) firstByteAt = options.now();
        bytes += Buffer.byteLength(data);
      }
      res.end(data);
    },
    get backpressured() {
      return backpressured;
    },
    drained: () => (backpressured && !closed ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    get closed() {
      return closed;
    },
    get firstByteAt() {
      return firstByteAt;
    },
    get bytes() {
      return bytes;
    },
    dispose() {
      if (keepalive) clearInterval(keepalive);
      if (scheduled) clearImmediate(scheduled);
      res.off('drain', release);
    },
  };
}

/**
 * Feeds an upstream body to `onChunk` as it arrives (event-driven, no promise per chunk), pausing the
 * upstream while the client is slow. Resolves when the body ends, breaks, or the client leaves (then the
 * upstream request is destroyed at once).
 */
export function pumpBody(body: Readable, writer: StreamWriter, onChunk: (chunk: Buffer) => void): Promise<{ broken?: Error }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: { broken?: Error }) => {
      if (done) return;
      done = true;
      body.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (writer.closed) {
        body.destroy();
        finish({});
        return;
      }
      onChunk(chunk);
      if (writer.backpressured) {
        body.pause();
        void writer.drained().then(() => {
          if (writer.closed) {
            body.destroy();
            finish({});
          } else body.resume();
        });
      }
    };
    body.on('data', onData);
    body.once('end', () => finish({}));
    body.once('error', (error) => finish(writer.closed ? {} : { broken: error }));
    const onClose = () => finish(body.readableEnded || writer.closed ? {} : { broken: new Error('the upstream connection closed mid-stream') });
    body.once('close', onClose);
    // A body whose first chunk was its only one may already have ended (or closed) while it sat paused
    // between the first-chunk read and this pump: its events are gone, so look at its state instead.
    if (body.readableEnded) finish({});
    else if (body.destroyed) onClose();
    else body.resume();
  });
}
