import type { IncomingMessage } from 'node:http';
import { PassThrough, type Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Credential } from '../credentials/credential.js';
import type { UpstreamResponse } from '../pipeline/http-client.js';
import type { UpstreamHttpRequest } from '../providers/provider-definition.js';
import type { Cancellation } from '../shared/cancellation.js';
import { ProxyError } from '../shared/errors.js';
import { sha256Hex } from '../shared/ids.js';

/** The relay endpoint a browser app (AI Studio Build) connects to (CLIProxyAPI internal/wsrelay). */
export const RELAY_PATH = '/v1/ws';
/** Base URL scheme of relay credentials: `wsrelay://<session>`. */
export const RELAY_SCHEME = 'wsrelay://';

/** One frame in either direction: `{id, type, payload}` (CLIProxyAPI internal/wsrelay/message.go). */
const frameSchema = z.object({
  id: z.string(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()).optional(),
});
type Frame = z.infer<typeof frameSchema>;

export interface RelayHubDeps {
  /** The Generative Language base the tab is asked to call (`…/v1beta`). */
  upstreamBase: string;
  newId(): string;
  now(): number;
  log(level: 'info' | 'warn', message: string): void;
  /** Called with every connected tab's credential whenever one connects or disconnects. */
  onChange(credentials: Credential[]): void;
  /** Rejects the upgrade (throws a ProxyError) when the client may not connect (`ws-auth`). */
  authenticate(req: IncomingMessage, url: URL): void;
}

interface Pending {
  resolve(response: UpstreamResponse): void;
  fail(error: ProxyError): void;
  body?: PassThrough;
}

interface Session {
  id: string;
  socket: WebSocket;
  pending: Map<string, Pending>;
  credential: Credential;
}

export interface RelayHub {
  /** Takes over `GET /v1/ws` upgrades; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sends one HTTP-like request to the tab behind `sessionId` and resolves with its answer (streams as they come). */
  send(sessionId: string, request: UpstreamHttpRequest, signal: Cancellation): Promise<UpstreamResponse>;
  credentials(): Credential[];
  close(): void;
}

function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.filter((item) => typeof item === 'string').join(', ');
  }
  return out;
}

const statusOf = (payload: Record<string, unknown> | undefined, fallback: number) => (typeof payload?.status === 'number' ? payload.status : fallback);

function relayCredential(id: string): Credential {
  return {
    id: `aistudio-${id}`,
    authIndex: sha256Hex(`aistudio|${id}`).slice(0, 16),
    provider: 'aistudio',
    group: 'aistudio',
    kind: 'api-key',
    label: `AI Studio tab ${id}`,
    priority: 0,
    baseUrl: `${RELAY_SCHEME}${id}`,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: `${RELAY_SCHEME}${id}`,
    source: { type: 'runtime', origin: 'aistudio-relay' },
  };
}

/**
 * The `/v1/ws` relay: each connected browser tab is one `aistudio` credential. Requests go out as `http_request`
 * frames and come back as `http_response`, or `stream_start` / `stream_chunk` / `stream_end`, or `error`.
 */
