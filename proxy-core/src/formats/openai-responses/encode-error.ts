import type { ProxyError } from '../../shared/errors.js';
import { encodeError as encodeOpenAiError } from '../openai-chat/encode-error.js';
import type { EncodedError, SseEvent } from '../wire-format.js';

/** The Responses API uses the same error envelope as Chat Completions. */
export function encodeError(error: ProxyError): EncodedError {
  return encodeOpenAiError(error);
}

/** The OpenAI error code for an in-stream failure (Codex CLI reads it to decide whether to retry). */
export function streamErrorCode(status: number): string {
  if (status === 401) return 'invalid_api_key';
  if (status === 403) return 'insufficient_quota';
  if (status === 404) return 'model_not_found';
  if (status === 408) return 'request_timeout';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * In a Responses stream an error is an `error` event (what the SDKs surface) followed by
 * `response.failed` carrying the failed response (what Codex CLI acts on). `response` is the response
 * object so far, when the caller has one.
 */
export function encodeStreamError(error: ProxyError, sequenceNumber = 0, response?: Record<string, unknown>): SseEvent[] {
  const code = streamErrorCode(error.status);
  const failed = { ...(response ?? { object: 'response', output: [] }), status: 'failed', error: { code, message: error.message } };
  return [
    { event: 'error', data: JSON.stringify({ type: 'error', code, message: error.message, param: null, sequence_number: sequenceNumber }) },
    { event: 'response.failed', data: JSON.stringify({ type: 'response.failed', sequence_number: sequenceNumber + 1, response: failed }) },
  ];
}
