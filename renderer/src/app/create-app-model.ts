import { createManagementClient } from '../api/index.js';
import { createI18n, createLanguageStore, readPreference, resolveLanguage } from '../i18n/index.js';
import { createConnectStore } from '../features/connect/index.js';
import { createDiagnosticsStore } from '../features/troubleshooting/index.js';
import { createRequestsStore } from '../features/requests/index.js';
import { createBackupStore, createNetworkStore, createSettingsStore } from '../features/settings/index.js';
import {
  createAccountsStore,
  createConnectionStore,
  createCredentialsStore,
  createLogsStore,
  createModelsStore,
  createPoller,
  createStatusStore,
  createToastStore,
  createUsageStore,
  type Say,
  type ConnectionStore,
  type DesktopBridge,
  isLoopbackHost,
  type KeyStorage,
  type Visibility,
} from '../stores/index.js';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Everything the app needs from its surroundings (the browser, or fakes in tests). */
export interface AppEnvironment {
  fetch: typeof fetch;
  desktop?: DesktopBridge;
  origin: string;
  sessionStorage: KeyStorage;
  localStorage: KeyStorage;
  visibility: Visibility;
  clock: { now(): number };
  timers: Timers;
  /** Status and credentials refresh interval; default 5 s. */
  pollIntervalMs?: number;
  /** Per management call; default 10 s. */
  requestTimeoutMs?: number;
  /** navigator.languages: the dashboard follows the OS's language unless one is chosen in Settings. */
  systemLanguages?: readonly string[];
}

export type AppModel = ReturnType<typeof createAppModel>;

/** Wires the client and every store together; no globals, one instance per mounted app. */
export function createAppModel(env: AppEnvironment) {
  let connection: ConnectionStore | undefined;
  const client = createManagementClient({
    fetch: env.fetch,
    connection: () => connection!.current(),
    onUnauthorized: () => connection!.getState().handleUnauthorized(),
    timeoutMs: env.requestTimeoutMs,
  });
  const systemLanguages = env.systemLanguages ?? [];
  const i18n = createI18n(resolveLanguage(readPreference(env.localStorage), systemLanguages));
  const language = createLanguageStore({ storage: env.localStorage, systemLanguages, i18n, desktop: env.desktop });
  // Toast and note sentences follow the dashboard's language, read when they are shown.
  const say: Say = (key, values) => i18n.t(key, { ns: 'toasts', ...values });
  connection = createConnectionStore({
    desktop: env.desktop,
    origin: env.origin,
    sessionStorage: env.sessionStorage,
    localStorage: env.localStorage,
    verify: () => client.getStatus(),
    say,
  });
  const toasts = createToastStore(env.timers);
  const status = createStatusStore(client, env.clock);
  const credentials = createCredentialsStore(client, toasts, env.clock, say);
  const poller = createPoller({
    intervalMs: env.pollIntervalMs ?? 5000,
    visibility: env.visibility,
    setInterval: env.timers.setInterval,
    clearInterval: env.timers.clearInterval,
  });
  poller.track(() => status.getState().load());
  poller.track(() => credentials.getState().load());
  const accounts = createAccountsStore({
    client,
    toasts,
    clock: env.clock,
    timers: env.timers,
    say,
    isRemote: () => {
      try {
        return !isLoopbackHost(new URL(connection!.getState().baseUrl).hostname);
      } catch {
        return false;
      }
    },
    onAccountsChanged: () => {
      void credentials.getState().load();
      void credentials.getState().loadAuthFiles();
      void status.getState().load();
    },
  });
  // Cheap (no vendor calls): keeps the sidebar's attention badge right for logins that need renewing.
  poller.track(() => accounts.getState().loadAccounts());

  const settings = createSettingsStore(client, toasts, env.clock, () => void status.getState().load(), say);

  return {
    client,
    connection,
    i18n,
    language,
    systemLanguages,
    toasts,
    poller,
    status,
    credentials,
    accounts,
    models: createModelsStore(client, toasts, env.clock, say),
    usage: createUsageStore(client, env.clock),
    requests: createRequestsStore(client, env.clock),
    logs: createLogsStore({ client, setTimeout: env.timers.setTimeout, clearTimeout: env.timers.clearTimeout, say }),
    diagnostics: createDiagnosticsStore(client, toasts, say),
    settings,
    network: createNetworkStore(client, () => {
      void status.getState().load();
      void settings.getState().load();
    }),
    backup: createBackupStore(client, () => {
      void credentials.getState().load();
      void credentials.getState().loadAuthFiles();
      void accounts.getState().loadAccounts();
      void status.getState().load();
    }),
    connect: createConnectStore(client, toasts, say),
    clock: env.clock,
  };
}
