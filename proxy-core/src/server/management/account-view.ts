import { refreshDueAt, type AccountEntry } from '../../credentials/account-entry.js';
import type { CooldownEntry } from '../../credentials/cooldown.js';
import type { Runtime, RuntimeState } from '../runtime.js';
import type { AccountStateName, AccountView, QuotaBucketView } from './contract.js';
import { cooldownView } from './routes-credentials.js';

const iso = (epochMs: number | undefined) => (epochMs === undefined ? null : new Date(epochMs).toISOString());

function minutes(ms: number): string {
  const value = Math.max(1, Math.ceil(ms / 60_000));
  return value >= 120 ? `${Math.round(value / 60)} h` : `${value} min`;
}

/** One account as management shows it: the file's facts, the token's health, quota and the proxy's cooldowns. */
export function accountView(entry: AccountEntry, state: RuntimeState, cooldowns: readonly CooldownEntry[], now: number): AccountView {
  const { record, meta } = entry;
  // Accounts that mint their tokens (Vertex service accounts) have none until the first use or background round.
  const issued = record.tokens.accessToken !== '';
  const expiresAt = issued ? record.tokens.expiresAt : undefined;
  const active = cooldowns.filter((cooldown) => cooldown.until > now).map((cooldown) => cooldownView(cooldown, now));
  const expired = expiresAt !== undefined && expiresAt <= now;
  let stateName: AccountStateName;
  let message: string;
  if (entry.needsRelogin) {
    stateName = 'needs-relogin';
    message = `Log in again: ${entry.needsRelogin.message}`;
  } else if (meta.disabled) {
    stateName = 'disabled';
    message = 'Disabled: no requests are sent to this account.';
  } else if (entry.lastRefresh && !entry.lastRefresh.ok && expired) {
    stateName = 'refresh-failing';
    message = `The token expired and could not be refreshed (${entry.lastRefresh.error}); the proxy keeps trying.`;
  } else if (active.length > 0) {
    stateName = 'cooling';
    const first = active[0];
    message = `Cooling ${first.model === '*' ? 'for every model' : `for ${first.model}`} for ${minutes(first.secondsLeft * 1000)} (${first.reason}${first.message ? `: ${first.message}` : ''}).`;
  } else {
    stateName = 'active';
    message = !issued ? 'Ready: a token is requested from the vendor with the first request.' : expired ? 'Ready: the token has expired and is renewed with the next request.' : 'Ready.';
  }
  const lead = entry.support.refreshLeadMs;
  const nextRefresh = lead === null ? (expiresAt === undefined ? undefined : expiresAt - (entry.support.refreshBeforeUseMs ?? 60_000)) : refreshDueAt(entry);
  const models = [...new Set(entry.credentialIds.flatMap((id) => state.registry.modelsOf(id)))].sort();
  const buckets: QuotaBucketView[] = entry.quota.buckets.map((bucket) => ({
    id: bucket.id,
    label: bucket.label,
    remainingFraction: bucket.remainingFraction ?? null,
    remaining: bucket.remaining ?? null,
    limit: bucket.limit ?? null,
    unit: bucket.unit ?? null,
    resetsAt: iso(bucket.resetsAt),
    models: bucket.models ?? [],
  }));
  return {
    id: entry.credentialIds[0] ?? entry.file,
    provider: entry.provider.id,
    providerName: entry.provider.displayName,
    label: record.label,
    email: record.email ?? null,
    file: entry.file,
    enabled: !meta.disabled,
    state: stateName,
    stateMessage: message,
    plan: record.plan ?? null,
    projects: record.projects ?? [],
    token: {
      expiresAt: iso(expiresAt),
      lastRefreshAt: iso(record.tokens.refreshedAt),
      lastRefresh: entry.lastRefresh ? { ok: entry.lastRefresh.ok, at: new Date(entry.lastRefresh.at).toISOString(), error: entry.lastRefresh.error ?? null } : null,
      nextRefreshAt: iso(nextRefresh),
    },
    quota: { buckets, fetchedAt: iso(entry.quota.fetchedAt), source: entry.quota.source ?? null, error: entry.quota.error ?? null },
    cooldowns: active,
    models,
    lastUsedAt: iso(entry.lastUsedAt),
  };
}

/** The view of one loaded account with its live cooldowns (every credential of the account). */
export function liveAccountView(entry: AccountEntry, runtime: Runtime, now: number): AccountView {
  const cooldowns = entry.credentialIds.flatMap((credentialId) => runtime.cooldowns.list(now, credentialId));
  return accountView(entry, runtime.current(), cooldowns, now);
}
