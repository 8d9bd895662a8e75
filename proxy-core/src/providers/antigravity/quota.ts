import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { postCodeAssist } from '../code-assist/index.js';
import { ANTIGRAVITY_QUOTA_USER_AGENT, ANTIGRAVITY_USER_AGENT } from './oauth-endpoints.js';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const fraction = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const time = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
};

/** The first host that answers (daily, then prod), as the quota panels do. */
async function firstAnswer(context: AccountContext, record: AccountRecord, method: string, body: unknown, userAgent: string): Promise<JsonObject> {
  let last: unknown;
  for (const base of [context.endpoint('api'), context.endpoint('apiFallback')]) {
    try {
      return await postCodeAssist(context, { base, accessToken: record.tokens.accessToken, headers: { 'user-agent': userAgent } }, method, body);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** `retrieveUserQuotaSummary {project}` → `{groups: [{displayName, buckets: [{bucketId, displayName, window, resetTime, remainingFraction}]}]}`. */
function summaryBuckets(body: JsonObject): QuotaBucket[] {
  const buckets: QuotaBucket[] = [];
  for (const group of Array.isArray(body.groups) ? body.groups : []) {
    if (!isObject(group)) continue;
    for (const bucket of Array.isArray(group.buckets) ? group.buckets : []) {
      if (!isObject(bucket)) continue;
      const id = typeof bucket.bucketId === 'string' ? bucket.bucketId : `${String(group.displayName ?? 'group')}-${buckets.length}`;
      const name = typeof bucket.displayName === 'string' ? bucket.displayName : id;
      buckets.push({
        id,
        label: typeof group.displayName === 'string' ? `${group.displayName}: ${name}` : name,
        remainingFraction: fraction(bucket.remainingFraction),
        resetsAt: time(bucket.resetTime),
        unit: typeof bucket.window === 'string' ? bucket.window.toLowerCase() : undefined,
      });
    }
  }
  return buckets;
}

/** `fetchAvailableModels {project}` → one bucket per model from `quotaInfo` (internal ids like `chat_20706` skipped). */
function modelBuckets(body: JsonObject): QuotaBucket[] {
  const models = isObject(body.models) ? body.models : {};
  return Object.entries(models).flatMap(([id, value]): QuotaBucket[] => {
    if (!isObject(value) || !isObject(value.quotaInfo) || /^(chat|tab)_/.test(id)) return [];
    return [{ id: `model/${id}`, label: typeof value.displayName === 'string' ? value.displayName : id, remainingFraction: fraction(value.quotaInfo.remainingFraction), resetsAt: time(value.quotaInfo.resetTime), models: [id] }];
  });
}

/** The account's quota: the summary windows and each model's remaining share; one failing source is enough to show the other. */
export async function antigravityQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const project = record.projects?.[0];
  const body = project ? { project } : {};
  const [summary, models] = await Promise.allSettled([
    firstAnswer(context, record, 'retrieveUserQuotaSummary', body, ANTIGRAVITY_QUOTA_USER_AGENT),
    firstAnswer(context, record, 'fetchAvailableModels', body, ANTIGRAVITY_USER_AGENT),
  ]);
  if (summary.status === 'rejected' && models.status === 'rejected') throw summary.reason;
  return [...(summary.status === 'fulfilled' ? summaryBuckets(summary.value) : []), ...(models.status === 'fulfilled' ? modelBuckets(models.value) : [])];
}
