import type { ServerResponse } from 'node:http';
import { ERROR_ENCODERS } from '../formats/error-encoders.js';
import type { FormatId } from '../ir/index.js';
import type { ProxyError } from '../shared/errors.js';

/**
 * `nonstream-keepalive-interval`: while a non-stream answer is pending, write "\n" every N seconds so proxies and
 * clients with idle timeouts keep the connection (CLIProxyAPI sdk/api/handlers/handlers.go
 * NonStreamingKeepAliveInterval). JSON parsers skip leading whitespace, so the body still parses. The first "\n"
 * commits the status to 200 and the content type to JSON: a later error is written as the JSON error body.
 */
export interface NonStreamKeepalive {
  /** Stops the timer; safe to call more than once. */
  stop(): void;
  /** Whether a "\n" went out (status and headers are then fixed). */
  readonly started: boolean;
}

export interface KeepaliveTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const REAL_TIMERS: KeepaliveTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function startNonStreamKeepalive(res: ServerResponse, seconds: number, headers: Record<string, string>, timers: KeepaliveTimers = REAL_TIMERS): NonStreamKeepalive {
  if (!(seconds > 0)) return { stop() {}, started: false };
  const handle = timers.setInterval(() => {
    if (res.writableEnded || res.destroyed) return;
    if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.write('\n');
    started = true;
  }, seconds * 1000);
  let stopped = false;
  let started = false;
  return {
    get started() {
      return started;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      timers.clearInterval(handle);
    },
  };
}

/** Ends a body whose headers a keep-alive already sent: the bytes only (status and headers are fixed by then). */
export function endAfterKeepalive(res: ServerResponse, body: string | Buffer): boolean {
  if (!res.headersSent) return false;
  res.end(body);
  return true;
}

/** An error after keep-alive newlines: the caller's JSON error object as the rest of the (status 200) body. */
export function endErrorAfterKeepalive(res: ServerResponse, format: FormatId, error: ProxyError): void {
  if (!res.writableEnded) res.end(JSON.stringify(ERROR_ENCODERS[format].encodeError(error).body));
}
