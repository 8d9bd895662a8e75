import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** The server-side limits from `timeouts.*` and `max-connections` (milliseconds; 0 = no limit). */
export interface ServerLimits {
  maxConnections: number;
  requestHeadersMs: number;
  requestBodyIdleMs: number;
  keepAliveMs: number;
}

export interface ConnectionGuardOptions {
  limits: ServerLimits;
  now(): number;
  /** Answers a request whose body stopped arriving (the guard closes the connection afterwards). */
  onStalledBody(req: IncomingMessage, res: ServerResponse, idleMs: number): void;
  /** Told once per burst when the connection table was full and connections were closed to make room. */
  onFull?(detail: { open: number; closed: number; refused: number }): void;
}

export interface ConnectionGuard {
  /** Applies new limits (config reload); connections already open keep theirs until their next request. */
  apply(limits: ServerLimits): void;
  /** Call first thing for every request: counts it as in flight and watches its body. */
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  /** Client connections open right now. */
  readonly open: number;
}

interface Tracked {
  /** Requests (or an upgraded WebSocket) in flight on this connection. */
  busy: number;
}

/**
 * The server's defence against clients that hold connections without using them (slowloris, abandoned
 * keep-alives): Node's headers timeout (`requestTimeout` stays 0 so long answers and slow uploads are never
 * cut as a whole), a per-request body *idle* timeout, the keep-alive timeout, and a connection cap that
 * makes room by closing the longest-idle connections — ones waiting for request headers or sitting idle
 * between requests — so a new client (and `/health`) still gets in. Connections with a request in flight
 * (a long stream, an upload that keeps sending) are never closed to make room.
 */
export function createConnectionGuard(server: Server, options: ConnectionGuardOptions): ConnectionGuard {
  let limits = options.limits;
  // Insertion order = idle order: a connection moves to the end whenever its last request finishes.
  const sockets = new Map<Socket, Tracked>();
  let burst: { closed: number; refused: number } | undefined;

  const applyServer = () => {
    server.headersTimeout = limits.requestHeadersMs;
    server.requestTimeout = 0;
    server.keepAliveTimeout = limits.keepAliveMs;
  };
  applyServer();

  const evictOneIdle = (): boolean => {
    for (const [socket, tracked] of sockets) {
      if (tracked.busy > 0) continue;
      sockets.delete(socket);
      socket.destroy();
      return true;
    }
    return false;
  };

  const noteFull = (kind: 'closed' | 'refused') => {
    if (!burst) {
      burst = { closed: 0, refused: 0 };
      setImmediate(() => {
        const detail = { open: sockets.size, ...burst! };
        burst = undefined;
        options.onFull?.(detail);
      });
    }
    burst[kind]++;
  };

  server.on('connection', (socket: Socket) => {
    if (sockets.size >= limits.maxConnections) {
      if (evictOneIdle()) noteFull('closed');
      else {
        noteFull('refused');
        socket.destroy();
        return;
      }
    }
    sockets.set(socket, { busy: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  // An upgraded connection (the Responses WebSocket) is in use for as long as it lives.
  server.on('upgrade', (req: IncomingMessage) => {
    const tracked = sockets.get(req.socket);
    if (tracked) tracked.busy++;
  });

  const watchBody = (req: IncomingMessage, res: ServerResponse, idleMs: number) => {
    const socket = req.socket;
    let lastBytes = socket.bytesRead;
    let lastChange = options.now();
    const stop = () => {
      clearInterval(timer);
      req.off('end', stop);
      res.off('close', stop);
    };
    // Polls the socket's byte count rather than listening to the body, which belongs to the route handler.
    const check = () => {
      if (req.complete || res.writableEnded || socket.destroyed) return stop();
      const bytes = socket.bytesRead;
      const now = options.now();
      if (bytes !== lastBytes) {
        lastBytes = bytes;
        lastChange = now;
        return;
      }
      if (now - lastChange < idleMs) return;
      // A busy event loop runs timers before reading: look again once pending input has been read.
      setImmediate(decide, bytes);
    };
    const decide = (bytesBefore: number) => {
      if (req.complete || res.writableEnded || socket.destroyed) return stop();
      if (socket.bytesRead !== bytesBefore) {
        lastBytes = socket.bytesRead;
        lastChange = options.now();
        return;
      }
      stop();
      if (!res.headersSent) {
        res.shouldKeepAlive = false;
        res.once('finish', () => socket.destroy());
        options.onStalledBody(req, res, idleMs);
      } else socket.destroy();
    };
    const timer = setInterval(check, Math.max(20, Math.min(1000, Math.floor(idleMs / 4))));
    timer.unref();
    req.once('end', stop);
    res.once('close', stop);
  };

  return {
    apply(next) {
      limits = next;
      applyServer();
    },
    onRequest(req, res) {
      const socket = req.socket;
      const tracked = sockets.get(socket);
      if (tracked) {
        tracked.busy++;
        res.once('close', () => {
          tracked.busy--;
          if (tracked.busy === 0 && sockets.delete(socket) && !socket.destroyed) sockets.set(socket, tracked);
        });
      }
      if (limits.requestBodyIdleMs > 0 && !req.complete && hasBody(req)) watchBody(req, res, limits.requestBodyIdleMs);
    },
    get open() {
      return sockets.size;
    },
  };
}

/**
 * Answers a request the HTTP parser gave up on and closes the connection for good (the server allows half-open
 * sockets, so only ending our side would leave a slow client holding it): 408 when the headers took too long
 * (`timeouts.request-headers-seconds`), 431 when they were too large, otherwise 400.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  const tcp = socket as Partial<Socket>;
  if (typeof tcp.destroySoon === 'function') tcp.destroySoon();
  else socket.destroy();
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/** How often Node checks for overdue request headers: often enough for the configured limit. */
export function connectionsCheckingInterval(requestHeadersMs: number): number {
  return requestHeadersMs > 0 ? Math.max(25, Math.min(5000, Math.floor(requestHeadersMs / 4))) : 30_000;
}
