import type { AccountQuotaView, AccountView, LoginFlowName, LoginProviderView, LoginStatus, QuotaBucketView } from '../api/index.js';
import { formatClock, formatFromNow, formatMoment, formatNumber, formatRelative } from '../format/index.js';
import { coolingReason, sortedCooldowns, type AccountRow, type AccountState } from './account-rows.js';

/** Below this share left a quota bar turns amber. */
export const LOW_QUOTA = 0.2;

export type QuotaLevel = 'ok' | 'low' | 'exhausted' | 'unknown';

/** One quota bar as the page draws it. */
export interface QuotaBar {
  id: string;
  label: string;
  /** 0..100 (rounded down, so "100 %" means untouched), or null when the vendor gave no share. */
  percent: number | null;
  level: QuotaLevel;
  /** "75% left", "120 of 500 requests left", "Used up". */
  text: string;
  resetsAt: number | null;
  models: string[];
}

/** The share of a bucket left, from the fraction or from remaining / limit. */
export function remainingShare(bucket: QuotaBucketView): number | null {
  if (bucket.remainingFraction !== null && Number.isFinite(bucket.remainingFraction)) return Math.min(1, Math.max(0, bucket.remainingFraction));
  if (bucket.remaining !== null && bucket.limit !== null && bucket.limit > 0) return Math.min(1, Math.max(0, bucket.remaining / bucket.limit));
  if (bucket.remaining === 0) return 0;
  return null;
}

export function quotaBar(bucket: QuotaBucketView): QuotaBar {
  const share = remainingShare(bucket);
  const level: QuotaLevel = share === null ? 'unknown' : share <= 0 ? 'exhausted' : share < LOW_QUOTA ? 'low' : 'ok';
  const percent = share === null ? null : Math.floor(share * 100 + 1e-9);
  const unit = bucket.unit ? ` ${bucket.unit}` : '';
  let text: string;
  if (level === 'exhausted') text = 'Used up';
  else if (bucket.remaining !== null && bucket.limit !== null) text = `${formatNumber(bucket.remaining)} of ${formatNumber(bucket.limit)}${unit} left`;
  else if (percent !== null) text = `${percent === 0 ? '<1' : percent}% left`;
  else if (bucket.remaining !== null) text = `${formatNumber(bucket.remaining)}${unit} left`;
  else text = 'Unknown';
  return { id: bucket.id, label: bucket.label, percent, level, text, resetsAt: bucket.resetsAt ? Date.parse(bucket.resetsAt) : null, models: bucket.models };
}

export function quotaBars(quota: AccountQuotaView): QuotaBar[] {
  return quota.buckets.map(quotaBar);
}

/** Buckets with nothing left (the account cannot serve what they cover until they reset). */
export function exhaustedBuckets(account: AccountView): QuotaBar[] {
  return quotaBars(account.quota).filter((bar) => bar.level === 'exhausted');
}

/** Where the numbers come from, and how old they are. */
export function quotaSource(quota: AccountQuotaView, now: number): string | null {
  if (!quota.fetchedAt) return null;
  const from = quota.source === 'headers' ? 'from the last response' : quota.source === 'vendor' ? 'from the vendor' : '';
  return `Updated ${formatRelative(quota.fetchedAt, now)}${from ? ` ${from}` : ''}`;
}

export interface AccountStatus {
  state: AccountState;
  /** The pill's words. */
  label: string;
  /** The plain-language reason, when not simply ready. */
  detail: string | null;
}

const LABELS: Partial<Record<AccountState, string>> = {
  active: 'Active',
  disabled: 'Disabled',
  'needs-relogin': 'Log in again',
  'refresh-failing': 'Refresh failing',
  exhausted: 'Quota used up',
};

/** The state a person reads: the proxy's state, with "quota used up" for an active account with an empty bucket. */
export function accountStatus(account: AccountView, now: number): AccountStatus {
  if (account.state === 'cooling') {
    const first = sortedCooldowns(account.cooldowns)[0];
    const reason = coolingReason(account.cooldowns);
    return {
      state: 'cooling',
      label: first ? `Cooling until ${formatClock(first.until)}` : 'Cooling down',
      detail: reason ? `Resting: ${reason}` : account.stateMessage,
    };
  }
  if (account.state === 'active') {
    const empty = exhaustedBuckets(account);
    if (empty.length > 0) {
      const next = empty.map((bar) => bar.resetsAt).filter((time): time is number => time !== null).sort((a, b) => a - b)[0];
      return {
        state: 'exhausted',
        label: LABELS.exhausted!,
        detail: `${empty.map((bar) => bar.label).join(' and ')} used up${next ? `; resets ${formatMoment(next, now)} (${formatFromNow(next, now)})` : ''}.`,
      };
    }
    return { state: 'active', label: LABELS.active!, detail: null };
  }
  return { state: account.state, label: LABELS[account.state] ?? account.state, detail: account.stateMessage };
}

