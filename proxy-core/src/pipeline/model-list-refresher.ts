import { createHash } from 'node:crypto';
import type { AccountRecord } from '../credentials/account.js';
import type { Credential } from '../credentials/credential.js';
import type { OAuthHttp } from '../login/oauth-http.js';
import type { ModelInfo, ProviderDefinition } from '../providers/provider-definition.js';
import type { Clock } from '../shared/clock.js';

/** One credential's live model list and how its last lookup went. */
export interface ModelListState {
  credentialId: string;
  /** The last list the upstream answered (kept when a later lookup fails). */
  models: readonly ModelInfo[];
  /** Epoch ms of the last lookup, successful or not; undefined = never asked yet. */
  checkedAt?: number;
  /** Epoch ms of the last successful lookup. */
  okAt?: number;
  /** What went wrong in the last lookup (no secrets); undefined after a success. */
  error?: string;
  /** Epoch ms when the next lookup is due; undefined = never (periodic refresh off and already asked). */
  nextAt?: number;
  running: boolean;
}

/** What is kept on disk so a restart starts with the last known lists. */
export interface PersistedModelLists {
  version: 1;
  lists: Record<string, { models: ModelInfo[]; okAt: number }>;
}

export interface ModelListStore {
  load(): Promise<PersistedModelLists | undefined>;
  save(data: PersistedModelLists): Promise<void>;
}

export interface ModelListRefresherDeps {
  providers: ReadonlyMap<string, ProviderDefinition>;
  clock: Clock;
  /** HTTP for one credential's lookup (its own `proxy-url`, else the global one). */
  httpFor(credential: Credential): OAuthHttp;
  /** The credentials right now (config keys and accounts). */
  credentials(): readonly Credential[];
  /** The token (and account) to ask with: the key itself, or the account's fresh access token. */
  authorize(credential: Credential): Promise<{ token: string; account?: AccountRecord }>;
  /** `model-list-refresh` in ms; 0 = only when a credential appears or changes, or on demand. */
  everyMs(): number;
  /** Called after a lookup changed a credential's list (rebuild the model registry). */
  onChange(): void;
  /** [0, 1); default Math.random. Drives the ±10 % jitter. */
  random?: () => number;
  /** Lookups running at once (default 2). */
  concurrency?: number;
  store?: ModelListStore;
  log?(level: 'debug' | 'info' | 'warn', message: string): void;
}

export interface ModelListRefresher {
  /** Live lists by credential id (only credentials whose lookup ever succeeded). */
  lists(): ReadonlyMap<string, readonly ModelInfo[]>;
  /** Every credential that can be asked, in credential order. */
  status(): ModelListState[];
  /** Credentials changed: new or changed ones (new key, new login, imported, refreshed file) are due now. */
  sync(): void;
  /** Runs the lookups that are due (at most `concurrency` at once) and waits for them. */
  tick(): Promise<void>;
  /** Asks now: one credential, or every one that can be asked. Resolves when done. */
  refresh(credentialId?: string): Promise<ModelListState[]>;
  /** Loads the persisted lists (before the first sync). */
  restore(): Promise<void>;
  start(options?: { tickMs?: number }): void;
  close(): void;
}

/** A failed lookup is tried again after this long (or the refresh interval, when shorter). */
const RETRY_AFTER_FAILURE_MS = 30 * 60_000;

interface Entry extends ModelListState {
  fingerprint: string;
  task?: Promise<void>;
}

/** Credentials worth asking: enabled, without an explicit `models:` list, of a provider with a list call. */
function askable(credential: Credential, providers: ReadonlyMap<string, ProviderDefinition>): boolean {
  return !credential.disabled && credential.models.length === 0 && providers.get(credential.provider)?.listModels !== undefined;
}

/** What makes a credential "changed": another key, token, base URL or account file. */
function fingerprintOf(credential: Credential): string {
  return createHash('sha256').update([credential.provider, credential.baseUrl ?? '', credential.secret, credential.account?.file ?? ''].join('\u0000')).digest('hex');
}

const sameIds = (a: readonly ModelInfo[], b: readonly ModelInfo[]) => a.length === b.length && a.every((model, index) => model.id === b[index].id);

/**
 * Keeps a live model list per credential: asks the upstream (with that credential's own auth) when the
 * credential appears or changes and every `model-list-refresh` after that, jittered ±10 % so accounts do not
 * ask together. A failed lookup keeps the last good list and records the error and time.
 */
