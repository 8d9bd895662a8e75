/**
 * The Amp CLI through the proxy (docs/decisions/2026-12-08-09-client-setup-writer.md, inventory-server §1.8):
 * Amp's model traffic (`/api/provider/{anthropic,openai,google}/…`) is served here by the ordinary client
 * routes, in that vendor's dialect and through our accounts; every other Amp route (its account, thread,
 * plugin and auth API) is passed on to `ampcode.upstream-url` with the user's Amp key, streamed both ways.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import type { FormatId } from '../../ir/extras.js';
import { resolveRoute } from '../../pipeline/resolve-route.js';
import { rewriteTopLevelModel } from '../../pipeline/rewrite-model.js';
import { readRequestBody } from '../read-body.js';
import { ampKeyForClient, planAmpModel, replayRequest } from './amp-fallback.js';
import { answerAsModel } from './amp-answer-model.js';
import { sendError, sendJson } from '../respond.js';
import type { Duplex } from 'node:stream';
import { isLoopbackAddress } from '../../shared/network.js';
import type { RouteContext, RouteHandler, Router } from '../router.js';
import type { Runtime } from '../runtime.js';

export const AMP_PROVIDER_PREFIX = '/api/provider/';

export interface AmpDeps {
  runtime: Runtime;
  /** The Amp key when `ampcode.upstream-api-key` is empty: `AMP_API_KEY`, then Amp's own secrets.json. */
  ampKeyFallback(upstreamUrl: string): Promise<string | undefined>;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>, requestId?: string): void;
}

/** `/api/provider/openai/chat/completions` → `/v1/chat/completions`; `…/google/v1beta1/…` → `/v1beta/…`. */
export function clientPathForAmp(rest: string): string {
  const path = `/${rest.replace(/^\/+/, '')}`;
  if (path.startsWith('/v1beta1/')) return `/v1beta/${path.slice('/v1beta1/'.length)}`;
  if (path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1beta/') || path === '/v1beta') return path;
  return `/v1${path}`;
}

/** The model an Amp provider POST asks for (body `model`, or Gemini's `/models/{model}:{action}`), and how to rename it. */
function requestedModel(params: Record<string, string>, raw: Buffer): { model?: string; rewrite(model: string): Buffer } {
  const action = params.modelAction;
  if (action !== undefined) {
    const colon = action.lastIndexOf(':');
    const prefix = action.startsWith('models/') ? 'models/' : '';
    const model = (colon > 0 ? action.slice(0, colon) : action).slice(prefix.length);
    const rewrite = (to: string) => {
      params.modelAction = `${prefix}${to}${colon > 0 ? action.slice(colon) : ''}`;
      return raw;
    };
    return { model, rewrite };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { rewrite: () => raw };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { rewrite: () => raw };
  const model = (body as Record<string, unknown>).model;
  return { model: typeof model === 'string' ? model.trim() : undefined, rewrite: (to) => rewriteTopLevelModel(raw, to) };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
/** The caller's proxy key never goes to Amp's servers; the Amp key replaces it. */
const CLIENT_CREDENTIALS = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'cookie']);

function forwardHeaders(headers: IncomingHttpHeaders, drop: ReadonlySet<string>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && !drop.has(name)) result[name] = value;
  return result;
}

