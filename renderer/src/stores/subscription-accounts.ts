import type { AccountQuotaView, AccountView, LoginFlowName, LoginProviderView, LoginStatus, QuotaBucketView } from '../api/index.js';
import { formatClock, formatFromNow, formatMoment, formatNumber, formatRelative } from '../format/index.js';
import { coolingReason, sortedCooldowns, type AccountRow, type AccountState } from './account-rows.js';
import { ENGLISH_WORDS, type Words } from './words.js';

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

export function quotaBar(bucket: QuotaBucketView, words: Words = ENGLISH_WORDS): QuotaBar {
  const t = (key: string, values?: Record<string, unknown>) => words.t(`facts.quota.${key}`, values);
  const share = remainingShare(bucket);
  const level: QuotaLevel = share === null ? 'unknown' : share <= 0 ? 'exhausted' : share < LOW_QUOTA ? 'low' : 'ok';
  const percent = share === null ? null : Math.floor(share * 100 + 1e-9);
  const unit = bucket.unit ? ` ${bucket.unit}` : '';
  let text: string;
  if (level === 'exhausted') text = t('usedUp');
  else if (bucket.remaining !== null && bucket.limit !== null) text = t('ofLeft', { remaining: formatNumber(bucket.remaining), limit: formatNumber(bucket.limit), unit });
  else if (percent !== null) text = t('percentLeft', { percent: percent === 0 ? '<1' : percent });
  else if (bucket.remaining !== null) text = t('left', { remaining: formatNumber(bucket.remaining), unit });
  else text = t('unknown');
  return { id: bucket.id, label: bucket.label, percent, level, text, resetsAt: bucket.resetsAt ? Date.parse(bucket.resetsAt) : null, models: bucket.models };
}

export function quotaBars(quota: AccountQuotaView, words: Words = ENGLISH_WORDS): QuotaBar[] {
  return quota.buckets.map((bucket) => quotaBar(bucket, words));
}

/** Buckets with nothing left (the account cannot serve what they cover until they reset). */
export function exhaustedBuckets(account: AccountView): QuotaBar[] {
  return quotaBars(account.quota).filter((bar) => bar.level === 'exhausted');
}

/** Where the numbers come from, and how old they are. */
export function quotaSource(quota: AccountQuotaView, now: number, words: Words = ENGLISH_WORDS): string | null {
  if (!quota.fetchedAt) return null;
  const key = quota.source === 'headers' ? 'updatedFromResponse' : quota.source === 'vendor' ? 'updatedFromVendor' : 'updated';
  return words.t(`facts.source.${key}`, { when: formatRelative(quota.fetchedAt, now, words.language) });
}

export interface AccountStatus {
  state: AccountState;
  /** The pill's words. */
  label: string;
  /** The plain-language reason, when not simply ready. */
  detail: string | null;
}

const LABELLED: ReadonlySet<AccountState> = new Set(['active', 'disabled', 'needs-relogin', 'refresh-failing', 'exhausted']);

/** The state a person reads: the proxy's state, with "quota used up" for an active account with an empty bucket. */
export function accountStatus(account: AccountView, now: number, words: Words = ENGLISH_WORDS): AccountStatus {
  const t = (key: string, values?: Record<string, unknown>) => words.t(`facts.state.${key}`, values);
  const label = (state: AccountState) => (LABELLED.has(state) ? t(state) : state);
  if (account.state === 'cooling') {
    const first = sortedCooldowns(account.cooldowns)[0];
    const reason = coolingReason(account.cooldowns, words);
    return {
      state: 'cooling',
      label: first ? t('coolingUntil', { time: formatClock(first.until) }) : t('cooling'),
      detail: reason ? t('resting', { reason }) : account.stateMessage,
    };
  }
  if (account.state === 'active') {
    const empty = exhaustedBuckets(account);
    if (empty.length > 0) {
      const next = empty.map((bar) => bar.resetsAt).filter((time): time is number => time !== null).sort((a, b) => a - b)[0];
      return {
        state: 'exhausted',
        label: label('exhausted'),
        detail: next
          ? t('usedUpResets', { buckets: empty.map((bar) => bar.label).join(t('and')), moment: formatMoment(next, now, words.language), fromNow: formatFromNow(next, now, words.language) })
          : t('usedUp', { buckets: empty.map((bar) => bar.label).join(t('and')) }),
      };
    }
    return { state: 'active', label: label('active'), detail: null };
  }
  return { state: account.state, label: label(account.state), detail: account.stateMessage };
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
export function tokenFacts(account: AccountView, now: number, words: Words = ENGLISH_WORDS): { expiry: string; refresh: string; refreshOk: boolean | null; next: string | null } {
  const t = (key: string, values?: Record<string, unknown>) => words.t(`facts.token.${key}`, values);
  const language = words.language;
  const { expiresAt, lastRefresh, lastRefreshAt, nextRefreshAt } = account.token;
  let expiry = t('expiryUnknown');
  if (expiresAt) {
    const at = Date.parse(expiresAt);
    expiry = t(at <= now ? 'expired' : 'validUntil', { moment: formatMoment(at, now, language), fromNow: formatFromNow(at, now, language) });
  }
  let refresh = t('notRefreshed');
  let refreshOk: boolean | null = null;
  if (lastRefresh) {
    refreshOk = lastRefresh.ok;
    // The state line already quotes the error for a dead or failing token: do not say it twice.
    const said = lastRefresh.error !== null && account.state !== 'active' && account.stateMessage.includes(lastRefresh.error);
    const when = formatRelative(lastRefresh.at, now, language);
    refresh = lastRefresh.ok ? t('refreshed', { when }) : said ? t('refreshFailed', { when }) : t('refreshFailedReason', { when, reason: lastRefresh.error ?? t('noReason') });
  } else if (lastRefreshAt) {
    refresh = t('refreshed', { when: formatRelative(lastRefreshAt, now, language) });
  }
  const next = nextRefreshAt && Date.parse(nextRefreshAt) > now && account.state !== 'needs-relogin' ? t('next', { moment: formatMoment(nextRefreshAt, now, language) }) : null;
  return { expiry, refresh, refreshOk, next };
}

/** A subscription account as a row of the overview's "Needs attention" list. */
export function subscriptionRow(account: AccountView, now: number, words: Words = ENGLISH_WORDS): AccountRow {
  const status = accountStatus(account, now, words);
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
    source: words.t('facts.rows.accountFile', { name: account.file }),
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
