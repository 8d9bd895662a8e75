import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { kiroRegion, withRegion } from './endpoints.js';
import { accountSeed, kiroApiHeaders } from './headers.js';

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
/** `nextDateReset` arrives as epoch seconds (AWS JSON timestamps) or an ISO string. */
const resetTime = (value: unknown): number | undefined => {
  if (typeof value === 'number' && value > 0) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
};

/**
 * `GET {api}/getUsageLimits?origin=AI_EDITOR&resourceType=AGENTIC_REQUEST&profileArn=…` →
 * `{nextDateReset, subscriptionInfo{subscriptionTitle}, usageBreakdownList[{resourceType, displayName,
 * usageLimitWithPrecision, currentUsageWithPrecision, nextDateReset, freeTrialInfo{…}}]}` ([PP]
 * pkg/llmproxy/auth/kiro/codewhisperer_client.go, usage_checker.go). One bucket per resource (and one for
 * an active free trial), counting credits.
 */
export async function kiroQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const body = await kiroUsageLimits(context, record);
  return usageBuckets(body);
}

export async function kiroUsageLimits(context: AccountContext, record: AccountRecord): Promise<Json> {
  const region = kiroRegion(record.attributes);
  const query = new URLSearchParams({ origin: 'AI_EDITOR', resourceType: 'AGENTIC_REQUEST' });
  if (record.attributes.profileArn) query.set('profileArn', record.attributes.profileArn);
  const response = await context.http.request({ url: `${withRegion(context.endpoint('api'), region)}/getUsageLimits?${query}`, headers: kiroApiHeaders(record.tokens.accessToken, accountSeed(record)) });
  return jsonObject(response, 'The Kiro usage-limits request');
}

export function usageBuckets(body: Json): QuotaBucket[] {
  const plan = object(body.subscriptionInfo);
  const buckets: QuotaBucket[] = [];
  const list = Array.isArray(body.usageBreakdownList) ? body.usageBreakdownList.map(object) : [];
  for (const entry of list) {
    if (!entry) continue;
    const kind = typeof entry.resourceType === 'string' ? entry.resourceType : 'AGENTIC_REQUEST';
    const name = typeof entry.displayName === 'string' ? entry.displayName : kind === 'AGENTIC_REQUEST' ? 'Credits' : kind;
    const resetsAt = resetTime(entry.nextDateReset) ?? resetTime(body.nextDateReset);
    const add = (id: string, label: string, limit: number | undefined, used: number | undefined) => {
      if (limit === undefined) return;
      const remaining = Math.max(0, limit - (used ?? 0));
      buckets.push({ id, label, limit, remaining, remainingFraction: limit > 0 ? remaining / limit : 0, unit: 'credits', ...(resetsAt ? { resetsAt } : {}) });
    };
    add(kind.toLowerCase(), `${typeof plan?.subscriptionTitle === 'string' ? `${plan.subscriptionTitle}: ` : ''}${name}`, finite(entry.usageLimitWithPrecision) ?? finite(entry.usageLimit), finite(entry.currentUsageWithPrecision) ?? finite(entry.currentUsage));
    const trial = object(entry.freeTrialInfo);
    if (trial && trial.freeTrialStatus === 'ACTIVE') add(`${kind.toLowerCase()}_free_trial`, `Free trial: ${name}`, finite(trial.usageLimitWithPrecision), finite(trial.currentUsageWithPrecision));
  }
  return buckets;
}
