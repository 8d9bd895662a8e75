import type { AccountContext } from '../login/login-types.js';
import { OAuthError } from '../login/oauth-error.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError } from '../shared/errors.js';
import type { AccountRecord } from './account.js';
import type { AccountEntry } from './account-entry.js';

const FAILURE_BACKOFF_MS = 5 * 60_000;

export interface AccountRefresherDeps {
  clock: Clock;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  context(entry: AccountEntry): AccountContext;
  /** Writes the entry's (new) record back to its file. */
  persist(entry: AccountEntry): Promise<void>;
  onTokens?(): void;
  /** Masks secrets in a vendor's error text before it is kept (shown by management and the UI). */
  scrub?(text: string): string;
}

export interface AccountRefresher {
  /** One refresh at a time per account (callers share it); failures mark the entry and rethrow. */
  refresh(entry: AccountEntry, reason: string): Promise<AccountRecord>;
  /** The record with a token good for a request: refreshed first when it expires within the provider's margin. */
  ensureFresh(entry: AccountEntry): Promise<AccountRecord>;
}

/**
 * Token refresh for account entries: single-flight per account, `invalid_grant` (a permanent OAuthError) → the
 * account needs a new login and is not refreshed again, other failures back off 5 minutes (or the vendor's
 * `Retry-After`); a refreshed token is written back at once.
 */
export function createAccountRefresher(deps: AccountRefresherDeps): AccountRefresher {
  const name = (entry: AccountEntry) => `${entry.provider.id} ${entry.record.label}`;

  const refresh = (entry: AccountEntry, reason: string): Promise<AccountRecord> => {
    if (entry.refreshing) return entry.refreshing;
    const started = deps.clock.now();
    entry.refreshing = (async () => {
      try {
        const next = await entry.support.refresh(deps.context(entry), entry.record);
        const now = deps.clock.now();
        entry.record = { ...next, tokens: { ...next.tokens, refreshedAt: next.tokens.refreshedAt ?? now } };
        entry.lastRefresh = { ok: true, at: now };
        entry.refreshBlockedUntil = undefined;
        entry.needsRelogin = undefined;
        await deps.persist(entry);
        deps.onTokens?.();
        const until = entry.record.tokens.expiresAt;
        deps.log('info', `${name(entry)}: token refreshed (${reason})${until ? `, valid until ${new Date(until).toISOString()}` : ''}`);
        return entry.record;
      } catch (error) {
        const oauth = error instanceof OAuthError ? error : undefined;
        const now = deps.clock.now();
        const message = deps.scrub ? deps.scrub((error as Error).message) : (error as Error).message;
        entry.lastRefresh = { ok: false, at: now, error: message };
        if (oauth?.permanent) {
          entry.needsRelogin = { at: now, message };
          deps.log('warn', `${name(entry)} needs a new login: ${message} Log in again in the app, or run: cliproxyctl login --provider ${entry.provider.id}`);
        } else {
          entry.refreshBlockedUntil = oauth?.retryAt ?? started + FAILURE_BACKOFF_MS;
          deps.log('warn', `${name(entry)}: token refresh failed (${reason}): ${message}; next try after ${new Date(entry.refreshBlockedUntil).toISOString()}`);
        }
        throw error;
      } finally {
        entry.refreshing = undefined;
      }
    })();
    return entry.refreshing;
  };

  const unusable = (entry: AccountEntry, message: string) =>
    new ProxyError(message, { status: 401, code: 'upstream_error', scope: 'credential', retryable: true, details: { provider: entry.provider.id, credential: entry.record.label, reason: 'needs_relogin' } });

  const ensureFresh = async (entry: AccountEntry): Promise<AccountRecord> => {
    const who = `${entry.provider.displayName} account ${entry.record.label}`;
    if (entry.needsRelogin) {
      throw unusable(entry, `The ${who} needs a new login (${entry.needsRelogin.message}). Log in again in the app, or run: cliproxyctl login --provider ${entry.provider.id}`);
    }
    const now = deps.clock.now();
    const expiresAt = entry.record.tokens.expiresAt;
    if (expiresAt === undefined || expiresAt - now > (entry.support.refreshBeforeUseMs ?? 60_000)) return entry.record;
    if (entry.refreshBlockedUntil !== undefined && entry.refreshBlockedUntil > now && !entry.refreshing) {
      if (expiresAt > now) return entry.record;
      throw unusable(entry, `The token of the ${who} expired and its refresh failed (${entry.lastRefresh?.error ?? 'unknown error'}); the proxy tries again after ${new Date(entry.refreshBlockedUntil).toISOString()}.`);
    }
    try {
      return await refresh(entry, 'about to expire');
    } catch (error) {
      if (!entry.needsRelogin && expiresAt > deps.clock.now()) return entry.record;
      throw unusable(entry, entry.needsRelogin ? `The ${who} needs a new login (${(error as Error).message}). Log in again in the app, or run: cliproxyctl login --provider ${entry.provider.id}` : `The token of the ${who} could not be refreshed: ${(error as Error).message}`);
    }
  };

  return { refresh, ensureFresh };
}
