/**
 * What Antigravity's errors mean for routing ([CPA] antigravity_executor_credits.go `decideAntigravity429`,
 * antigravity_executor_execute.go; inventory §2.5 "Errors and reactions"):
 *  - any 429, and a 503 "No capacity available", first try the next host (daily → prod);
 *  - on the last host a 429 is decided by `ErrorInfo.reason` and `RetryInfo.retryDelay`:
 *    `QUOTA_EXHAUSTED` (or "quota exhausted" in the body) → this model cools on this account, next account;
 *    `RATE_LIMIT_EXCEEDED` under 3 s → wait it out (+0.8 s) and retry this account; under 5 min → short cooldown
 *    and next account; longer → like exhausted; no recognised reason → one soft retry (0.5 s) on this account;
 *  - a 503 without capacity on every host waits 0.25 s and tries once more, then cools briefly.
 */
import { googleRetryDelayMs, parseGoogleRpcError } from '../code-assist/index.js';
import type { ErrorClassification, ErrorInput } from '../provider-definition.js';
import { ANTIGRAVITY_ROUNDS, variantPosition } from './upstream-request.js';

export const INSTANT_RETRY_THRESHOLD_MS = 3_000;
export const SHORT_COOLDOWN_THRESHOLD_MS = 5 * 60_000;

export type Antigravity429 =
  | { kind: 'quota-exhausted'; retryAfterMs?: number; reason?: string }
  | { kind: 'instant-retry'; retryAfterMs: number; reason: string }
  | { kind: 'short-cooldown'; retryAfterMs: number; reason: string }
  | { kind: 'soft-retry'; retryAfterMs?: number; reason?: string };

export function decideAntigravity429(body: string): Antigravity429 {
  const google = parseGoogleRpcError(body);
  const retryAfterMs = googleRetryDelayMs(google);
  if (!google || google.status?.toUpperCase() !== 'RESOURCE_EXHAUSTED') return { kind: 'soft-retry', retryAfterMs };
  const reason = google.reason?.toUpperCase();
  if (reason === 'QUOTA_EXHAUSTED') return { kind: 'quota-exhausted', retryAfterMs, reason };
  if (reason === 'RATE_LIMIT_EXCEEDED') {
    if (retryAfterMs === undefined) return { kind: 'soft-retry', reason };
    if (retryAfterMs < INSTANT_RETRY_THRESHOLD_MS) return { kind: 'instant-retry', retryAfterMs, reason };
    if (retryAfterMs < SHORT_COOLDOWN_THRESHOLD_MS) return { kind: 'short-cooldown', retryAfterMs, reason };
    return { kind: 'quota-exhausted', retryAfterMs, reason };
  }
  if (/quota[_ ]exhausted/i.test(body)) return { kind: 'quota-exhausted', retryAfterMs, reason: 'QUOTA_EXHAUSTED' };
  return { kind: 'soft-retry', retryAfterMs, reason };
}

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))}s`;

export function classifyAntigravityError(input: ErrorInput): ErrorClassification | undefined {
  const { index, hosts, round } = variantPosition(input.credential, input.variant);
  const lastHost = index + 1 >= hosts;
  const canRetry = round + 1 < ANTIGRAVITY_ROUNDS;
  const who = `The Antigravity account ${input.credential.label}`;
  if (input.status === 503 && /no capacity available/i.test(input.body)) {
    if (!lastHost) return { retrySameCredential: {} };
    if (canRetry) return { retrySameCredential: { delayMs: 250 * (round + 1) } };
    return { failure: { reason: 'transient', status: 503, message: 'no capacity available on any host' }, message: `${who}: Google has no capacity for ${input.model} right now (every host answered 503). Try again shortly.` };
  }
  if (input.status !== 429) return undefined;
  if (!lastHost) return { retrySameCredential: {} };
  const decision = decideAntigravity429(input.body);
  switch (decision.kind) {
    case 'instant-retry':
      if (canRetry) return { retrySameCredential: { delayMs: decision.retryAfterMs + 800 } };
      return {
        failure: { reason: 'quota', status: 429, retryAfterMs: decision.retryAfterMs, message: `rate limited (${decision.reason}), retry in ${seconds(decision.retryAfterMs)}` },
        message: `${who} is rate limited for ${input.model} (${decision.reason}).`,
      };
    case 'short-cooldown':
      return {
        failure: { reason: 'quota', status: 429, retryAfterMs: decision.retryAfterMs, message: `rate limited (${decision.reason}), short cooldown of ${seconds(decision.retryAfterMs)}` },
        message: `${who} is rate limited for ${input.model} (${decision.reason}); it may be used again in ${seconds(decision.retryAfterMs)}.`,
      };
    case 'quota-exhausted': {
      const when = decision.retryAfterMs !== undefined ? `; resets in ${seconds(decision.retryAfterMs)}` : '';
      return {
        failure: { reason: 'quota', status: 429, retryAfterMs: decision.retryAfterMs, message: `quota exhausted (${decision.reason ?? 'QUOTA_EXHAUSTED'})${when}` },
        message: `${who} has used up its quota for ${input.model}${when}.`,
      };
    }
    case 'soft-retry':
      if (canRetry) return { retrySameCredential: { delayMs: 500 * (round + 1) } };
      return { failure: { reason: 'quota', status: 429, retryAfterMs: decision.retryAfterMs, message: `rate limited${decision.reason ? ` (${decision.reason})` : ''}` } };
  }
}
