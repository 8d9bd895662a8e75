import { toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import { sendError, sendJson } from '../respond.js';
import type { RouteHandler } from '../router.js';
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

/** Per-provider requests, success rate, tokens and latency. Open on loopback; a client key otherwise. */
export function createMetricsHandler(runtime: Runtime, snapshot: () => unknown): RouteHandler {
  return (context) => {
    try {
      if (!context.isLoopback) authenticateClient(context.req, context.url, runtime.current().keyRing, false, 'openai-chat');
      sendJson(context.res, 200, snapshot());
    } catch (error) {
      sendError(context.res, 'openai-chat', toProxyError(error));
    }
  };
}
