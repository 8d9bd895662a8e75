import type { QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import type { ErrorClassification, ErrorInput } from '../provider-definition.js';
import { OAUTH_BETA } from './oauth-endpoints.js';

const PREFIX = 'anthropic-ratelimit-unified-';
/** The windows Anthropic reports for subscriptions, header name part → bucket. */
const WINDOWS: Array<{ header: string; id: string; label: string }> = [
  { header: '5h', id: 'five_hour', label: '5-hour limit' },
  { header: '7d', id: 'seven_day', label: 'Weekly limit' },
  { header: '7d_opus', id: 'seven_day_opus', label: 'Weekly Opus limit' },
  { header: '7d_sonnet', id: 'seven_day_sonnet', label: 'Weekly Sonnet limit' },
  { header: '7d_oi', id: 'seven_day_oauth_apps', label: 'Weekly limit for other apps' },
];

const epochSeconds = (value: string | undefined): number | undefined => {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number * 1000 : undefined;
};

/** Subscription usage from the unified rate-limit headers every response carries. */
export function claudeQuotaFromHeaders(headers: Record<string, string>): QuotaBucket[] | undefined {
  const buckets: QuotaBucket[] = [];
  for (const window of WINDOWS) {
    const utilization = headers[`${PREFIX}${window.header}-utilization`];
    const status = headers[`${PREFIX}${window.header}-status`];
    if (utilization === undefined && status === undefined) continue;
    const used = Number(utilization);
    const fraction = Number.isFinite(used) ? (used > 1 ? used / 100 : used) : status === 'rejected' ? 1 : undefined;
    buckets.push({
      id: window.id,
      label: window.label,
      remainingFraction: fraction === undefined ? undefined : Math.max(0, 1 - fraction),
      resetsAt: epochSeconds(headers[`${PREFIX}${window.header}-reset`]),
    });
  }
  return buckets.length > 0 ? buckets : undefined;
}

/**
 * 429s of a Claude subscription: a rejected 5-hour or weekly window cools the whole account until the latest
 * reset the headers name; a rejection of only the "other apps" window cools just this model; a fast-mode
 * credit refusal is the request's problem (no failover).
 */
export function classifyClaudeError(input: ErrorInput): ErrorClassification | undefined {
  if (input.status !== 429) return undefined;
  const { headers, now, credential } = input;
  if (/fast mode/i.test(input.body) && /credit/i.test(input.body)) {
    return { failure: null, message: `Claude refused fast mode for ${credential.label}: it needs usage credits. Turn fast mode off or add credits.` };
  }
  const rejected = (name: string) => headers[`${PREFIX}${name}status`] === 'rejected';
  const account = rejected('') || rejected('5h-') || rejected('7d-');
  const otherApps = rejected('7d_oi-');
  if (!account && !otherApps) return undefined;
  const resets = ['5h', '7d', '7d_oi', ''].map((name) => epochSeconds(headers[`${PREFIX}${name ? `${name}-` : ''}reset`])).filter((value): value is number => value !== undefined);
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) resets.push(now + retryAfter * 1000);
  const until = resets.length > 0 ? Math.max(...resets) : undefined;
  const window = rejected('7d-') ? 'weekly' : rejected('5h-') ? '5-hour' : otherApps && !account ? 'weekly other-apps' : 'usage';
  const when = until ? ` It resets at ${new Date(until).toISOString()}.` : '';
  return {
    failure: {
      reason: 'quota',
      status: 429,
      retryAfterMs: until !== undefined ? Math.max(1000, until - now) : undefined,
      wholeCredential: account,
      message: `${window} limit reached`,
    },
    message: `The Claude account ${credential.label} reached its ${window} limit.${when}`,
  };
}

/** `GET /api/oauth/usage`: utilization (percent used) and reset time per window, plus extra usage credits. */
export async function claudeQuota(context: AccountContext, accessToken: string): Promise<QuotaBucket[]> {
  const response = await context.http.request({ url: context.endpoint('usage'), headers: { authorization: `Bearer ${accessToken}`, 'anthropic-beta': OAUTH_BETA } });
  const body = jsonObject(response, 'The Claude usage request');
  const buckets: QuotaBucket[] = [];
  for (const window of WINDOWS) {
    const entry = body[window.id] as { utilization?: unknown; resets_at?: unknown } | null | undefined;
    if (!entry || typeof entry !== 'object') continue;
    const used = Number(entry.utilization);
    const reset = typeof entry.resets_at === 'string' ? Date.parse(entry.resets_at) : NaN;
    buckets.push({
      id: window.id,
      label: window.label,
      remainingFraction: Number.isFinite(used) ? Math.max(0, 1 - used / 100) : undefined,
      resetsAt: Number.isNaN(reset) ? undefined : reset,
    });
  }
  const extra = body.extra_usage as { is_enabled?: unknown; monthly_limit?: unknown; used_credits?: unknown } | null | undefined;
  if (extra && extra.is_enabled === true && typeof extra.monthly_limit === 'number') {
    const used = typeof extra.used_credits === 'number' ? extra.used_credits : 0;
    buckets.push({ id: 'extra_usage', label: 'Extra usage this month', limit: extra.monthly_limit, remaining: Math.max(0, extra.monthly_limit - used), remainingFraction: extra.monthly_limit > 0 ? Math.max(0, 1 - used / extra.monthly_limit) : undefined, unit: 'credits' });
  }
  return buckets;
}