export function createRelayHub(deps: RelayHubDeps): RelayHub {
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const sessions = new Map<string, Session>();
  const publish = () => deps.onChange([...sessions.values()].map((session) => session.credential));

  const answer = (session: Session, frame: Frame) => {
    if (frame.type === 'ping') {
      session.socket.send(JSON.stringify({ id: frame.id, type: 'pong' }));
      return;
    }
    const pending = session.pending.get(frame.id);
    if (!pending) return;
    const payload = frame.payload;
    const done = () => session.pending.delete(frame.id);
    if (frame.type === 'http_response') {
      done();
      const body = new PassThrough();
      body.end(typeof payload?.body === 'string' ? payload.body : '');
      pending.resolve({ status: statusOf(payload, 200), headers: headerMap(payload?.headers), body });
    } else if (frame.type === 'stream_start' || (frame.type === 'stream_chunk' && !pending.body)) {
      pending.body = new PassThrough();
      pending.resolve({ status: statusOf(frame.type === 'stream_start' ? payload : undefined, 200), headers: headerMap(frame.type === 'stream_start' ? payload?.headers : {}), body: pending.body });
      if (frame.type === 'stream_chunk' && typeof payload?.data === 'string') pending.body.write(payload.data);
    } else if (frame.type === 'stream_chunk') {
      if (typeof payload?.data === 'string') pending.body!.write(payload.data);
    } else if (frame.type === 'stream_end') {
      done();
      if (pending.body) pending.body.end();
      else pending.resolve({ status: 200, headers: {}, body: new PassThrough().end() });
    } else if (frame.type === 'error') {
      done();
      const message = typeof payload?.error === 'string' && payload.error ? payload.error : 'the AI Studio tab reported an upstream error';
      pending.fail(new ProxyError(`AI Studio tab ${session.id}: ${message}`, { status: statusOf(payload, 502), code: 'upstream_error' }));
    }
  };

  const disconnect = (session: Session, reason: string) => {
    if (sessions.get(session.id) !== session) return;
    sessions.delete(session.id);
    for (const pending of session.pending.values()) {
      pending.fail(new ProxyError(`AI Studio tab ${session.id} disconnected (${reason}) before it answered; reopen the AI Studio Build app to reconnect.`, { status: 503, code: 'upstream_unreachable' }));
    }
    session.pending.clear();
    deps.log('info', `AI Studio tab ${session.id} disconnected (${reason})`);
    publish();
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== RELAY_PATH) return false;
      try {
        deps.authenticate(req, url);
      } catch (raw) {
        const error = raw instanceof ProxyError ? raw : new ProxyError(String((raw as Error)?.message ?? raw), { status: 401, code: 'forbidden' });
        const body = JSON.stringify({ error: { message: error.message, type: 'invalid_request_error', code: error.code } });
        socket.end(`HTTP/1.1 ${error.status} Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return true;
      }
      server.handleUpgrade(req, socket, head, (websocket) => {
        const id = deps.newId();
        const session: Session = { id, socket: websocket, pending: new Map(), credential: relayCredential(id) };
        sessions.set(id, session);
        deps.log('info', `AI Studio tab ${id} connected`);
        publish();
        websocket.on('message', (data) => {
          let frame: Frame;
          try {
            frame = frameSchema.parse(JSON.parse(data.toString()));
          } catch {
            deps.log('warn', `AI Studio tab ${id} sent a frame that is not {id, type, payload}; ignored`);
            return;
          }
          answer(session, frame);
        });
        websocket.on('close', () => disconnect(session, 'socket closed'));
        websocket.on('error', (error) => disconnect(session, error.message));
      });
      return true;
    },
    send(sessionId, request, signal) {
      const session = sessions.get(sessionId);
      if (!session) {
        return Promise.reject(new ProxyError(`AI Studio tab ${sessionId} is not connected; reopen the AI Studio Build app to reconnect.`, { status: 503, code: 'upstream_unreachable' }));
      }
      const id = deps.newId();
      const path = request.url.slice(RELAY_SCHEME.length + sessionId.length);
      const frame = {
        id,
        type: 'http_request',
        payload: {
          method: request.method,
          url: `${deps.upstreamBase}${path}`,
          headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, [value]])),
          body: request.body ? request.body.toString('utf8') : '',
          sent_at: new Date(deps.now()).toISOString(),
        },
      };
      return new Promise<UpstreamResponse>((resolve, reject) => {
        const entry: Pending = {
          resolve,
          fail: (error) => {
            if (entry.body) entry.body.destroy(error);
            else reject(error);
          },
        };
        session.pending.set(id, entry);
        signal.onCancel(() => {
          if (!session.pending.delete(id)) return;
          entry.fail(new ProxyError('The client went away.', { status: 499, code: 'upstream_error' }));
        });
        session.socket.send(JSON.stringify(frame));
      });
    },
    credentials: () => [...sessions.values()].map((session) => session.credential),
    close() {
      for (const session of [...sessions.values()]) session.socket.terminate();
      server.close();
    },
  };
}
