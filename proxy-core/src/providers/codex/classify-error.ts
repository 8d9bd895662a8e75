import type { Failure } from '../../credentials/cooldown.js';
import type { ErrorClassification, ErrorInput } from '../provider-definition.js';

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const lower = (value: unknown): string => (typeof value === 'string' ? value.trim().toLowerCase() : '');

interface CodexFailure {
  /** The `error` object (`{type, code, message, resets_at, …}`), from a body or a stream event. */
  error: Json;
  /** True when it came from an event inside a 200 stream (`error`, `response.failed`). */
  inStream: boolean;
}

/** `{error: {...}}` bodies, `{type: "error", error | code/message}` events and `response.failed` events. */
function readFailure(body: string): CodexFailure | undefined {
  let parsed: Json | undefined;
  try {
    parsed = object(JSON.parse(body));
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  if (parsed.type === 'response.failed') {
    const response = object(parsed.response);
    return { error: object(response?.error) ?? object(parsed.error) ?? { message: 'the upstream stream failed without error details' }, inStream: true };
  }
  if (parsed.type === 'error') {
    const nested = object(parsed.error);
    const error = nested ?? { type: parsed.error_type, code: parsed.code, message: parsed.message, param: parsed.param };
    // The Codex backend puts the HTTP status it stands for next to the error (`{type, status, error}`).
    return { error: error.status_code === undefined && typeof parsed.status === 'number' ? { ...error, status_code: parsed.status } : error, inStream: true };
  }
  const error = object(parsed.error);
  if (error) return { error, inStream: false };
  if (typeof parsed.error === 'string') return { error: { message: parsed.error }, inStream: false };
  if (typeof parsed.detail === 'string') return { error: { message: parsed.detail }, inStream: false };
  return undefined;
}

/** The status of an in-stream failure: `error.status_code`, else its type or code (reference §4.1 3). */
function inStreamStatus(error: Json): number {
  for (const value of [error.status_code, error.status]) {
    const status = Number(value);
    if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  }
  const type = lower(error.type);
  const code = lower(error.code);
  if (type === 'invalid_request_error' || type === 'bad_request_error') return 400;
  if (type === 'authentication_error' || code === 'invalid_api_key' || code === 'unauthorized') return 401;
  if (type === 'permission_error' || code === 'forbidden' || code === 'permission_denied') return 403;
  if (type === 'not_found_error' || code === 'not_found' || code === 'model_not_found') return 404;
  if (type === 'rate_limit_error' || code === 'rate_limit_exceeded') return 429;
  return 502;
}

function failureFor(status: number, message: string): Failure | null {
  if (status === 401) return { reason: 'unauthorized', status, message };
  if (status === 402 || status === 403) return { reason: 'payment_required', status, message };
  if (status === 404) return { reason: 'not_found', status, message };
  if (status === 429) return { reason: 'quota', status, message };
  if (status === 408 || status >= 500) return { reason: 'transient', status, message };
  return null;
}

/** Milliseconds until a `usage_limit_reached` resets: `resets_at` (epoch seconds), else `resets_in_seconds`. */
function resetIn(error: Json, now: number): number | undefined {
  const at = Number(error.resets_at);
  if (Number.isFinite(at) && at * 1000 > now) return at * 1000 - now;
  const inSeconds = Number(error.resets_in_seconds);
  return Number.isFinite(inSeconds) && inSeconds > 0 ? inSeconds * 1000 : undefined;
}

/** The backend's answer for a model the account's plan does not include (or that was retired for ChatGPT accounts). */
const PLAN_MODEL_PATTERN = /model is not supported when using codex with a chatgpt account/i;
const AUTH_PATTERN = /invalid or expired token|refresh_token_reused|token_expired|token_invalidated/i;
const CONTEXT_PATTERN = /context window|context length|context_length|maximum context|too many tokens/i;

/**
 * What a Codex (ChatGPT backend or OpenAI API) error means for routing (reference §4.1 3):
 *  - `usage_limit_reached` → the whole account cools down until `resets_at` (else `resets_in_seconds`);
 *  - "Selected model is at capacity" → 429, this model only, for a minute (another account may have room);
 *  - "The '<model>' model is not supported when using Codex with a ChatGPT account" → this model is not on
 *    this account's plan: cooled for that model (12 h) and the next account is tried;
 *  - `context_length_exceeded` / `context_too_large` / 413 → a 400 for the client, no failover;
 *  - 401, `invalid_api_key`, `refresh_token_reused`, "invalid or expired token" → 401, the credential cools down;
 *  - errors inside a 200 stream get their status from `error.status_code`, else from the type or code;
 *  - a stream that ended before `response.completed` → 408, the request's problem (no failover).
 */
export function classifyCodexError(input: ErrorInput): ErrorClassification | undefined {
  const { credential, model, now } = input;
  if (/closed the stream before response\.completed/.test(input.body)) {
    return { failure: null, status: 408, message: `The Codex stream for ${model} ended before response.completed (stream disconnected before completion); the answer was cut off. Try again.` };
  }
  const parsed = readFailure(input.body);
  const error = parsed?.error ?? {};
  const type = lower(error.type);
  const code = lower(error.code);
  const upstreamMessage = typeof error.message === 'string' ? error.message : '';
  const status = parsed?.inStream ? inStreamStatus(error) : input.status;
  const who = `The ${credential.kind === 'oauth' ? 'ChatGPT account' : 'OpenAI key'} ${credential.label}`;

  if (type === 'usage_limit_reached' || code === 'usage_limit_reached') {
    const wait = resetIn(error, now);
    const plan = typeof error.plan_type === 'string' ? ` (${error.plan_type} plan)` : '';
    const when = wait !== undefined ? ` It resets at ${new Date(now + wait).toISOString()}.` : '';
    return {
      failure: { reason: 'quota', status: 429, retryAfterMs: wait !== undefined ? Math.max(1000, wait) : undefined, wholeCredential: true, message: `usage limit reached${plan}` },
      status: 429,
      message: `${who} reached its Codex usage limit${plan}.${when}`,
    };
  }
  if (/selected model is at capacity|model is at capacity/i.test(upstreamMessage || input.body)) {
    return {
      failure: { reason: 'transient', status: 429, message: 'model at capacity' },
      status: 429,
      message: `OpenAI says ${model} is at capacity right now (${credential.label}). Try again shortly, or pick another model.`,
    };
  }
  if (PLAN_MODEL_PATTERN.test(upstreamMessage || input.body)) {
    return {
      failure: { reason: 'model_not_supported', status: 400, message: 'model not on this plan' },
      status: 400,
      message: `${model} is not available to ${credential.label} (OpenAI: ${upstreamMessage || 'not supported when using Codex with a ChatGPT account'}). Pick another model; GET /v1/models lists what your accounts offer.`,
    };
  }
  const invalidRequest = type === '' || type === 'invalid_request_error';
  if (status === 413 || code === 'context_length_exceeded' || code === 'context_too_large' || (invalidRequest && CONTEXT_PATTERN.test(upstreamMessage))) {
    return {
      failure: null,
      status: 400,
      message: `The conversation is too long for ${model} (context_too_large${upstreamMessage ? `: ${upstreamMessage}` : ''}). Shorten it, compact it, or start a new one.`,
    };
  }
  if (status === 401 || type === 'authentication_error' || code === 'invalid_api_key' || AUTH_PATTERN.test(input.body)) {
    return {
      failure: { reason: 'unauthorized', status: 401, message: upstreamMessage || 'token rejected' },
      status: 401,
      message: `${who} was rejected by OpenAI (auth_unavailable${upstreamMessage ? `: ${upstreamMessage}` : ''}). ${credential.kind === 'oauth' ? 'Log in to it again' : 'Check the key'}; the proxy skips it for 30 minutes.`,
    };
  }
  if (parsed?.inStream) {
    // An error event inside a 200 stream, before our first byte: route it like the HTTP error it stands for.
    return { failure: failureFor(status, upstreamMessage), status, ...(upstreamMessage ? { message: `OpenAI reported an error for ${model} (${credential.label}, HTTP ${status} equivalent): ${upstreamMessage}` } : {}) };
  }
  return undefined;
}
