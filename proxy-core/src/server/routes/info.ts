import { ProxyError, toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import { sendError, sendJson } from '../respond.js';
import type { RouteContext, RouteHandler } from '../router.js';
import type { Runtime } from '../runtime.js';

export const CLIENT_ENDPOINTS = [
  'GET /health',
  'GET /v1/models',
  'POST /v1/chat/completions',
  'POST /v1/completions',
  'POST /v1/responses',
  'POST /v1/responses/compact',
  'POST /v1/messages',
  'POST /v1/messages/count_tokens',
  'GET /v1beta/models',
  'POST /v1beta/models/{model}:generateContent',
  'POST /v1beta/models/{model}:streamGenerateContent',
  'POST /v1beta/models/{model}:countTokens',
  'GET /v1/metrics/providers',
];

export function createHealthHandler(version: string, startedAt: number, now: () => number): RouteHandler {
  return ({ req, res }) => {
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
      return;
    }
    sendJson(res, 200, { status: 'ok', version, uptime_seconds: Math.floor((now() - startedAt) / 1000) });
  };
}

export function createRootHandler(version: string, dashboard: boolean): RouteHandler {
  return ({ req, res }) => {
    if (req.method === 'HEAD') {
      res.writeHead(200);
      res.end();
      return;
    }
    sendJson(res, 200, { message: 'CLIProxy Desktop API server', version, endpoints: CLIENT_ENDPOINTS, ...(dashboard ? { dashboard: '/ui' } : {}) });
  };
}

/** Checks a presented management key (counted like any management sign-in); true when it is right. */
export type ManagementKeyCheck = (context: RouteContext, presented: string) => Promise<boolean>;

/**
 * Per-provider requests, success rate, tokens and latency. Needs a key even on loopback (web pages run there
 * too): a client key from api-keys, or the management key in `X-Management-Key` (or as the bearer token when
 * the proxy has no client keys). Never answered with CORS headers.
 */
export function createMetricsHandler(runtime: Runtime, snapshot: () => unknown, checkManagementKey?: ManagementKeyCheck): RouteHandler {
  return async (context) => {
    try {
      const ring = runtime.current().keyRing;
      let allowed = false;
      if (!ring.empty) {
        try {
          authenticateClient(context.req, context.url, ring, context.isLoopback, 'openai-chat');
          allowed = true;
        } catch {
          allowed = false;
        }
      }
      const header = context.req.headers['x-management-key'];
      const bearer = ring.empty ? /^bearer\s+(.+)$/i.exec(context.req.headers.authorization ?? '')?.[1] : undefined;
      const managementKey = (typeof header === 'string' ? header : bearer)?.trim();
      if (!allowed && managementKey && checkManagementKey) allowed = await checkManagementKey(context, managementKey);
      if (!allowed) {
        throw new ProxyError(
          `Provider metrics need a key: send a client key from api-keys as 'Authorization: Bearer <key>', or the management key as 'X-Management-Key: <key>'.`,
          { status: 401, code: managementKey || context.req.headers.authorization ? 'invalid_api_key' : 'missing_api_key' },
        );
      }
      sendJson(context.res, 200, snapshot());
    } catch (error) {
      sendError(context.res, 'openai-chat', toProxyError(error));
    }
  };
}
