import type { z } from 'zod';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { readRequestBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { RouteContext, RouteHandler } from '../router.js';
import type { ManagementError } from './contract.js';
import type { ManagementServices } from './services.js';

const VERSION_HEADER = 'x-cpa-version';

export function managementError(status: number, message: string, extra: Partial<ManagementError> = {}): ProxyError {
  return new ProxyError(message, { status, code: 'invalid_request', details: extra });
}

/** Reads and validates a JSON body against a contract schema; 400 naming the field on failure. */
export async function readManagementBody<T extends z.ZodType>(context: RouteContext, schema: T, maxBytes = 8 * 1024 * 1024): Promise<z.infer<T>> {
  const raw = await readRequestBody(context.req, maxBytes);
  let value: unknown = {};
  if (raw.length > 0) {
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw managementError(400, `The body is not valid JSON (${(error as Error).message}).`);
    }
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
    const config = services.runtime.current().config;
    const presentedHeader = context.req.headers.authorization;
    const bearer = presentedHeader ? (/^bearer\s+(.+)$/i.exec(presentedHeader)?.[1] ?? presentedHeader) : undefined;
    const presented = bearer ?? (context.req.headers['x-management-key'] as string | undefined);
    const decision = services.auth.check(
      { secretKey: config.remoteManagement.secretKey, allowRemote: config.remoteManagement.allowRemote, localKey: services.localKey },
      context.remoteAddress,
      context.isLoopback,
      presented?.trim(),
    );
    if (!decision.ok) {
      if (decision.counted) services.log('warn', `management auth failed from ${context.remoteAddress}: ${decision.message}`, { path: context.url.pathname });
      sendJson(context.res, decision.status, { error: decision.message, code: decision.banned ? 'banned' : decision.status === 404 ? 'disabled' : 'unauthorized' });
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
