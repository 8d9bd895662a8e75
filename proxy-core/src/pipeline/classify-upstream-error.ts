import type { Credential } from '../credentials/credential.js';
import type { Failure } from '../credentials/cooldown.js';
import { UpstreamHttpError } from '../shared/errors.js';

export interface Classified {
  error: UpstreamHttpError;
  /** Present when the credential should cool down for this model (and the next credential be tried). */
  failure?: Failure;
}

const REQUEST_INVALID = /invalid_request_error|INVALID_ARGUMENT|FAILED_PRECONDITION/;
const MODEL_NOT_SUPPORTED = /model_not_supported|model not supported|unsupported model|not available for your plan|not supported for your (plan|account)/i;

/** The upstream's human message from any of the vendors' error shapes. */
export function extractUpstreamMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '';
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    const value = Array.isArray(parsed) ? parsed[0] : parsed;
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const error = record.error;
      if (typeof error === 'string') return error;
      if (error && typeof error === 'object') {
        const message = (error as Record<string, unknown>).message;
        if (typeof message === 'string') return message;
      }
      if (typeof record.message === 'string') return record.message;
      if (typeof record.detail === 'string') return record.detail;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** Milliseconds the upstream asks us to wait: `Retry-After` (seconds or date), reset headers, or Google RetryInfo. */
export function parseRetryAfterMs(headers: Record<string, string>, body: string, now: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const retryAfterMs = headers['retry-after-ms'];
  if (retryAfterMs && Number.isFinite(Number(retryAfterMs))) return Number(retryAfterMs);
  for (const name of ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-input-tokens-reset']) {
    const value = headers[name];
    if (value) {
      const date = Date.parse(value);
      if (!Number.isNaN(date) && date > now) return date - now;
    }
  }
  const delay = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  if (delay) return Math.round(Number(delay[1]) * 1000);
  for (const name of ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']) {
    const duration = headers[name] ? parseGoDuration(headers[name]) : undefined;
    if (duration !== undefined) return duration;
  }
  return undefined;
}

/** `1m30s`, `6m0s`, `250ms`, `2.5s` → milliseconds. */
function parseGoDuration(text: string): number | undefined {
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = false;
  for (const match of text.matchAll(pattern)) {
    matched = true;
    const value = Number(match[1]);
    total += match[2] === 'h' ? value * 3_600_000 : match[2] === 'm' ? value * 60_000 : match[2] === 's' ? value * 1000 : value;
  }
  return matched ? Math.round(total) : undefined;
}

function describe(credential: Credential, status: number, upstreamMessage: string, model: string, retryAfterMs?: number): string {
  const who = `${credential.group} account ${credential.label}`;
  const said = upstreamMessage ? `: ${upstreamMessage}` : '';
  if (status === 401) return `${who} was rejected by the upstream (HTTP 401${said}). Check this key/token (or log in again); the proxy skips it for 30 minutes.`;
  if (status === 402 || status === 403)
    return `${who} is not allowed to do this (HTTP ${status}${said}). Check the account's plan, region or permissions for model ${model}.`;
  if (status === 404) return `The upstream for ${who} does not know model "${model}" or the base-url is wrong (HTTP 404${said}).`;
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` It resets in ${Math.ceil(retryAfterMs / 1000)}s.` : '';
    return `${who} hit a rate limit or quota (HTTP 429${said}).${wait}`;
  }
  if (status >= 500) return `The upstream for ${who} had an error (HTTP ${status}${said}). It is usually temporary.`;
  return `The upstream rejected the request (HTTP ${status}${said}).`;
}

/** Decides what an upstream error means for routing: answer now (request scope) or cool down and fail over. */
export function classifyUpstreamError(
  credential: Credential,
  model: string,
  status: number,
  headers: Record<string, string>,
  body: string,
  now: number,
): Classified {
  const upstreamMessage = extractUpstreamMessage(body);
  const retryAfterMs = parseRetryAfterMs(headers, body, now);
  let failure: Failure | undefined;
  if (status === 401) failure = { reason: 'unauthorized', status, message: upstreamMessage };
  else if (status === 402 || status === 403) failure = { reason: 'payment_required', status, message: upstreamMessage };
  else if (status === 404 && !/item with id .* not found/i.test(upstreamMessage)) failure = { reason: 'not_found', status, message: upstreamMessage };
  else if (status === 429) failure = { reason: 'quota', status, retryAfterMs, message: upstreamMessage };
  else if (status === 408 || (status >= 500 && !(status === 500 && /"status"\s*:\s*"UNKNOWN"/.test(body))))
    failure = { reason: 'transient', status, message: upstreamMessage };
  else if ((status === 400 || status === 422) && MODEL_NOT_SUPPORTED.test(body) && !(status === 400 && REQUEST_INVALID.test(body) && !MODEL_NOT_SUPPORTED.test(upstreamMessage)))
    failure = { reason: 'model_not_supported', status, message: upstreamMessage };

  const error = new UpstreamHttpError(describe(credential, status, upstreamMessage, model, retryAfterMs), {
    status,
    code: 'upstream_error',
    scope: failure ? (failure.reason === 'transient' ? 'upstream' : 'credential') : 'request',
    retryable: failure !== undefined,
    retryAfterSeconds: status === 429 && retryAfterMs !== undefined ? retryAfterMs / 1000 : undefined,
    details: { provider: credential.group, credential: credential.label },
    upstreamStatus: status,
    upstreamBody: body,
    upstreamHeaders: headers,
    upstreamMessage,
  });
  return { error, failure };
}
