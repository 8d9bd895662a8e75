import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { ProxyError } from '../shared/errors.js';

/** How long one upstream call may stay silent, per phase (milliseconds; 0 = no limit). */
export interface UpstreamTimeouts {
  /** TCP connect to the upstream (or its proxy). */
  connectMs: number;
  /** From sending the request to the response headers. */
  firstByteMs: number;
  /** Between two chunks of the response body. */
  idleMs: number;
}

const KEYS = {
  connect: 'timeouts.upstream-connect-seconds',
  firstByte: 'timeouts.upstream-first-byte-seconds',
  idle: 'timeouts.upstream-idle-seconds',
} as const;

const seconds = (ms: number) => `${ms / 1000} s`;

/** A connect that did not finish in time: like an unreachable host, another base URL or credential may work. */
export function connectTimeoutError(host: string, ms: number): ProxyError {
  return new ProxyError(`Could not reach ${host}: no connection within ${seconds(ms)} (${KEYS.connect}). Check the network or proxy-url.`, {
    status: 502,
    code: 'upstream_unreachable',
    scope: 'upstream',
    retryable: true,
  });
}

/** The upstream took the request and said nothing: another credential is tried (this one cools as transient). */
export function firstByteTimeoutError(host: string, ms: number, key: string | undefined = KEYS.firstByte): ProxyError {
  return new ProxyError(`${host} sent no response within ${seconds(ms)}${key ? ` (${key}; raise it for very slow models)` : ''}.`, {
    status: 504,
    code: 'upstream_error',
    scope: 'upstream',
    retryable: true,
  });
}

/** The answer started, then stopped: the body (or stream) breaks with this error. */
export function idleTimeoutError(host: string, ms: number): ProxyError {
  return new ProxyError(`${host} stopped sending the answer: nothing for ${seconds(ms)} (${KEYS.idle}).`, {
    status: 504,
    code: 'upstream_stream_error',
    scope: 'upstream',
    retryable: true,
  });
}

/** Fails the request when its socket has not connected within `ms`. Reused kept-alive sockets are already connected. */
export function armConnectTimeout(outgoing: ClientRequest, ms: number, onTimeout: () => void): void {
  if (ms <= 0) return;
  outgoing.once('socket', (socket: Socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(onTimeout, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    socket.once('connect', clear);
    outgoing.once('close', clear);
  });
}

/**
 * Breaks the response body with `error` when no bytes arrive for `ms`. Silence while *we* hold the body
 * (paused because the client reads slowly, or data waiting unread) is not the upstream's fault and is ignored.
 * Uses the socket's own idle timer (reset by every read), cleared when the body ends so a kept-alive socket
 * goes back to the pool without it.
 */
export function armIdleTimeout(outgoing: ClientRequest, incoming: IncomingMessage, ms: number, error: () => Error): void {
  const socket = incoming.socket;
  if (ms <= 0 || !socket) return;
  const judge = (bytesAtTimeout: number) => {
    // Bytes that were waiting while the timer fired (a busy event loop runs timers before reading) restarted it.
    if (incoming.complete || incoming.destroyed || socket.bytesRead !== bytesAtTimeout) return;
    if (incoming.readableFlowing === false || incoming.readableLength > 0) {
      // Restarted: the timer fired once and otherwise restarts only on traffic, which waits for us to read on.
      socket.setTimeout(ms);
      return;
    }
    incoming.destroy(error());
    outgoing.destroy();
  };
  const onTimeout = () => {
    const bytes = socket.bytesRead;
    setImmediate(() => judge(bytes));
  };
  const clear = () => {
    socket.off('timeout', onTimeout);
    if (!socket.destroyed) socket.setTimeout(0);
  };
  socket.setTimeout(ms);
  socket.on('timeout', onTimeout);
  incoming.once('end', clear);
  incoming.once('close', clear);
}
