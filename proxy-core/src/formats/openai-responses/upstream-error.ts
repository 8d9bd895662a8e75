/** An in-band Responses failure (`error` event, `response.failed`) → HTTP status and message. */
import { isRecord } from './responses-extras.js';

const STATUS_BY_CODE: Record<string, number> = {
  invalid_api_key: 401,
  invalid_request_error: 400,
  context_length_exceeded: 400,
  invalid_prompt: 400,
  insufficient_quota: 429,
  usage_limit_reached: 429,
  usage_not_included: 403,
  rate_limit_exceeded: 429,
  model_not_found: 404,
  request_timeout: 408,
  server_error: 502,
  internal_server_error: 502,
  server_is_overloaded: 503,
  vector_store_timeout: 504,
};

export interface UpstreamFailure {
  status: number;
  code: string;
  message: string;
}

/** `{code, message}` (the `error` event itself, or `response.error`). */
export function readFailure(error: unknown): UpstreamFailure {
  const record = isRecord(error) ? error : {};
  const code = typeof record.code === 'string' ? record.code : typeof record.type === 'string' && record.type !== 'error' ? record.type : 'server_error';
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : `The upstream reported ${code}.`;
  return { status: STATUS_BY_CODE[code] ?? 502, code, message };
}
