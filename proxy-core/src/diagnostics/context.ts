import type { AccountView, ClientSetupView, LoginView } from '../server/management/contract.js';
import type { ConfigWarning, ProxyConfig } from '../config/proxy-config.js';
import type { ConfigChange } from '../config/write.js';
import type { UnservedModel, UsageRecord } from '../observability/usage-store.js';
import type { UsageSummary } from '../observability/usage-queries.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { AuthFileView, LogEntryView } from '../server/management/contract.js';
import type { Runtime } from '../server/runtime.js';
import type { PortOwner } from './port-owner.js';

/** config.yaml as the checks see it: the running config inside the proxy, the file in `cliproxyctl doctor`. */
export interface ConfigView {
  path: string;
  /** How the path was chosen (`flag`, `env (CLIPROXY_CONFIG)`, `cwd`, `default`, `running proxy`). */
  source: string;
  exists: boolean;
  /** The raw YAML text as loaded (whitespace and comments intact). */
  text?: string;
  /** The effective config; absent when the file is missing or does not load. */
  loaded?: { config: ProxyConfig; warnings: ConfigWarning[] };
  /** Why the file does not load. */
  error?: { message: string; line?: number; column?: number; key?: string };
  writable: boolean;
  /** Inside the proxy: false after a change that could only be applied in memory. */
  persisted?: boolean;
  /** Inside the proxy: the last edit of the file that did not load (the previous config stays live). */
  lastReloadError?: { error: string; line?: number; column?: number; key?: string } | null;
}

/** What `editConfig` did: written (and read again), or why nothing was changed. */
export type ConfigEditResult = { ok: true; path: string } | { ok: false; reason: string };

export interface PortProbe {
  isFree(port: number, host: string): Promise<boolean>;
  owner(port: number): Promise<PortOwner | undefined>;
}

export interface ClientResponse {
  /** 0 when no answer came (refused, timed out). */
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Why no (complete) answer came. */
  error?: string;
  timedOut?: boolean;
  elapsedMs: number;
}

/** The running proxy's client API, reached on loopback exactly as a client tool would. */
export interface ClientApi {
  /** e.g. `http://127.0.0.1:8317`. */
  baseUrl: string;
  /** The first client key from api-keys, masked; null when api-keys is empty (loopback needs no key). */
  keyLabel(): string | null;
  /** A request with the client key; the body is read to the end (or until the timeout). */
  request(path: string, init?: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs?: number; withKey?: boolean }): Promise<ClientResponse>;
}

export interface DiagnosticsUsage {
  summary(range: { from: number; to: number }): UsageSummary;
  /** Newest first. */
  recent(query: { limit?: number; before?: number }): UsageRecord[];
  warnings?(): string[];
  /** Models requested since `since` that got 404 `model_not_found` (the usage store's `unserved`). */
  unserved?(since: number): UnservedModel[];
}

export interface DiagnosticsLogs {
  entries(query: { after?: number; limit?: number; level?: LogEntryView['level']; requestId?: string; contains?: string }): LogEntryView[];
}

/** The running proxy from the inside (only the management API has this). */
export interface ProxyState {
  version: string;
  pid: number;
  cwd: string;
  startedAt: number;
  address(): { host: string; port: number; url: string };
  runtime: Runtime;
  usage: DiagnosticsUsage;
  logs: DiagnosticsLogs;
  logLevel(): string;
  authFiles(): Promise<AuthFileView[]>;
  /** Active management bans (a remote address) and delays (address `loopback`: every caller on this machine). */
  managementBans(): Array<{ address: string; until: number; kind?: 'ban' | 'delay'; failures?: number }>;
  /** Lifts every management ban and delay; returns how many callers were cleared. */
  clearManagementBans?(): number;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Subscription accounts as management shows them (state, token, quota). */
  accounts?(): AccountView[];
  /** Starts a login (the "Log in again" fix). */
  startLogin?(provider: string): Promise<LoginView>;
  /** Every coding tool's setup status (the "Connect your tools" page), for the drift check. */
  clientSetups?(): Promise<ClientSetupView[]>;
}

/**
 * Everything a check may look at. Built by `start-proxy` (mode `proxy`: all of it) or by `cliproxyctl doctor`
 * (mode `doctor`: the files, plus `client` when a proxy answers on the configured port).
 */
export interface DiagnosticsContext {
  mode: 'proxy' | 'doctor';
  now(): number;
  platform: NodeJS.Platform;
  home: string;
  config(): ConfigView;
  /** Providers this build can use, by id. */
  providers: ReadonlyMap<string, ProviderDefinition>;
  ports: PortProbe;
  /**
   * Changes config.yaml the way the proxy's own config writer does (comment-preserving `applyConfigChanges`,
   * validated, `writeFileAtomic`), then reads it again so `config()` and the checks see the result. Only
   * `cliproxyctl doctor` has it, where the user confirms each fix; inside the proxy the fixes never edit the file.
   */
  editConfig?(changes: readonly ConfigChange[]): Promise<ConfigEditResult>;
  /** The environment of the shell running `cliproxyctl doctor` (absent inside the proxy). */
  shellEnv?: Readonly<Record<string, string | undefined>>;
  /** Other config.yaml files a process started elsewhere could pick up (doctor). */
  otherConfigs?: string[];
  /** The proxy answering on the configured address (doctor: from /health; proxy: itself), and its config when known. */
  running?: { url: string; version: string; configPath?: string; servingPreviousConfig?: boolean };
  client?: ClientApi;
  proxy?: ProxyState;
}
