/**
 * Quota arithmetic and wording shared by the tray and the notifier: how much of a bucket is left, an account's
 * tightest bucket, and short lines such as "5-hour 8% (resets in 1h 20m)".
 */
import type { AccountView, QuotaBucketView } from '../core/proxy-core.js';
import { createTranslator, type Translate } from '../i18n/index.js';

/** Below this share left, quota counts as low. */
export const LOW_QUOTA_FRACTION = 0.1;

/** Share left, 0..1: the vendor's fraction, else remaining / limit; null when unknown. */
export function bucketFraction(bucket: QuotaBucketView): number | null {
  if (typeof bucket.remainingFraction === 'number' && Number.isFinite(bucket.remainingFraction)) return Math.min(1, Math.max(0, bucket.remainingFraction));
  if (typeof bucket.remaining === 'number' && typeof bucket.limit === 'number' && bucket.limit > 0) return Math.min(1, Math.max(0, bucket.remaining / bucket.limit));
  return null;
}

export type QuotaLevel = 'ok' | 'low' | 'exhausted' | 'unknown';

export function levelOf(fraction: number | null): QuotaLevel {
  if (fraction === null) return 'unknown';
  if (fraction <= 0) return 'exhausted';
  return fraction < LOW_QUOTA_FRACTION ? 'low' : 'ok';
}

export interface TightestBucket {
  bucket: QuotaBucketView;
  fraction: number;
}

/** The bucket with the least left (or the one named by `bucketId`), among those whose share is known. */
export function tightestBucket(account: AccountView, bucketId?: string): TightestBucket | null {
  let best: TightestBucket | null = null;
  for (const bucket of account.quota?.buckets ?? []) {
    if (bucketId && bucket.id !== bucketId) continue;
    const fraction = bucketFraction(bucket);
    if (fraction === null) continue;
    if (!best || fraction < best.fraction) best = { bucket, fraction };
  }
  return best;
}

export function formatPercent(fraction: number): string {
  if (fraction > 0 && fraction < 0.01) return '<1%';
  return `${Math.round(fraction * 100)}%`;
}

/** "in 1h 20m", "in 3d 4h", "in 5m"; null when unknown or past. */
export function formatResetIn(resetsAt: string | null, now: number, t: Translate = createTranslator('en')): string | null {
  if (!resetsAt) return null;
  const at = Date.parse(resetsAt);
  if (!Number.isFinite(at) || at <= now) return null;
  const minutes = Math.max(1, Math.round((at - now) / 60_000));
  if (minutes < 60) return t('tray:quota.inMinutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('tray:quota.inHours', { hours, minutes: minutes % 60 });
  return t('tray:quota.inDays', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** "5-hour 8% (resets in 1h 20m)" ("5-hour 8%（1 小时 20 分钟后重置）" in Chinese). */
export function bucketLine(tight: TightestBucket, now: number, t: Translate = createTranslator('en')): string {
  const reset = formatResetIn(tight.bucket.resetsAt, now, t);
  const values = { label: tight.bucket.label, percent: formatPercent(tight.fraction), reset };
  return reset ? t('tray:quota.lineReset', values) : t('tray:quota.line', values);
}

export function accountName(account: AccountView): string {
  const who = account.email ?? account.label;
  return who && who !== account.providerName ? `${account.providerName} ${who}` : account.providerName || account.label;
}
