import { isRecord } from './claude-extras.js';

/** HTTP status for an Anthropic `error.type` (the inverse of the error encoder's table). */
const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export interface UpstreamErrorInfo {
  status: number;
  type: string;
  message: string;
}

/** An Anthropic error object (`{type, message}`, found in `{"type":"error","error":…}` bodies and stream events). */
export function readUpstreamError(error: unknown): UpstreamErrorInfo {
  if (!isRecord(error)) return { status: 502, type: 'api_error', message: `The upstream reported an error: ${JSON.stringify(error)}` };
  const type = typeof error.type === 'string' ? error.type : 'api_error';
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `The upstream reported ${type}.`;
  return { status: STATUS_BY_TYPE[type] ?? 502, type, message };
}
