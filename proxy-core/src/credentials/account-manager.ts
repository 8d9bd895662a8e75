import { mkdirSync, promises as fsPromises } from 'node:fs';
import path from 'node:path';
import type { AccountContext } from '../login/login-types.js';
import type { OAuthHttp } from '../login/oauth-http.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError } from '../shared/errors.js';
import type { AccountRecord, QuotaBucket } from './account.js';
import { refreshDueAt, type AccountEntry, type QuotaState } from './account-entry.js';
import { authDirProblem, ensureAuthDir, writeJsonFileAtomic } from './account-files.js';
import { loadAccounts } from './account-loader.js';
import { createAccountRefresher } from './account-refresher.js';
import { createAuthDirWatcher } from './auth-dir-watcher.js';
import type { Credential } from './credential.js';

export interface AccountManagerDeps {
  providers: ReadonlyMap<string, ProviderDefinition>;
  http: OAuthHttp;
  clock: Clock;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** A provider's endpoint resolver (defaults, then config and environment overrides). */
  endpoints(providerId: string): (name: string) => string;
  settings(): { authDir: string; proxyUrl: string; switchProject: boolean };
  platform?: NodeJS.Platform;
  /** The account credentials after every load or change. */
  onChange(credentials: Credential[]): void;
  /** Tokens changed (refresh, login): secrets to redact are different now. */
  onTokens?(): void;
  /** These credentials got a new token from outside (a new login): their old cooldowns no longer apply. */
  onRenewed?(credentialIds: string[]): void;
  /** Masks secrets in vendor-provided text (refresh and quota errors) before management and the UI show it. */
  scrub?(text: string): string;
}

export interface AccountManager {
  /** Reads auth-dir again (also done by the watcher). */
  reload(): Promise<void>;
  credentials(): Credential[];
  /** The current access token, refreshed first when it is about to expire. Throws a credential-scoped error when unusable. */
  authorize(credential: Credential): Promise<{ token: string; account: AccountRecord }>;
  /** After an upstream 401: refresh once; false when that cannot help (just refreshed, needs a login). */
  refreshAfterUnauthorized(credential: Credential): Promise<boolean>;
  /** A forced refresh (management). */
  refresh(id: string): Promise<void>;
  quota(id: string, options?: { force?: boolean }): Promise<QuotaState>;
  noteQuota(credential: Credential, buckets: QuotaBucket[]): void;
  entries(): readonly AccountEntry[];
  entry(id: string): AccountEntry | undefined;
  /** Files that lost to a newer file of the same account: file → the winner. */
  shadowed(): ReadonlyMap<string, string>;
  /** Files that could not be read as an account: file → why. */
  problems(): ReadonlyMap<string, string>;
  /** Stores a login or an import as an auth file (refused with the fix when auth-dir is not private). */
  save(providerId: string, record: AccountRecord): Promise<{ id: string; label: string; file: string }>;
  /** Every token held, for log redaction. */
  secrets(): string[];
  /** Background refresh, quota polling and auth-dir watching. */
  start(options?: { tickMs?: number; quotaEveryMs?: number }): void;
  /** One round of background work (tests call it directly). */
  tick(): Promise<void>;
  close(): void;
}

const QUOTA_FRESH_MS = 5 * 60_000;
const UNAUTHORIZED_GRACE_MS = 30_000;

/**
 * The subscription accounts in auth-dir: loads and watches the files, keeps tokens fresh (background refresh
 * ahead of expiry, refresh before use, one refresh at a time per account, `invalid_grant` → needs a new
 * login), writes refreshed tokens back atomically, and caches each account's quota.
 */
