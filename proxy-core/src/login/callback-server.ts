import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackPage } from './callback-page.js';
import { OAuthError } from './oauth-error.js';
import { fromQuery, type CallbackParams } from './parse-callback.js';

export interface CallbackReply {
  ok: boolean;
  title: string;
  message: string;
}

export interface CallbackServerOptions {
  /** The port to listen on; 0 = any free port. */
  port: number;
  path: string;
  /** Listen on any free port when `port` is taken (only where the vendor accepts any loopback port). */
  anyPortFallback: boolean;
  /** Called for each request to `path`; the reply is shown in the browser. */
  onCallback(params: CallbackParams | undefined): Promise<CallbackReply>;
}

export interface CallbackServer {
  readonly port: number;
  /** True when the server is not on the requested port (it was taken). */
  readonly fellBack: boolean;
  close(): Promise<void>;
}

/**
 * The local server the vendor's authorize page redirects the browser to. It listens on loopback only
 * (127.0.0.1, and ::1 when available, because browsers may resolve `localhost` to either).
 */
export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== options.path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found. This server only receives the sign-in callback.');
      return;
    }
    options
      .onCallback(fromQuery(url.searchParams))
      .catch((error: Error): CallbackReply => ({ ok: false, title: 'Sign-in failed', message: error.message }))
      .then((reply) => {
        res.writeHead(reply.ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
        res.end(callbackPage(reply.ok, reply.title, reply.message));
      });
  };

  const listen = (server: http.Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const primary = http.createServer(handler);
  let port: number;
  let fellBack = false;
  try {
    port = await listen(primary, options.port, '127.0.0.1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    if (!options.anyPortFallback || options.port === 0) {
      throw new OAuthError(`Port ${options.port} is already in use, so the sign-in callback cannot be received there.`, {
        code: 'port_in_use',
        nextStep: `Stop the program using port ${options.port}, choose another port (--oauth-callback-port), or paste the callback address by hand (--no-browser).`,
        cause: error,
      });
    }
    port = await listen(primary, 0, '127.0.0.1');
    fellBack = true;
  }
  // Best effort: the same port on IPv6 loopback.
  const secondary = http.createServer(handler);
  await listen(secondary, port, '::1').catch(() => undefined);

  // Stops listening at once; a callback page still being written is finished first (cut after 2 s).
  const closeServer = (server: http.Server) =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      const timer = setTimeout(() => server.closeAllConnections(), 2000);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
  return {
    port,
    fellBack,
    close: async () => {
      await Promise.all([closeServer(primary), closeServer(secondary)]);
    },
  };
}