/**
 * An enabled account that cannot serve although the proxy's counts call it ready: it needs a new login, its
 * refresh keeps failing, or its quota is used up (cooling and disabled accounts are counted by /status already).
 */
export function isBlockedSubscription(account: AccountView, now: number): boolean {
  if (!account.enabled || account.cooldowns.length > 0) return false;
  const state = accountStatus(account, now).state;
  return state === 'needs-relogin' || state === 'refresh-failing' || state === 'exhausted';
}

export function needsAttentionAccount(account: AccountView, now: number): boolean {
  return accountStatus(account, now).state !== 'active';
}

/** Token facts in words. */
export function tokenFacts(account: AccountView, now: number): { expiry: string; refresh: string; refreshOk: boolean | null; next: string | null } {
  const { expiresAt, lastRefresh, lastRefreshAt, nextRefreshAt } = account.token;
  let expiry = 'Expiry unknown';
  if (expiresAt) {
    const at = Date.parse(expiresAt);
    expiry = at <= now ? `Expired ${formatMoment(at, now)} (${formatFromNow(at, now)})` : `Valid until ${formatMoment(at, now)} (${formatFromNow(at, now)})`;
  }
  let refresh = 'Not refreshed by this proxy yet';
  let refreshOk: boolean | null = null;
  if (lastRefresh) {
    refreshOk = lastRefresh.ok;
    // The state line already quotes the error for a dead or failing token: do not say it twice.
    const said = lastRefresh.error !== null && account.state !== 'active' && account.stateMessage.includes(lastRefresh.error);
    refresh = lastRefresh.ok
      ? `Refreshed ${formatRelative(lastRefresh.at, now)}`
      : `Refresh failed ${formatRelative(lastRefresh.at, now)}${said ? '' : `: ${lastRefresh.error ?? 'no reason given'}`}`;
  } else if (lastRefreshAt) {
    refresh = `Refreshed ${formatRelative(lastRefreshAt, now)}`;
  }
  const next = nextRefreshAt && Date.parse(nextRefreshAt) > now && account.state !== 'needs-relogin' ? `Next refresh ${formatMoment(nextRefreshAt, now)}` : null;
  return { expiry, refresh, refreshOk, next };
}

/** A subscription account as a row of the overview's "Needs attention" list. */
export function subscriptionRow(account: AccountView, now: number): AccountRow {
  const status = accountStatus(account, now);
  const first = sortedCooldowns(account.cooldowns)[0];
  return {
    id: account.id,
    label: account.email ?? account.label,
    providerLabel: account.providerName,
    kind: 'oauth',
    state: status.state,
    detail: status.detail,
    coolingUntil: status.state === 'cooling' && first ? Date.parse(first.until) : null,
    enabled: account.enabled,
    toggle: { type: 'credential', id: account.id },
    source: `account file ${account.file}`,
    models: account.models.length,
    lastUsed: account.lastUsedAt ? Date.parse(account.lastUsedAt) : null,
    removal: { type: 'auth-file', name: account.file },
    relogin: status.state === 'needs-relogin' ? { provider: account.provider, label: account.email ?? account.label } : null,
  };
}

/** The account files the subscription list shows, so the credentials table does not list them again. */
export function subscriptionFiles(accounts: readonly AccountView[] | null): Set<string> {
  return new Set((accounts ?? []).map((account) => account.file));
}

export const TERMINAL_LOGIN: ReadonlySet<LoginStatus> = new Set(['done', 'error', 'cancelled', 'expired']);

export const FLOW_LABELS: Record<LoginFlowName, { label: string; help: string }> = {
  browser: { label: 'Browser on this computer', help: 'The sign-in page sends the browser back to the proxy by itself.' },
  manual: { label: 'Paste a code', help: 'Works with a browser on any machine.' },
  device: { label: 'Device code', help: 'Type a short code on the vendor’s page, from any device.' },
};

/** The flow a new login uses: the user's last choice, paste mode when the dashboard is opened from another machine, else the provider's default. */
export function defaultFlow(provider: Pick<LoginProviderView, 'flows'>, options: { preferred?: LoginFlowName; remote: boolean }): LoginFlowName {
  if (options.preferred && provider.flows.includes(options.preferred)) return options.preferred;
  if (options.remote && provider.flows[0] === 'browser' && provider.flows.includes('manual')) return 'manual';
  return provider.flows[0] ?? 'browser';
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\./.test(host) || host.endsWith('.localhost');
}