export function registerAmpRoutes(router: Router, deps: AmpDeps): void {
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

  const providerAlias: RouteHandler = async (context) => {
    const provider = context.params.provider ?? '';
    const target = clientPathForAmp(context.params['*'] ?? '');
    const matched = target.startsWith('/api/') ? undefined : router.match(context.req.method ?? 'GET', target);
    if (!matched) throw new ProxyError(`Amp asked for ${context.url.pathname}, which maps to ${target}: not a route this proxy serves. See GET / for the endpoints.`, { status: 404, code: 'route_not_found' });
    context.params = matched.params;
    if (context.req.method !== 'POST') return matched.handler(context);
    const format: FormatId = provider === 'anthropic' ? 'claude-messages' : provider === 'google' ? 'gemini' : 'openai-chat';
    const state = deps.runtime.current();
    let clientKey: string;
    let raw: Buffer;
    try {
      clientKey = authenticateClient(context.req, context.url, state.keyRing, context.isLoopback, format);
      raw = await readRequestBody(context.req, state.config.requestBodyLimitBytes);
    } catch (error) {
      return sendError(context.res, format, toProxyError(error));
    }
    const request = requestedModel(matched.params, raw);
    if (request.model) {
      const serves = (model: string) => {
        try {
          resolveRoute(state.registry, model, state.credentials.length);
          return true;
        } catch {
          return false;
        }
      };
      const plan = planAmpModel(state.config.ampcode, request.model, serves);
      if (plan.kind === 'upstream') {
        deps.log('info', `amp: no account serves ${request.model}; passed on to Amp's servers`, { model: request.model }, context.requestId);
        const key = ampKeyForClient(state.config.ampcode, clientKey, state.keyRing.labelOf) || (await deps.ampKeyFallback(state.config.ampcode.upstreamUrl));
        try {
          return await forward(context, `${state.config.ampcode.upstreamUrl}${context.url.pathname}${context.url.search}`, key, raw);
        } catch (error) {
          return sendError(context.res, format, toProxyError(error));
        }
      }
      if (plan.mappedFrom !== undefined) {
        deps.log('info', `amp: model ${plan.mappedFrom} mapped to ${plan.model} (ampcode.model-mappings)`, { model: plan.model }, context.requestId);
        raw = request.rewrite(plan.model);
        answerAsModel(context.res, plan.mappedFrom);
      }
    }
    context.req = replayRequest(context.req, raw);
    return matched.handler(context);
  };

  const passthrough = (needsClientKey: boolean): RouteHandler => async (context) => {
    try {
      await pass(context, needsClientKey && !context.url.pathname.startsWith('/api/auth/'));
    } catch (error) {
      sendError(context.res, 'openai-chat', toProxyError(error));
    }
  };

  /** `/api/auth/*` is Amp's login flow, which runs before Amp has any key: passed on without a client key, like `/auth`. */
  async function pass(context: RouteContext, needsClientKey: boolean): Promise<void> {
    const { config, keyRing } = deps.runtime.current();
    const clientKey = needsClientKey ? authenticateClient(context.req, context.url, keyRing, context.isLoopback, 'openai-chat') : undefined;
    if (config.ampcode.restrictManagementToLocalhost && !context.isLoopback) {
      throw new ProxyError('Amp routes are limited to this machine (ampcode.restrict-management-to-localhost: true).', { status: 403, code: 'forbidden' });
    }
    if (!config.ampcode.upstreamUrl) {
      sendJson(context.res, 503, { error: 'amp upstream proxy not available', message: 'Set ampcode.upstream-url in config.yaml (https://ampcode.com for Amp itself) so Amp\'s own API can be reached through this proxy.' });
      return;
    }
    const key = ampKeyForClient(config.ampcode, clientKey, keyRing.labelOf) || (await deps.ampKeyFallback(config.ampcode.upstreamUrl));
    await forward(context, `${config.ampcode.upstreamUrl}${context.url.pathname}${context.url.search}`, key);
  }

  async function forward(context: RouteContext, targetUrl: string, ampKey: string | undefined, body?: Buffer): Promise<void> {
    const { req, res } = context;
    const target = new URL(targetUrl);
    const headers = forwardHeaders(req.headers, CLIENT_CREDENTIALS);
    if (ampKey) headers.authorization = `Bearer ${ampKey}`;
    const client = target.protocol === 'https:' ? https : http;
    await new Promise<void>((resolve) => {
      const upstream = client.request(target, { method: req.method, headers });
      const fail = (error: Error) => {
        deps.log('warn', `amp passthrough ${req.method} ${context.url.pathname} failed: ${error.message}`, { upstream: target.origin }, context.requestId);
        if (!res.headersSent) sendJson(res, 502, { error: 'amp upstream unreachable', message: `Could not reach ${target.origin} (${error.message}). Check ampcode.upstream-url and your network.` });
        else res.destroy();
        resolve();
      };
      upstream.on('error', fail);
      upstream.on('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, forwardHeaders(answer.headers, new Set()));
        // Flush each chunk as it comes (Amp streams thread events).
        answer.pipe(res);
        answer.on('end', () => {
          deps.log('info', `amp passthrough ${req.method} ${context.url.pathname} → ${answer.statusCode}`, {}, context.requestId);
          resolve();
        });
        answer.on('error', fail);
      });
      // A client that goes away stops the upstream request too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (body) upstream.end(body);
      else req.pipe(upstream);
    });
  }

  for (const method of methods) {
    router.add(method, `${AMP_PROVIDER_PREFIX}:provider/*`, providerAlias);
    router.add(method, '/api/*', passthrough(true));
    router.add(method, '/auth', passthrough(false));
    router.add(method, '/auth/*', passthrough(false));
  }
  for (const path of ['/threads', '/threads/*', '/docs', '/docs/*', '/settings', '/settings/*', '/threads.rss', '/news.rss']) router.add('GET', path, passthrough(false));
}

