import type { FakeResponse, VendorDialect } from './fake-upstream-types.js';
import { anthropicRequestId, openAiRequestId } from './fake-ids.js';

export interface VendorErrorOptions {
  /** Adds `retry-after` (OpenAI, Anthropic) or a `google.rpc.RetryInfo` detail (Gemini). */
  retryAfterSeconds?: number;
  /** OpenAI: `error.code`; Anthropic: replaces `error.type`; Gemini: a `google.rpc.ErrorInfo` detail's `reason`. */
  code?: string;
}

/** An error answer exactly as the vendor writes it (body shape, status names, rate-limit headers). */
export function vendorError(dialect: VendorDialect, status: number, message: string, options: VendorErrorOptions = {}): FakeResponse {
  if (dialect === 'claude') return claudeError(status, message, options);
  if (dialect === 'gemini') return geminiError(status, message, options);
  return openAiError(status, message, options);
}

function openAiErrorType(status: number, code: string | undefined): string {
  if (code === 'insufficient_quota') return 'insufficient_quota';
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function openAiDefaultCode(status: number): string | null {
  if (status === 401) return 'invalid_api_key';
  if (status === 429) return 'rate_limit_exceeded';
  return null;
}

function openAiError(status: number, message: string, options: VendorErrorOptions): FakeResponse {
  const headers: Record<string, string> = { 'x-request-id': openAiRequestId() };
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  if (status === 429) {
    headers['x-ratelimit-limit-requests'] = '500';
    headers['x-ratelimit-remaining-requests'] = '0';
    headers['x-ratelimit-reset-requests'] = `${options.retryAfterSeconds ?? 1}s`;
  }
  const body = { error: { message, type: openAiErrorType(status, options.code), param: null, code: options.code ?? openAiDefaultCode(status) } };
  return { kind: 'json', status, headers, body };
}

/** Anthropic's documented error types by HTTP status. */
const claudeErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

function claudeError(status: number, message: string, options: VendorErrorOptions): FakeResponse {
  const requestId = anthropicRequestId();
  const headers: Record<string, string> = { 'request-id': requestId };
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  if (status === 429) {
    headers['anthropic-ratelimit-requests-limit'] = '50';
    headers['anthropic-ratelimit-requests-remaining'] = '0';
    headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + (options.retryAfterSeconds ?? 1) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const type = options.code ?? claudeErrorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { kind: 'json', status, headers, body: { type: 'error', error: { type, message }, request_id: requestId } };
}

/** google.rpc.Code names by HTTP status, as the Generative Language API reports them. */
const googleStatusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function geminiError(status: number, message: string, options: VendorErrorOptions): FakeResponse {
  const details: Array<Record<string, unknown>> = [];
  if (options.code !== undefined) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: options.code,
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
  }
  if (options.retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${options.retryAfterSeconds}s` });
  }
  const error: Record<string, unknown> = { code: status, message, status: googleStatusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN') };
  if (details.length > 0) error.details = details;
  return { kind: 'json', status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: { error } };
}

/** The vendor whose surface a path belongs to, for answers the fake gives before any route runs (401s). */
export function dialectForPath(path: string): VendorDialect {
  if (/\/messages(\/count_tokens)?$/.test(path)) return 'claude';
  if (/\/models\/[^/]+:\w+$/.test(path) || /\/v1beta\//.test(path)) return 'gemini';
  return 'openai';
}

/** The 401 each vendor sends for a missing or wrong key. */
export function authenticationError(dialect: VendorDialect, apiKey: string | undefined): FakeResponse {
  if (dialect === 'claude') return vendorError('claude', 401, apiKey === undefined ? 'x-api-key header is required' : 'invalid x-api-key');
  if (dialect === 'gemini') {
    const message = apiKey === undefined ? 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' : 'API key not valid. Please pass a valid API key.';
    return vendorError('gemini', 401, message);
  }
  const message =
    apiKey === undefined
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${maskKey(apiKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return vendorError('openai', 401, message, { code: 'invalid_api_key' });
}

function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(Math.max(key.length - 7, 1))}${key.slice(-4)}`;
}
