import type { ProxyError } from '../../shared/errors.js';
import { errorHeaders, googleRpcStatus, publicDetails } from '../shared/error-body.js';
import type { EncodedError, SseEvent } from '../wire-format.js';

function body(error: ProxyError): Record<string, unknown> {
  const details: Array<Record<string, unknown>> = [];
  if (error.retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.max(1, Math.ceil(error.retryAfterSeconds))}s` });
  }
  const extra = publicDetails(error, ['code', 'message', 'status', 'details']);
  if (Object.keys(extra).length > 0) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: error.code, domain: 'cliproxy', metadata: stringValues(extra) });
  }
  return { error: { code: error.status, message: error.message, status: googleRpcStatus(error.status), ...(details.length ? { details } : {}) } };
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** Google RPC envelope: `{"error":{"code","message","status","details"}}`. */
export function encodeError(error: ProxyError): EncodedError {
  return { status: error.status, headers: errorHeaders(error), body: body(error) };
}

export function encodeStreamError(error: ProxyError): SseEvent[] {
  return [{ data: JSON.stringify(body(error)) }];
}
