import type { AccountEntry } from '../../credentials/account-entry.js';
import { sha256Hex } from '../../shared/ids.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError } from './respond-management.js';
import type { ManagementServices } from './services.js';

/**
 * One Kiro account's quota in the reference fork's field names ([PP] pkg/llmproxy/api/handlers/management/
 * kiro_quota.go: `auth_index`, `profile_arn`, `remaining_quota`, `usage_percentage`, `quota_exhausted`), plus
 * when it resets and why it could not be read.
 */
export interface KiroQuotaView {
  auth_index: string;
  file: string;
  label: string;
  profile_arn: string | null;
  remaining_quota: number | null;
  usage_limit: number | null;
  usage_percentage: number | null;
  quota_exhausted: boolean;
  reset_at: string | null;
  error: string | null;
}

function quotaView(entry: AccountEntry): KiroQuotaView {
  const buckets = entry.quota.buckets;
  const main = buckets.find((bucket) => bucket.id === 'agentic_request') ?? buckets[0];
  // Spendable credits: the plan's plus an active free trial's.
  const remaining = buckets.length > 0 ? buckets.reduce((sum, bucket) => sum + (bucket.remaining ?? 0), 0) : null;
  const limit = buckets.length > 0 ? buckets.reduce((sum, bucket) => sum + (bucket.limit ?? 0), 0) : null;
  return {
    auth_index: sha256Hex(entry.file).slice(0, 16),
    file: entry.file,
    label: entry.record.label,
    profile_arn: entry.record.attributes.profileArn ?? null,
    remaining_quota: remaining,
    usage_limit: limit,
    usage_percentage: limit ? Math.round(((limit - (remaining ?? 0)) / limit) * 10_000) / 100 : null,
    quota_exhausted: remaining !== null && remaining <= 0,
    reset_at: main?.resetsAt ? new Date(main.resetsAt).toISOString() : null,
    error: entry.needsRelogin?.message ?? entry.quota.error ?? null,
  };
}

/**
 * `GET /v0/management/kiro-quota[?auth_index=…][&refresh=true]`: with `auth_index` (or a file name) that account
 * alone, in the fork's shape; without, the first Kiro account's fields (fork-compatible) plus `accounts` listing
 * every Kiro account. Quota is read from the vendor's usage-limits call (cached; `refresh=true` forces it).
 */
export function registerKiroQuotaRoutes(router: Router, services: ManagementServices): void {
  router.add('GET', `${MANAGEMENT_BASE}/kiro-quota`, managed(services, async ({ res, url }) => {
    const wanted = url.searchParams.get('auth_index') ?? url.searchParams.get('authIndex') ?? '';
    const force = url.searchParams.get('refresh') === 'true';
    let entries = services.accounts.entries().filter((entry) => entry.provider.id === 'kiro');
    if (wanted) entries = entries.filter((entry) => entry.file === wanted || sha256Hex(entry.file).slice(0, 16) === wanted);
    if (entries.length === 0) {
      throw managementError(wanted ? 404 : 400, wanted ? `No Kiro account with auth_index "${wanted}". List them with GET ${MANAGEMENT_BASE}/kiro-quota.` : 'No Kiro account is loaded. Log in with `cliproxyctl login --provider kiro` or import the Kiro IDE token.');
    }
    await Promise.all(entries.filter((entry) => !entry.needsRelogin).map((entry) => services.accounts.quota(entry.file, { force }).catch(() => undefined)));
    const views = entries.map((entry) => quotaView(services.accounts.entry(entry.file) ?? entry));
    sendJson(res, 200, wanted ? views[0] : { ...views[0], accounts: views });
  }));
}
