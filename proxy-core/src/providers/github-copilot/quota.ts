import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { githubHeaders } from './endpoints.js';

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const LABELS: Record<string, string> = { premium_interactions: 'Premium requests', chat: 'Chat messages', completions: 'Code completions' };

/**
 * `GET api.github.com/copilot_internal/user` with the GitHub token → `{copilot_plan, quota_reset_date, quota_snapshots:
 * {premium_interactions | chat | completions: {entitlement, remaining, percent_remaining, unlimited, …}}}`
 * ([PP] management/copilot_quota.go; [QUOTIO] CopilotQuotaFetcher.swift). Unlimited allowances are not bars.
 */
export async function copilotQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const githubToken = record.tokens.refreshToken ?? '';
  const response = await context.http.request({ url: context.endpoint('copilotUser'), method: 'GET', headers: githubHeaders(githubToken) });
  const body = jsonObject(response, 'The Copilot user request');
  const resetDate = typeof body.quota_reset_date === 'string' ? Date.parse(body.quota_reset_date) : NaN;
  const snapshots = object(body.quota_snapshots) ?? {};
  const buckets: QuotaBucket[] = [];
  for (const id of ['premium_interactions', 'chat', 'completions']) {
    const snapshot = object(snapshots[id]);
    if (!snapshot || snapshot.unlimited === true) continue;
    const limit = finite(snapshot.entitlement);
    const remaining = finite(snapshot.remaining);
    const percent = finite(snapshot.percent_remaining);
    buckets.push({
      id,
      label: LABELS[id],
      remaining,
      limit,
      unit: 'requests',
      remainingFraction: percent !== undefined ? Math.min(1, Math.max(0, percent / 100)) : limit && remaining !== undefined ? Math.min(1, Math.max(0, remaining / limit)) : undefined,
      resetsAt: Number.isNaN(resetDate) ? undefined : resetDate,
    });
  }
  return buckets;
}
