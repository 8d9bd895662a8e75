import type { ProxyError } from '../../shared/errors.js';
import { errorHeaders, openAiErrorType, publicDetails } from '../shared/error-body.js';
import type { EncodedError, SseEvent } from '../wire-format.js';

/** OpenAI error object: `{"error":{"message","type","code","param"}}` plus our details (e.g. `reset_seconds`). */
export function openAiErrorObject(error: ProxyError): Record<string, unknown> {
  return {
    message: error.message,
    type: openAiErrorType(error.status),
    code: error.code,
    param: (error.details.param as string | undefined) ?? null,
    ...publicDetails(error, ['message', 'type', 'code', 'param']),
  };
}

export function encodeError(error: ProxyError): EncodedError {
  return { status: error.status, headers: errorHeaders(error), body: { error: openAiErrorObject(error) } };
}

/** After the first byte: an error chunk, and no `[DONE]` (what the OpenAI SDKs raise on). */
export function encodeStreamError(error: ProxyError): SseEvent[] {
  return [{ data: JSON.stringify({ error: openAiErrorObject(error) }) }];
}
