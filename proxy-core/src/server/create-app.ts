import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FormatEntry } from '../formats/format-registry.js';
import type { FormatId } from '../ir/index.js';
import { ProxyError, toProxyError } from '../shared/errors.js';
import { createRequestIdSource } from '../shared/ids.js';
import { isLoopbackAddress } from '../shared/network.js';
import { guardKeylessRequest } from './guard-origin.js';
import { sendError } from './respond.js';
import { createRouter, type RouteContext, type RouteHandler, type Router } from './router.js';
import { createCountTokensHandler } from './routes/count-tokens.js';
import { createGenerateHandler, type GenerateDeps } from './routes/generate.js';
import { createHealthHandler, createMetricsHandler, createRootHandler, type ManagementKeyCheck } from './routes/info.js';
import { AMP_PROVIDER_PREFIX, clientPathForAmp, createAmpUpgrade, registerAmpRoutes, type AmpDeps } from './routes/amp.js';
import { createModelsHandler, detectModelsDialect } from './routes/models.js';

export interface AppDeps extends GenerateDeps {
  version: string;
  /** The legacy `/v1/completions` client codec. */
  legacyCompletions?: FormatEntry;
  startedAt: number;
  metricsSnapshot(): unknown;
  /** Registers extra routes (management API, dashboard) on the app's router. */
  registerRoutes?(router: Router): void;
  /** Checks a management key for routes that accept one besides client keys (provider metrics). */
  checkManagementKey?: ManagementKeyCheck;
  /** The Amp key when config.yaml has none (`AMP_API_KEY`, Amp's secrets.json); without it Amp routes use the config's only. */
  ampKeyFallback?: AmpDeps['ampKeyFallback'];
  /** Handles WebSocket upgrades it recognises; returns false to let the app answer. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

export interface App {
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** The format whose error shape a path's callers expect. */
export function formatForPath(rawPath: string): FormatId {
  // Amp's `/api/provider/<vendor>/…` are the same routes under a prefix.
  const path = rawPath.startsWith(AMP_PROVIDER_PREFIX) ? clientPathForAmp(rawPath.split('/').slice(4).join('/')) : rawPath;
  if (path.startsWith('/v1/messages')) return 'claude-messages';
  if (path.startsWith('/v1beta/') || /^\/v1\/models\/[^/]+:/.test(path)) return 'gemini';
  if (path.startsWith('/v1/responses') || path.startsWith('/backend-api/codex/')) return 'openai-responses';
  return 'openai-chat';
}

const METRICS_PATH = '/v1/metrics/providers';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': 'x-request-id, retry-after, x-ratelimit-limit-requests, x-ratelimit-remaining-requests',
  'access-control-max-age': '600',
};

