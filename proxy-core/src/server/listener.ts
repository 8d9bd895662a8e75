/**
 * The proxy's listening sockets: one node:http server per address. `move()` re-listens on another host or port
 * in-process (the LAN switch): the old socket stops accepting, requests already running on it finish, and if the
 * new address cannot be bound the old one is taken back. Closing ends every server.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ProxyError } from '../shared/errors.js';

export interface ListenerDeps {
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Options of each new server (timeouts); default keep-alive 65 s and no request timeout. */
  serverOptions?(): http.ServerOptions;
  /**
   * Called for each new server before it listens (e.g. to guard its connections); may answer a hook that runs
   * first for every request on that server. A `clientError` listener added here replaces the default one.
   */
  onServer?(server: http.Server): ((req: IncomingMessage, res: ServerResponse) => void) | void;
}

export interface Listener {
  /** Binds `host:port` (port 0 picks one); answers the port bound. EADDRINUSE becomes a ProxyError naming the port. */
  listen(host: string, port: number): Promise<number>;
  /** Listens on `host:port` instead of the current address; on failure the current address is listened on again. */
  move(host: string, port: number): Promise<number>;
  /** Stops accepting; idle connections close now, busy ones after at most `graceMs`. */
  close(graceMs: number): Promise<void>;
}

function portInUse(host: string, port: number): ProxyError {
  return new ProxyError(`Port ${port} on ${host} is already in use by another program. Stop it, or choose another port (port in config.yaml, or --port).`, {
    status: 500,
    code: 'internal_error',
    details: { reason: 'EADDRINUSE', port, host },
  });
}

export function createListener(deps: ListenerDeps): Listener {
  const servers = new Set<http.Server>();
  let current: { server: http.Server; host: string; port: number } | null = null;

  const make = () => {
    const server = http.createServer(deps.serverOptions?.() ?? { keepAliveTimeout: 65_000, requestTimeout: 0 });
    server.on('connection', (socket) => socket.setNoDelay(true));
    server.on('upgrade', deps.handleUpgrade);
    const hook = deps.onServer?.(server);
    server.on('request', hook ? (req: IncomingMessage, res: ServerResponse) => (hook(req, res), deps.handleRequest(req, res)) : deps.handleRequest);
    if (server.listenerCount('clientError') === 0) {
      server.on('clientError', (_error, socket) => {
        if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      });
    }
    return server;
  };

  const bind = (host: string, port: number) =>
    new Promise<{ server: http.Server; host: string; port: number }>((resolve, reject) => {
      const server = make();
      const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(host, port) : error);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        servers.add(server);
        server.once('close', () => servers.delete(server));
        const bound = server.address();
        resolve({ server, host, port: bound && typeof bound === 'object' ? bound.port : port });
      });
    });

  /** Stops accepting on `server`; requests in flight on it run to their end. */
  const retire = (server: http.Server) => {
    server.close();
    server.closeIdleConnections();
  };

  return {
    async listen(host, port) {
      current = await bind(host, port);
      return current.port;
    },
    async move(host, port) {
      const previous = current;
      if (!previous) return this.listen(host, port);
      // The old socket must let go first: 0.0.0.0:P and 127.0.0.1:P cannot both be bound.
      retire(previous.server);
      try {
        current = await bind(host, port);
      } catch (error) {
        current = await bind(previous.host, previous.port);
        throw error;
      }
      return current.port;
    },
    async close(graceMs) {
      const all = [...servers];
      await Promise.all(
        all.map(
          (server) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                server.closeAllConnections();
                resolve();
              }, graceMs);
              timer.unref();
              server.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              retire(server);
            }),
        ),
      );
    },
  };
}
