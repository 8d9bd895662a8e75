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
 * Writes a streaming response: every write goes straight to the socket, backpressure is reported so the
 * upstream can be paused, and optional `: keep-alive` comments fill silences.
 */
export function createStreamWriter(res: ServerResponse, options: { now: () => number; keepaliveSeconds: number }): StreamWriter {
  let closed = false;
  let backpressured = false;
  let firstByteAt: number | undefined;
  let bytes = 0;
  let lastWrite = options.now();
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
          if (options.now() - lastWrite >= options.keepaliveSeconds * 1000 - 50) {
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
      lastWrite = options.now();
      if (!res.write(data)) backpressured = true;
    },
    end(data) {
      if (keepalive) clearInterval(keepalive);
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
    body.once('close', () => finish(body.readableEnded || writer.closed ? {} : { broken: new Error('the upstream connection closed mid-stream') }));
    body.resume();
  });
}
