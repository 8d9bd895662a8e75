import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSseParser } from '../formats/shared/sse-parser.js';
import { isLoopbackAddress } from '../shared/network.js';
import type { Clock } from '../shared/clock.js';
import { toProxyError } from '../shared/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../shared/json-depth.js';
import { authenticateClient } from './client-auth.js';
import { createResponsesSocketSession, type ResponsesSocketSession } from './responses-websocket-session.js';
import type { Runtime } from './runtime.js';

/**
 * The Responses API WebSocket transport (`GET /v1/responses` with `Upgrade: websocket`, what Codex CLI tries
 * first). Each `{"type":"response.create", …body}` message is run as a streaming `POST /v1/responses` on
 * this same server — so routing, translation, usage and logs are the HTTP path's — and every SSE event's
 * JSON goes back as one text message. Errors are `{"type":"error", code, message}` messages. Incremental
 * follow-ups (`previous_response_id`, `response.append`) are expanded by the socket's session.
 */
const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete']);
const TERMINAL_DATA = /"type"\s*:\s*"response\.(?:completed|incomplete)"/;

export function createResponsesWebSocket(options: { runtime: Runtime; address: () => { host: string; port: number }; clock: Clock }) {
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const agent = new http.Agent({ keepAlive: true });

  const run = (socket: WebSocket, headers: IncomingMessage['headers'], message: Record<string, unknown>, session: ResponsesSocketSession) =>
    new Promise<void>((resolve) => {
      const prepared = session.prepare(message);
      if (!prepared.ok) {
        send(socket, { type: 'error', status: prepared.error.status, code: prepared.error.code, message: prepared.error.message });
        resolve();
        return;
      }
      if ('local' in prepared) {
        for (const event of prepared.local) send(socket, event);
        resolve();
        return;
      }
      const { stream: _stream, background: _background, ...body } = prepared.body;
      let completed = false;
      const payload = Buffer.from(JSON.stringify({ ...body, stream: true }));
      const { host, port } = options.address();
      const forwarded: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(payload.length) };
      for (const name of ['authorization', 'x-api-key', 'openai-beta', 'user-agent', 'originator', 'session-id', 'x-client-request-id']) {
        const value = headers[name];
        if (typeof value === 'string') forwarded[name] = value;
      }
      const request = http.request({ host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port, path: '/v1/responses', method: 'POST', headers: forwarded, agent }, (response) => {
        if ((response.statusCode ?? 500) >= 400) {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => {
            const error = (() => {
              try {
                return (JSON.parse(text) as { error?: { message?: string; code?: string } }).error;
              } catch {
                return undefined;
              }
            })();
            send(socket, { type: 'error', status: response.statusCode, code: error?.code ?? 'upstream_error', message: error?.message ?? text });
            session.failed();
            resolve();
          });
          return;
        }
        const parser = createSseParser((event) => {
          const terminal = event.event !== undefined ? TERMINAL_EVENTS.has(event.event) : TERMINAL_DATA.test(event.data);
          if (terminal) completed = recordTerminal(session, event.data) || completed;
          if (socket.readyState === socket.OPEN) socket.send(event.data);
        });
        const finish = () => {
          if (!completed) session.failed();
          resolve();
        };
        response.on('data', (chunk: Buffer) => parser.push(chunk));
        response.on('end', () => {
          parser.end();
          finish();
        });
        response.on('error', finish);
        socket.once('close', () => request.destroy());
      });
      request.on('error', (error) => {
        send(socket, { type: 'error', code: 'internal_error', message: error.message });
        session.failed();
        resolve();
      });
      request.end(payload);
    });

  return {
    /** Takes over `GET /v1/responses` upgrades; returns false for anything else. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/v1/responses' && url.pathname !== '/backend-api/codex/responses') return false;
      try {
        authenticateClient(req, url, options.runtime.current().keyRing, isLoopbackAddress(req.socket.remoteAddress), 'openai-responses');
      } catch (raw) {
        const error = toProxyError(raw);
        const body = JSON.stringify({ error: { message: error.message, type: 'invalid_request_error', code: error.code } });
        socket.end(`HTTP/1.1 ${error.status} Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return true;
      }
      server.handleUpgrade(req, socket, head, (websocket) => {
        let queue = Promise.resolve();
        const session = createResponsesSocketSession({ newId: () => randomUUID(), now: () => Math.floor(options.clock.now() / 1000) });
        websocket.on('message', (data, isBinary) => {
          let message: Record<string, unknown>;
          try {
            message = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString()) as Record<string, unknown>;
          } catch {
            send(websocket, { type: 'error', code: 'invalid_json', message: 'Each message must be a JSON object such as {"type":"response.create", "model": …, "input": …}.' });
            return;
          }
          if (typeof message !== 'object' || message === null || Array.isArray(message)) {
            send(websocket, { type: 'error', code: 'invalid_json', message: 'Each message must be a JSON object such as {"type":"response.create", "model": …, "input": …}.' });
            return;
          }
          if (nestsDeeperThan(message, MAX_JSON_DEPTH)) {
            send(websocket, { type: 'error', status: 400, code: 'invalid_request', message: `The message nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.` });
            return;
          }
          if (message.type !== 'response.create' && message.type !== 'response.append') {
            send(websocket, { type: 'error', code: 'unsupported', message: `Unsupported message type "${String(message.type)}": send "response.create".` });
            return;
          }
          // One response at a time per socket, in the order they were asked for.
          queue = queue.then(() => run(websocket, req.headers, message, session));
        });
      });
      return true;
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
      agent.destroy();
    },
  };
}

/** Hand a terminal event's response to the session; true when it was one. */
function recordTerminal(session: ResponsesSocketSession, data: string): boolean {
  try {
    const event = JSON.parse(data) as { response?: unknown };
    if (typeof event.response !== 'object' || event.response === null) return false;
    session.completed(event.response as Record<string, unknown>);
    return true;
  } catch {
    return false;
  }
}

function send(socket: WebSocket, value: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
}