export function createApp(deps: AppDeps): App {
  const router = createRouter();
  const { runtime } = deps;
  const generate = (format: FormatId, operation: 'generate' | 'compact' = 'generate') => createGenerateHandler(deps, { format, operation });

  const chat = generate('openai-chat');
  const responses = generate('openai-responses');
  const compact = generate('openai-responses', 'compact');
  const health = createHealthHandler(deps.version, deps.startedAt, deps.clock.now);
  const geminiGenerate = generate('gemini');
  const geminiCount = createCountTokensHandler(runtime, deps.executor, 'gemini');
  const geminiAction: RouteHandler = (context) => {
    const target = context.params.modelAction;
    const colon = target.lastIndexOf(':');
    const model = colon > 0 ? target.slice(0, colon) : target;
    const action = colon > 0 ? target.slice(colon + 1) : '';
    context.params.model = model.startsWith('models/') ? model.slice(7) : model;
    context.params.action = action;
    if (action === 'generateContent' || action === 'streamGenerateContent') return geminiGenerate(context);
    if (action === 'countTokens') return geminiCount(context);
    sendError(context.res, 'gemini', new ProxyError(`Unknown method "${action}": use generateContent, streamGenerateContent or countTokens.`, { status: 404, code: 'route_not_found' }));
  };

  router.add('GET', '/', createRootHandler(deps.version, deps.registerRoutes !== undefined));
  router.add('GET', '/health', health);
  router.add('GET', '/healthz', health);
  router.add('GET', METRICS_PATH, createMetricsHandler(runtime, deps.metricsSnapshot, deps.checkManagementKey));
  router.add('GET', '/v1/models', createModelsHandler(runtime));
  router.add('GET', '/v1/models/:model', createModelsHandler(runtime));
  router.add('GET', '/v1beta/models', createModelsHandler(runtime, 'gemini'));
  router.add('GET', '/v1beta/models/:model', createModelsHandler(runtime, 'gemini'));
  router.add('POST', '/v1/chat/completions', chat);
  router.add('POST', '/v1/responses', responses);
  router.add('POST', '/v1/responses/compact', compact);
  router.add('POST', '/backend-api/codex/responses', responses);
  router.add('POST', '/backend-api/codex/responses/compact', compact);
  router.add('POST', '/v1/messages', generate('claude-messages'));
  router.add('POST', '/v1/messages/count_tokens', createCountTokensHandler(runtime, deps.executor, 'claude-messages'));
  router.add('POST', '/v1beta/models/:modelAction', geminiAction);
  router.add('POST', '/v1/models/:modelAction', geminiAction);
  router.add('POST', '/v1/completions', deps.legacyCompletions ? createGenerateHandler(deps, { format: 'openai-chat', operation: 'generate', client: deps.legacyCompletions }) : unsupported('/v1/completions'));
  deps.registerRoutes?.(router);
  registerAmpRoutes(router, { runtime, log: deps.log, ampKeyFallback: deps.ampKeyFallback ?? (async () => undefined) });

  const nextRequestId = createRequestIdSource();
  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = deps.clock.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const remoteAddress = req.socket.remoteAddress ?? '';
    const context: RouteContext = { req, res, url, params: {}, requestId: nextRequestId(), startedAt, remoteAddress, isLoopback: isLoopbackAddress(remoteAddress) };
    const path = url.pathname;
    const isClientApi = !path.startsWith('/v0/') && !path.startsWith('/ui') && path !== '/management.html';
    // Provider metrics are for the owner's tools, not for browser clients: no CORS there.
    const corsAllowed = isClientApi && path !== METRICS_PATH;
    const keyless = runtime.current().keyRing.empty;
    // CORS headers matter only to browsers, which always send Origin on cross-origin requests.
    if (corsAllowed && !keyless && req.headers.origin !== undefined) for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    try {
      if (isClientApi && keyless) guardKeylessRequest(req);
      const matched = router.match(req.method ?? 'GET', path);
      if (!matched) {
        const status = router.hasPath(path) ? 405 : 404;
        throw new ProxyError(
          status === 405 ? `${req.method} is not supported on ${path}.` : `Unknown route ${req.method} ${path}. See GET / for the endpoints this proxy serves.`,
          { status, code: 'route_not_found' },
        );
      }
      context.params = matched.params;
      const result = matched.handler(context);
      if (result instanceof Promise) result.catch((error) => crash(context, error));
    } catch (error) {
      sendError(res, formatForPath(path), toProxyError(error));
    }
  };

  const crash = (context: RouteContext, error: unknown) => {
    deps.log('error', `unhandled error on ${context.req.method} ${context.url.pathname}: ${(error as Error)?.message}`, { stack: (error as Error)?.stack }, context.requestId);
    if (!context.res.writableEnded) sendError(context.res, formatForPath(context.url.pathname), toProxyError(error));
  };

  const ampUpgrade = createAmpUpgrade({ runtime, log: deps.log, ampKeyFallback: deps.ampKeyFallback ?? (async () => undefined) });
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    // The browser guard covers every upgrade, before any WebSocket handler sees it.
    if (runtime.current().keyRing.empty) {
      try {
        guardKeylessRequest(req);
      } catch (raw) {
        refuseUpgrade(socket, toProxyError(raw));
        return;
      }
    }
    if (deps.upgrade?.(req, socket, head)) return;
    if (ampUpgrade(req, socket, head)) return;
    const body = JSON.stringify({
      error: {
        message: path === '/v1/responses' ? 'The Responses WebSocket transport is not available; use POST /v1/responses with SSE.' : `No WebSocket endpoint at ${path}.`,
        type: 'invalid_request_error',
        code: 'websocket_not_supported',
      },
    });
    socket.end(`HTTP/1.1 426 Upgrade Required\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  };

  return { handleRequest, handleUpgrade };
}

/** Answers an upgrade request with a plain HTTP error in the OpenAI error shape and closes the socket. */
export function refuseUpgrade(socket: Duplex, error: ProxyError): void {
  const body = JSON.stringify({ error: { message: error.message, type: 'invalid_request_error', code: error.code } });
  const reason = error.status === 401 ? 'Unauthorized' : error.status === 403 ? 'Forbidden' : 'Bad Request';
  socket.end(`HTTP/1.1 ${error.status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function unsupported(path: string): RouteHandler {
  return ({ res }) => sendError(res, 'openai-chat', new ProxyError(`${path} is not available in this build; use /v1/chat/completions.`, { status: 501, code: 'unsupported' }));
}

export { detectModelsDialect };