export function createAccountManager(deps: AccountManagerDeps): AccountManager {
  const platform = deps.platform ?? process.platform;
  let entries = new Map<string, AccountEntry>();
  let byCredential = new Map<string, AccountEntry>();
  let shadowed = new Map<string, string>();
  let problems = new Map<string, string>();
  let credentials: Credential[] = [];
  let interval: NodeJS.Timeout | undefined;
  let quotaEveryMs = QUOTA_FRESH_MS;
  let loading: Promise<void> | undefined;
  let warnedModeFor: string | undefined;
  const quotaInFlight = new Map<string, Promise<QuotaState>>();

  const context = (entry: AccountEntry): AccountContext => ({
    http: deps.http,
    endpoint: deps.endpoints(entry.provider.id),
    clock: deps.clock,
    log: (level, message, fields) => deps.log(level, `${entry.provider.id} ${entry.record.label}: ${message}`, fields),
  });

  const load = async () => {
    const settings = deps.settings();
    const loaded = await loadAccounts({ ...settings, providers: deps.providers, previous: entries, endpoints: deps.endpoints, onReadError: (message) => deps.log('error', message) });
    for (const [file, winner] of loaded.shadowed) if (shadowed.get(file) !== winner) deps.log('info', `${file} is an older copy of the account in ${winner}; using ${winner}`);
    ({ entries, byCredential, shadowed, problems, credentials } = loaded);
    if (loaded.renewed.length > 0) deps.onRenewed?.(loaded.renewed);
    if (interval) watcher.watch(settings.authDir);
    deps.onChange(credentials);
    deps.onTokens?.();
  };

  const reload = async () => {
    // One load at a time; a change during a load triggers one more.
    while (loading) await loading;
    loading = load().finally(() => {
      loading = undefined;
    });
    return loading;
  };
  const watcher = createAuthDirWatcher(() => void reload());

  const persist = async (entry: AccountEntry) => {
    const data = entry.support.toFile(entry.record, entry.raw);
    const dir = path.dirname(entry.path);
    const problem = await authDirProblem(dir, platform);
    if (problem && warnedModeFor !== dir) {
      warnedModeFor = dir;
      deps.log('warn', problem);
    }
    try {
      await writeJsonFileAtomic(entry.path, data);
      entry.raw = data;
    } catch (error) {
      deps.log('error', `the refreshed token of ${entry.record.label} could not be saved to ${entry.path} (${(error as Error).message}); it is kept in memory until the proxy stops`);
    }
  };
  const refresher = createAccountRefresher({ clock: deps.clock, log: (level, message) => deps.log(level, message), context, persist, onTokens: deps.onTokens, scrub: deps.scrub });

  const find = (id: string): AccountEntry => {
    const entry = byCredential.get(id) ?? entries.get(id);
    if (!entry) throw new ProxyError(`No account "${id}" in the credential folder.`, { status: 404, code: 'invalid_request' });
    return entry;
  };

  const fetchQuota = (entry: AccountEntry): Promise<QuotaState> => {
    const running = quotaInFlight.get(entry.file);
    if (running) return running;
    const task = (async () => {
      if (!entry.support.quota) {
        entry.quota = { ...entry.quota, error: entry.quota.buckets.length ? undefined : `${entry.provider.displayName} has no quota endpoint; the proxy shows its own cooldowns.` };
        return entry.quota;
      }
      try {
        const record = await refresher.ensureFresh(entry);
        const buckets = await entry.support.quota(context(entry), record);
        entry.quota = { buckets, fetchedAt: deps.clock.now(), source: 'vendor' };
      } catch (error) {
        entry.quota = { ...entry.quota, error: deps.scrub ? deps.scrub((error as Error).message) : (error as Error).message };
      }
      return entry.quota;
    })().finally(() => quotaInFlight.delete(entry.file));
    quotaInFlight.set(entry.file, task);
    return task;
  };

  const readJson = async (file: string): Promise<Record<string, unknown> | undefined> => {
    try {
      return JSON.parse(await fsPromises.readFile(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };

  return {
    reload,
    credentials: () => credentials,
    async authorize(credential) {
      const entry = find(credential.id);
      const record = await refresher.ensureFresh(entry);
      entry.lastUsedAt = deps.clock.now();
      return { token: record.tokens.accessToken, account: record };
    },
    async refreshAfterUnauthorized(credential) {
      const entry = byCredential.get(credential.id);
      if (!entry || entry.needsRelogin) return false;
      // Just refreshed and still refused: the new token is the problem, another refresh would loop.
      if (entry.lastRefresh?.ok && deps.clock.now() - entry.lastRefresh.at < UNAUTHORIZED_GRACE_MS) return false;
      return refresher.refresh(entry, 'the upstream answered 401').then(() => true, () => false);
    },
    async refresh(id) {
      const entry = find(id);
      entry.refreshBlockedUntil = undefined;
      await refresher.refresh(entry, 'requested');
    },
    quota(id, options = {}) {
      const entry = find(id);
      const fresh = entry.quota.source === 'vendor' && entry.quota.fetchedAt !== undefined && deps.clock.now() - entry.quota.fetchedAt < QUOTA_FRESH_MS;
      return !options.force && fresh ? Promise.resolve(entry.quota) : fetchQuota(entry);
    },
    noteQuota(credential, buckets) {
      const entry = byCredential.get(credential.id);
      if (!entry || buckets.length === 0) return;
      const ids = new Set(buckets.map((bucket) => bucket.id));
      entry.quota = { buckets: [...entry.quota.buckets.filter((bucket) => !ids.has(bucket.id)), ...buckets], fetchedAt: deps.clock.now(), source: 'headers' };
    },
    entries: () => [...entries.values()],
    entry: (id) => byCredential.get(id) ?? entries.get(id),
    shadowed: () => shadowed,
    problems: () => problems,
    async save(providerId, record) {
      const provider = deps.providers.get(providerId);
      if (!provider?.accounts) throw new ProxyError(`"${providerId}" has no subscription accounts.`, { status: 400, code: 'invalid_request' });
      const { authDir } = deps.settings();
      await ensureAuthDir(authDir, platform);
      const file = provider.accounts.fileName(record);
      const target = path.join(authDir, file);
      const stamped = { ...record, tokens: { ...record.tokens, refreshedAt: record.tokens.refreshedAt ?? deps.clock.now() } };
      await writeJsonFileAtomic(target, provider.accounts.toFile(stamped, await readJson(target)));
      await reload();
      deps.log('info', `${provider.id}: saved the account ${record.label} to ${target}`);
      return { id: entries.get(file)?.credentialIds[0] ?? file, label: record.label, file };
    },
    secrets() {
      const list: string[] = [];
      for (const entry of entries.values()) {
        const { accessToken, refreshToken, idToken } = entry.record.tokens;
        // Kiro keeps its OIDC client secret among the attributes: redact it too.
        for (const value of [accessToken, refreshToken, idToken, entry.record.attributes.clientSecret]) if (value) list.push(value);
      }
      return list;
    },
    start(options = {}) {
      if (interval) return;
      quotaEveryMs = options.quotaEveryMs ?? QUOTA_FRESH_MS;
      interval = setInterval(() => void this.tick(), options.tickMs ?? 15_000);
      interval.unref();
      // A fresh machine has no auth-dir yet: create it private, so files dropped into it are seen at once.
      try {
        mkdirSync(deps.settings().authDir, { recursive: true, mode: 0o700 });
      } catch {
        // not creatable (a read-only place): tick() watches it once it exists
      }
      watcher.watch(deps.settings().authDir);
    },
    async tick() {
      if (interval && !watcher.watching && watcher.watch(deps.settings().authDir)) await reload();
      const now = deps.clock.now();
      const work: Array<Promise<unknown>> = [];
      for (const entry of entries.values()) {
        if (entry.meta.disabled || entry.needsRelogin || entry.refreshing) continue;
        const due = refreshDueAt(entry);
        const blocked = entry.refreshBlockedUntil !== undefined && entry.refreshBlockedUntil > now;
        if (due !== undefined && due <= now && !blocked) work.push(refresher.refresh(entry, 'ahead of expiry').catch(() => undefined));
        else if (entry.support.quota && (entry.quota.fetchedAt === undefined || now - entry.quota.fetchedAt >= quotaEveryMs)) work.push(fetchQuota(entry));
      }
      await Promise.all(work);
    },
    close() {
      clearInterval(interval);
      interval = undefined;
      watcher.close();
    },
  };
}
