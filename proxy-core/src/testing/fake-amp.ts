/**
 * A fake Amp control plane (ampcode.com's own API, not a model API): the routes the Amp CLI calls before any
 * model traffic (`POST /api/internal?getUserInfo`, `?loadPlugins`, `?loadSkills`, `/api/thread-actors`), a thread
 * page, a held-open event stream the test releases and an echoing WebSocket for thread actors, so a test can see the proxy pass Amp's API on and stream it both ways.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface FakeAmpRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeAmp {
  url: string;
  requests: FakeAmpRequest[];
  /** Ends the held-open `GET /api/threads/events` stream with a last event. */
  releaseStream(): void;
  close(): Promise<void>;
}

export const FAKE_AMP_USER = { id: 'user-fake-amp', email: 'amp-user@example.com', displayName: 'Fake Amp User', features: [] as string[], team: null };

export async function startFakeAmp(options: { apiKey?: string } = {}): Promise<FakeAmp> {
  const requests: FakeAmpRequest[] = [];
  const held: http.ServerResponse[] = [];
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake-amp');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
      const publicRoute = url.pathname.startsWith('/threads/') || url.pathname.startsWith('/auth');
      if (!publicRoute && options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return json(res, 401, { error: 'unauthorized', message: 'Invalid Amp API key' });
      if (req.method === 'POST' && url.pathname === '/api/internal') {
        if (url.searchParams.has('getUserInfo')) return json(res, 200, { ok: true, result: FAKE_AMP_USER });
        if (url.searchParams.has('loadPlugins')) return json(res, 200, { ok: true, result: [] });
        if (url.searchParams.has('loadSkills')) return json(res, 200, { ok: true, result: { sources: [] } });
        if (url.searchParams.has('getThread')) return json(res, 200, { ok: false, error: { code: 'thread-not-found' } });
        if (url.searchParams.has('uploadThread')) return json(res, 200, { ok: true, result: { echoedBytes: Buffer.concat(chunks).length } });
        return json(res, 200, { ok: true, result: {} });
      }
      if (url.pathname === '/api/telemetry') return json(res, 200, { ok: true });
      if (req.method === 'POST' && url.pathname === '/api/thread-actors') {
        let asked: { threadId?: string; agentMode?: string } = {};
        try {
          asked = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof asked;
        } catch {
          // an empty or odd body starts a new thread
        }
        return json(res, 200, { threadId: asked.threadId ?? `T-${randomUUID()}`, agentMode: asked.agentMode ?? 'smart' });
      }
      // Amp's own model service (ampcode.com credits): says it answered, and which model it was asked for.
      if (req.method === 'POST' && url.pathname.startsWith('/api/provider/')) {
        let model: unknown;
        try {
          model = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: unknown }).model;
        } catch {
          // a body without JSON still gets an answer
        }
        return json(res, 200, { servedBy: 'fake-amp', path: url.pathname, model: model ?? null });
      }
      if (req.method === 'GET' && url.pathname === '/api/threads/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('data: {"type":"thread-started"}\n\n');
        held.push(res);
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith('/threads/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><body>Thread ${url.pathname.slice('/threads/'.length)}</body></html>`);
        return;
      }
      json(res, 404, { error: 'not_found', message: `fake Amp: no route ${req.method} ${url.pathname}` });
    });
  });
  // Thread actors talk over a WebSocket: this one answers each message with {"echo": <message>}.
  const sockets = new WebSocketServer({ noServer: true });
  sockets.on('connection', (socket) => socket.on('message', (data) => socket.send(JSON.stringify({ echo: data.toString() }))));
  server.on('upgrade', (req, socket, head) => {
    requests.push({ method: `${req.method ?? 'GET'} (upgrade)`, url: req.url ?? '/', headers: req.headers, body: Buffer.alloc(0) });
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (websocket) => sockets.emit('connection', websocket, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    releaseStream() {
      for (const res of held.splice(0)) res.end('data: {"type":"thread-done"}\n\n');
    },
    async close() {
      for (const res of held.splice(0)) res.destroy();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
