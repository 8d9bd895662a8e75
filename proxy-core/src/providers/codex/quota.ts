import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { CODEX_USER_AGENT } from './oauth-endpoints.js';

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const finite = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && value.trim() ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) ? number : undefined;
};

/** "5-hour limit", "Weekly limit", … from a window length. */
function windowLabel(seconds: number | undefined, fallback: string): string {
  if (seconds === undefined || seconds <= 0) return fallback;
  const hours = seconds / 3600;
  if (Math.abs(hours - 168) < 1) return 'Weekly limit';
  if (Math.abs(hours - 24) < 0.5) return 'Daily limit';
  if (hours >= 1) return `${Math.round(hours)}-hour limit`;
  return `${Math.round(seconds / 60)}-minute limit`;
}

function windowBucket(id: string, fallbackLabel: string, window: Json | undefined, now: number, prefix = ''): QuotaBucket | undefined {
  if (!window) return undefined;
  const used = finite(window.used_percent);
  const resetAt = finite(window.reset_at);
  const resetAfter = finite(window.reset_after_seconds);
  return {
    id,
    label: prefix + windowLabel(finite(window.limit_window_seconds), fallbackLabel),
    remainingFraction: used === undefined ? undefined : Math.min(1, Math.max(0, (100 - used) / 100)),
    resetsAt: resetAt !== undefined && resetAt > 0 ? resetAt * 1000 : resetAfter !== undefined ? now + resetAfter * 1000 : undefined,
  };
}

/** `{primary_window, secondary_window}` of one rate limit as buckets `<id>_primary` / `<id>_secondary`. */
function rateLimitBuckets(id: string, rateLimit: Json | undefined, now: number, prefix: string): QuotaBucket[] {
  if (!rateLimit) return [];
  const buckets = [
    windowBucket(`${id}_primary`, 'Short-term limit', object(rateLimit.primary_window), now, prefix),
    windowBucket(`${id}_secondary`, 'Long-term limit', object(rateLimit.secondary_window), now, prefix),
  ].filter((bucket): bucket is QuotaBucket => bucket !== undefined);
  // A reached limit is used up whatever the percentage says.
  if (rateLimit.limit_reached === true || rateLimit.allowed === false) for (const bucket of buckets) if (bucket.remainingFraction === undefined) bucket.remainingFraction = 0;
  return buckets;
}

/**
 * `GET …/wham/usage` (Bearer + `Chatgpt-Account-Id`): the plan's rate limit (primary = the short window, secondary
 * = the weekly one), the code review limit, per-feature additional limits, and the rate-limit reset credits.
 */
export async function codexQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const headers: Record<string, string> = { authorization: `Bearer ${record.tokens.accessToken}`, 'user-agent': CODEX_USER_AGENT };
  if (record.attributes.accountId) headers['chatgpt-account-id'] = record.attributes.accountId;
  const response = await context.http.request({ url: context.endpoint('usage'), headers });
  const body = jsonObject(response, 'The ChatGPT usage request');
  const now = context.clock.now();
  const buckets: QuotaBucket[] = [...rateLimitBuckets('codex', object(body.rate_limit), now, ''), ...rateLimitBuckets('code_review', object(body.code_review_rate_limit), now, 'Code review: ')];
  const additional = Array.isArray(body.additional_rate_limits) ? body.additional_rate_limits : [];
  for (const entry of additional.map(object)) {
    if (!entry) continue;
    const name = typeof entry.metered_feature === 'string' ? entry.metered_feature : typeof entry.limit_name === 'string' ? entry.limit_name : 'additional';
    const label = typeof entry.limit_name === 'string' ? entry.limit_name : name;
    buckets.push(...rateLimitBuckets(name.replace(/[^A-Za-z0-9_-]+/g, '_'), object(entry.rate_limit), now, `${label}: `));
  }
  const credits = finite(object(body.rate_limit_reset_credits)?.available_count);
  if (credits !== undefined) buckets.push({ id: 'reset_credits', label: 'Rate-limit reset credits', remaining: credits, unit: 'credits' });
  return buckets;
}

/**
 * Usage the ChatGPT backend reports on every response. These header names are the Codex CLI's documented ones
 * (`x-codex-primary-used-percent`, `x-codex-secondary-used-percent`, `x-codex-*-window-minutes`,
 * `x-codex-*-reset-after-seconds` / `-reset-at`), not taken from the reference, which never reads them.
 */
export function codexQuotaFromHeaders(headers: Record<string, string>, now: number): QuotaBucket[] | undefined {
  const buckets: QuotaBucket[] = [];
  for (const [name, fallback] of [['primary', 'Short-term limit'], ['secondary', 'Long-term limit']] as const) {
    const used = finite(headers[`x-codex-${name}-used-percent`]);
    if (used === undefined) continue;
    const minutes = finite(headers[`x-codex-${name}-window-minutes`]);
    const resetAt = finite(headers[`x-codex-${name}-reset-at`]);
    const resetAfter = finite(headers[`x-codex-${name}-reset-after-seconds`]);
    buckets.push({
      id: `codex_${name}`,
      label: windowLabel(minutes !== undefined ? minutes * 60 : undefined, fallback),
      remainingFraction: Math.min(1, Math.max(0, (100 - used) / 100)),
      resetsAt: resetAt !== undefined && resetAt > 0 ? resetAt * 1000 : resetAfter !== undefined ? now + resetAfter * 1000 : undefined,
    });
  }
  return buckets.length > 0 ? buckets : undefined;
}
