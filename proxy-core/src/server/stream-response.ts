import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Headers for every SSE response: unbuffered (`X-Accel-Buffering: no`) and not cached. */
export function sseHeaders(contentType = 'text/event-stream; charset=utf-8'): Record<string, string> {
  return { 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' };
}

export interface StreamWriter {
  /** Writes bytes now (no buffering); resolves when the socket can take more (backpressure). */
  write(data: string | Buffer): Promise<void>;
  end(data?: string): void;
  /** True once the client went away. */
  readonly closed: boolean;
  /** Milliseconds since the epoch of the first byte written, or undefined. */
  readonly firstByteAt: number | undefined;
  readonly bytes: number;
  dispose(): void;
}

/**
 * Writes a streaming response: every write goes straight to the socket, `drain` is awaited when the
 * client reads slower than the upstream writes, and optional `: keep-alive` comments fill silences.
 */
export function createStreamWriter(res: ServerResponse, options: { now: () => number; keepaliveSeconds: number; keepaliveText?: string }): StreamWriter {
  let closed = false;
  let firstByteAt: number | undefined;
  let bytes = 0;
  let lastWrite = options.now();
  res.once('close', () => {
    closed = true;
  });
  const keepalive =
    options.keepaliveSeconds > 0 && options.keepaliveText !== ''
      ? setInterval(() => {
          if (closed || res.writableEnded) return;
          if (options.now() - lastWrite >= options.keepaliveSeconds * 1000 - 50) {
            res.write(options.keepaliveText ?? ': keep-alive\n\n');
            lastWrite = options.now();
          }
        }, Math.max(100, options.keepaliveSeconds * 1000))
      : undefined;
  keepalive?.unref();

  return {
    async write(data) {
      if (closed || res.writableEnded) return;
      if (firstByteAt === undefined) firstByteAt = options.now();
      bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      lastWrite = options.now();
      if (!res.write(data) && !closed) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
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
    },
  };
}
