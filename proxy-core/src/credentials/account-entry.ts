import type { AccountSupport, ProviderDefinition } from '../providers/provider-definition.js';
import type { AccountRecord, QuotaBucket } from './account.js';
import { text } from '../shared/json-values.js';

/** Settings CLIProxyAPI flattens into every auth file, next to the provider's own fields. */
export interface AccountMeta {
  disabled: boolean;
  prefix?: string;
  proxyUrl?: string;
  baseUrl?: string;
  priority: number;
  /** The auth file's top-level `weight` (weighted-round-robin share); absent = 1. */
  weight?: number;
  excludedModels: string[];
}

export interface QuotaState {
  buckets: QuotaBucket[];
  fetchedAt?: number;
  source?: 'vendor' | 'headers';
  error?: string;
}

/** One loaded auth file and what the proxy knows about it at run time. */
export interface AccountEntry {
  file: string;
  path: string;
  modifiedAt: number;
  provider: ProviderDefinition;
  support: AccountSupport;
  record: AccountRecord;
  /** The file as read (unknown fields are written back unchanged). */
  raw: Record<string, unknown>;
  meta: AccountMeta;
  credentialIds: string[];
  refreshing?: Promise<AccountRecord>;
  lastRefresh?: { ok: boolean; at: number; error?: string };
  /** Set when the refresh token was rejected: only a new login helps. */
  needsRelogin?: { at: number; message: string };
  /** No refresh attempt before this time (after a failure, or when the vendor asked us to wait). */
  refreshBlockedUntil?: number;
  quota: QuotaState;
  lastUsedAt?: number;
}

/** When the background refresh is due (the provider's lead before expiry); undefined for refresh-on-use providers. */
export function refreshDueAt(entry: Pick<AccountEntry, 'support' | 'record'>): number | undefined {
  const lead = entry.support.refreshLeadMs;
  if (lead === null) return undefined;
  const { expiresAt, refreshedAt } = entry.record.tokens;
  if (expiresAt !== undefined) return expiresAt - lead;
  return refreshedAt !== undefined ? refreshedAt + lead : undefined;
}


export function readMeta(data: Record<string, unknown>): AccountMeta {
  const priority = typeof data.priority === 'number' ? data.priority : typeof data.priority === 'string' && /^-?\d+$/.test(data.priority) ? Number(data.priority) : 0;
  const excluded = Array.isArray(data.excluded_models)
    ? data.excluded_models.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim())
    : typeof data.excluded_models === 'string'
      ? data.excluded_models.split(',').map((item) => item.trim()).filter(Boolean)
      : [];
  return {
    disabled: data.disabled === true,
    prefix: text(data.prefix)?.replace(/^\/+|\/+$/g, ''),
    proxyUrl: text(data.proxy_url),
    baseUrl: text(data.base_url),
    priority: Math.trunc(priority),
    ...(readWeight(data.weight) !== undefined ? { weight: readWeight(data.weight) } : {}),
    excludedModels: excluded,
  };
}

/** A number or integer text, capped at the reference's 1,000,000 (larger = unusable, left out); ≤ 0 = 0. */
function readWeight(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
  if (parsed === undefined || !Number.isFinite(parsed)) return undefined;
  return parsed > 1_000_000 ? 0 : Math.max(0, Math.trunc(parsed));
}

/** Epoch ms from the first present expiry key CLIProxyAPI knows (RFC 3339 text, epoch seconds or ms). */
export function readExpiry(data: Record<string, unknown>, keys = ['expired', 'expire', 'expires_at', 'expiresAt', 'expiry', 'expires', 'expiry_date']): number | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e12 ? value * 1000 : value;
    if (typeof value === 'string' && value.trim()) {
      if (/^\d+$/.test(value.trim())) {
        const number = Number(value.trim());
        return number < 1e12 ? number * 1000 : number;
      }
      const parsed = Date.parse(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
  }
  return undefined;
}

/** Epoch ms of a `last_refresh`-style field. */
export function readTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value.trim()) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** RFC 3339 with the local offset as CLIProxyAPI writes it is not needed: UTC ISO text loads everywhere. */
export function isoTime(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}
