import type { ProxyError } from '../../shared/errors.js';
import { anthropicErrorType, errorHeaders, publicDetails } from '../shared/error-body.js';
import type { EncodedError, SseEvent } from '../wire-format.js';

function body(error: ProxyError): Record<string, unknown> {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error.status), message: error.message, ...publicDetails(error, ['type', 'message']) },
  };
}

/** Anthropic envelope: `{"type":"error","error":{"type","message"}}`. */
export function encodeError(error: ProxyError): EncodedError {
  return { status: error.status, headers: errorHeaders(error), body: body(error) };
}

export function encodeStreamError(error: ProxyError): SseEvent[] {
  return [{ event: 'error', data: JSON.stringify(body(error)) }];
}
