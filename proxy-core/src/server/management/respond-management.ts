import type { z } from 'zod';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { findForbiddenKey } from '../../shared/forbidden-keys.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-depth.js';
import { readRequestBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { RouteContext, RouteHandler } from '../router.js';
import type { ManagementError } from './contract.js';
import { findMaskedPlaceholder } from './masked-placeholder.js';
import type { ManagementServices } from './services.js';

const VERSION_HEADER = 'x-cpa-version';

export function managementError(status: number, message: string, extra: Partial<ManagementError> = {}): ProxyError {
  return new ProxyError(message, { status, code: 'invalid_request', details: extra });
}

/**
 * Reads and validates a JSON body against a contract schema; 400 naming the field on failure. A masked key label
 * (`sk-a…1234`) anywhere in it is refused unless `maskedLabels` says the body carries labels, never config values.
 */
export async function readManagementBody<T extends z.ZodType>(
  context: RouteContext,
  schema: T,
  options: { maskedLabels?: 'allowed'; maxBytes?: number } = {},
): Promise<z.infer<T>> {
  const raw = await readRequestBody(context.req, options.maxBytes ?? 8 * 1024 * 1024);
  let value: unknown = {};
  if (raw.length > 0) {
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw managementError(400, `The body is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH, raw.length)) throw managementError(400, `Invalid body: it nests more than ${MAX_JSON_DEPTH} levels deep.`);
  const forbidden = findForbiddenKey(value);
  if (forbidden) {
    throw managementError(400, `Invalid body: the key "${forbidden.at(-1)}" (at ${forbidden.join('.')}) is not allowed: __proto__, constructor and prototype are never setting names.`);
  }
  const placeholder = options.maskedLabels === 'allowed' ? undefined : findMaskedPlaceholder(value);
  if (placeholder) {
    throw managementError(400, `Invalid body: ${placeholder.path.join('.') || '(body)'} is a masked placeholder ("${placeholder.value}"), not a key; send the real value (GET it without ?masked=true).`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw managementError(400, `Invalid body: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Wraps a management handler with authentication and the management error shape
 * (`{"error": "...", "code"?, "line"?, ...}`).
 */
export function managed(services: ManagementServices, handler: RouteHandler): RouteHandler {
  return async (context) => {
    context.res.setHeader(VERSION_HEADER, services.version);
    // The reference's panel shows its plugin pages only when this says true; there is no plugin host here.
    context.res.setHeader('x-cpa-support-plugin', 'false');
    const config = services.runtime.current().config;
    const presentedHeader = context.req.headers.authorization;
    const bearer = presentedHeader ? (/^bearer\s+(.+)$/i.exec(presentedHeader)?.[1] ?? presentedHeader) : undefined;
    const presented = bearer ?? (context.req.headers['x-management-key'] as string | undefined);
    const decision = await services.auth.check(
      { secretKey: config.remoteManagement.secretKey, allowRemote: config.remoteManagement.allowRemote, localKey: services.localKey },
      { address: context.remoteAddress, isLoopback: context.isLoopback, presented: presented?.trim() || undefined, crossOrigin: crossOriginOf(context) },
    );
    if (!decision.ok) {
      if (decision.counted) services.log('warn', `management auth failed from ${context.remoteAddress}: ${decision.message}`, { path: context.url.pathname });
      sendJson(context.res, decision.status, { error: decision.message, code: decision.code }, decision.retryAfterSeconds ? { 'retry-after': String(decision.retryAfterSeconds) } : {});
      return;
    }
    try {
      await handler(context);
    } catch (raw) {
      const error = toProxyError(raw);
      if (context.res.headersSent) {
        context.res.end();
        return;
      }
      sendJson(context.res, error.status, { error: error.message, code: error.code === 'invalid_request' ? undefined : error.code, ...(error.details as object) });
    }
  };
}

/**
 * The other site a browser request comes from, or undefined for same-origin and non-browser callers. Browsers
 * send `Origin` on cross-origin requests (and `Sec-Fetch-Site`); the dashboard at /ui is same-origin.
 */
export function crossOriginOf(context: RouteContext): string | undefined {
  const site = context.req.headers['sec-fetch-site'];
  const origin = context.req.headers.origin;
  if (site === 'cross-site' || site === 'same-site') return origin ?? site;
  if (origin === undefined) return undefined;
  if (origin === 'null') return 'Origin: null';
  try {
    return new URL(origin).host === context.req.headers.host ? undefined : origin;
  } catch {
    return origin;
  }
}