/** The HTTP/1.1 reason phrase for a status, for a hand-written response on a raw socket. */
const reason = (status: number) => http.STATUS_CODES[status] ?? 'Error';

function refuse(socket: Duplex, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${reason(status)}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
}

/**
 * WebSocket upgrades on Amp's `/api/*` routes (its thread actors talk over WebSockets), passed on to
 * `ampcode.upstream-url` like the HTTP routes: client key checked here, Amp key sent there, then the two
 * sockets are piped both ways. Returns false for any other path.
 */
export function createAmpUpgrade(deps: AmpDeps) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/') || url.pathname.startsWith(AMP_PROVIDER_PREFIX)) return false;
    void (async () => {
      const { config, keyRing } = deps.runtime.current();
      const isLoopback = isLoopbackAddress(req.socket.remoteAddress ?? '');
      let clientKey: string;
      try {
        clientKey = authenticateClient(req, url, keyRing, isLoopback, 'openai-chat');
      } catch (error) {
        const problem = toProxyError(error);
        return refuse(socket, problem.status, { error: problem.message });
      }
      if (config.ampcode.restrictManagementToLocalhost && !isLoopback) return refuse(socket, 403, { error: 'Amp routes are limited to this machine (ampcode.restrict-management-to-localhost: true).' });
      if (!config.ampcode.upstreamUrl) return refuse(socket, 503, { error: 'amp upstream proxy not available' });
      const key = ampKeyForClient(config.ampcode, clientKey, keyRing.labelOf) || (await deps.ampKeyFallback(config.ampcode.upstreamUrl));
      const target = new URL(`${config.ampcode.upstreamUrl}${url.pathname}${url.search}`);
      const headers = forwardHeaders(req.headers, CLIENT_CREDENTIALS);
      headers.connection = 'Upgrade';
      headers.upgrade = req.headers.upgrade ?? 'websocket';
      if (key) headers.authorization = `Bearer ${key}`;
      const upstream = (target.protocol === 'https:' ? https : http).request(target, { method: req.method, headers });
      upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
        const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${reason(answer.statusCode ?? 101)}`];
        for (let index = 0; index < answer.rawHeaders.length; index += 2) lines.push(`${answer.rawHeaders[index]}: ${answer.rawHeaders[index + 1]}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (upstreamHead.length > 0) socket.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.pipe(socket).pipe(upstreamSocket);
        const close = () => {
          socket.destroy();
          upstreamSocket.destroy();
        };
        socket.on('error', close);
        upstreamSocket.on('error', close);
        socket.on('close', close);
        upstreamSocket.on('close', close);
        deps.log('info', `amp passthrough WebSocket ${url.pathname} opened`, {});
      });
      upstream.on('response', (answer) => {
        // The upstream refused the upgrade: hand its answer back as is.
        const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${reason(answer.statusCode ?? 502)}`];
        for (let index = 0; index < answer.rawHeaders.length; index += 2) lines.push(`${answer.rawHeaders[index]}: ${answer.rawHeaders[index + 1]}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        answer.pipe(socket);
      });
      upstream.on('error', (error) => refuse(socket, 502, { error: 'amp upstream unreachable', message: `Could not reach ${target.origin} (${error.message}).` }));
      upstream.end();
    })();
    return true;
  };
}