export function createModelListRefresher(deps: ModelListRefresherDeps): ModelListRefresher {
  const random = deps.random ?? Math.random;
  const concurrency = Math.max(1, deps.concurrency ?? 2);
  const entries = new Map<string, Entry>();
  let persisted: PersistedModelLists['lists'] = {};
  let interval: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  const jittered = (ms: number) => Math.round(ms * (0.9 + 0.2 * random()));
  const nextAfterSuccess = (now: number) => (deps.everyMs() > 0 ? now + jittered(deps.everyMs()) : undefined);
  const nextAfterFailure = (now: number) => (deps.everyMs() > 0 ? now + jittered(Math.min(deps.everyMs(), RETRY_AFTER_FAILURE_MS)) : undefined);

  const redact = (message: string, secrets: readonly string[]) => secrets.reduce((text, secret) => (secret.length >= 6 ? text.split(secret).join('****') : text), message);

  const save = () => {
    if (!deps.store) return;
    const lists: PersistedModelLists['lists'] = { ...persisted };
    for (const entry of entries.values()) if (entry.okAt !== undefined) lists[entry.credentialId] = { models: [...entry.models], okAt: entry.okAt };
    persisted = lists;
    deps.store.save({ version: 1, lists }).catch((error: unknown) => deps.log?.('warn', `the live model lists could not be saved: ${(error as Error).message}`));
  };

  const lookup = (entry: Entry, credential: Credential): Promise<void> => {
    if (entry.task) return entry.task;
    entry.running = true;
    const task = (async () => {
      const provider = deps.providers.get(credential.provider)!;
      let secrets: string[] = [credential.secret];
      try {
        const { token, account } = await deps.authorize(credential);
        secrets = [credential.secret, token];
        const models = await provider.listModels!({ credential, token, account, http: deps.httpFor(credential) });
        const now = deps.clock.now();
        const changed = !sameIds(entry.models, models);
        Object.assign(entry, { models, checkedAt: now, okAt: now, error: undefined, nextAt: nextAfterSuccess(now) });
        if (changed) {
          deps.log?.('info', `${credential.group} ${credential.label}: the upstream lists ${models.length} models`);
          save();
          deps.onChange();
        }
      } catch (error) {
        const now = deps.clock.now();
        const message = redact((error as Error).message || String(error), secrets);
        Object.assign(entry, { checkedAt: now, error: message, nextAt: nextAfterFailure(now) });
        deps.log?.('warn', `${credential.group} ${credential.label}: the model list lookup failed (${message}); keeping ${entry.models.length} listed models`);
      }
    })().finally(() => {
      entry.running = false;
      entry.task = undefined;
    });
    entry.task = task;
    return task;
  };

  /** Runs `work` over `items`, `concurrency` at a time. */
  const pool = async <T>(items: readonly T[], work: (item: T) => Promise<void>) => {
    let next = 0;
    const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    });
    await Promise.all(runners);
  };

  const current = () => deps.credentials().filter((credential) => askable(credential, deps.providers));

  const sync = () => {
    const now = deps.clock.now();
    const seen = new Set<string>();
    for (const credential of current()) {
      seen.add(credential.id);
      const fingerprint = fingerprintOf(credential);
      const entry = entries.get(credential.id);
      if (!entry) {
        const saved = persisted[credential.id];
        entries.set(credential.id, { credentialId: credential.id, models: saved?.models ?? [], okAt: saved?.okAt, fingerprint, nextAt: now, running: false });
      } else if (entry.fingerprint !== fingerprint) {
        entry.fingerprint = fingerprint;
        entry.nextAt = now;
      }
    }
    for (const id of [...entries.keys()]) if (!seen.has(id)) entries.delete(id);
  };

  const byId = () => new Map(current().map((credential) => [credential.id, credential]));

  const tick = async () => {
    sync();
    const now = deps.clock.now();
    const credentials = byId();
    const due = [...entries.values()].filter((entry) => !entry.running && entry.nextAt !== undefined && entry.nextAt <= now && credentials.has(entry.credentialId));
    await pool(due, (entry) => lookup(entry, credentials.get(entry.credentialId)!));
  };

  const status = (): ModelListState[] =>
    current().flatMap((credential) => {
      const entry = entries.get(credential.id);
      if (!entry) return [];
      const { fingerprint: _fingerprint, task: _task, ...state } = entry;
      return [{ ...state, models: [...state.models] }];
    });

  return {
    lists() {
      const lists = new Map<string, readonly ModelInfo[]>();
      for (const entry of entries.values()) if (entry.models.length > 0) lists.set(entry.credentialId, entry.models);
      return lists;
    },
    status,
    sync,
    tick() {
      // One tick at a time; a second caller waits for the running one.
      ticking ??= tick().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },
    async refresh(credentialId) {
      sync();
      const credentials = byId();
      if (credentialId !== undefined && !credentials.has(credentialId)) {
        throw new Error(`No credential "${credentialId}" has a live model list (unknown id, switched off, lists its own models, or its provider has no list call).`);
      }
      const targets = [...entries.values()].filter((entry) => (credentialId === undefined || entry.credentialId === credentialId) && credentials.has(entry.credentialId));
      await pool(targets, (entry) => lookup(entry, credentials.get(entry.credentialId)!));
      return status().filter((state) => credentialId === undefined || state.credentialId === credentialId);
    },
    async restore() {
      const data = await deps.store?.load().catch(() => undefined);
      if (!data || data.version !== 1 || typeof data.lists !== 'object') return;
      persisted = data.lists;
      for (const entry of entries.values()) {
        const saved = persisted[entry.credentialId];
        if (saved && entry.okAt === undefined) Object.assign(entry, { models: saved.models, okAt: saved.okAt });
      }
    },
    start(options = {}) {
      if (interval) return;
      interval = setInterval(() => void this.tick(), options.tickMs ?? 30_000);
      interval.unref();
    },
    close() {
      clearInterval(interval);
      interval = undefined;
    },
  };
}
