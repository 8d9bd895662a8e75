import { existsSync } from 'node:fs';
import type { ConfigFileStatus } from '../server/management/contract.js';
import type { Runtime } from '../server/runtime.js';
import type { Clock } from '../shared/clock.js';
import type { AccountView, AuthFileView, ClientSetupView, LoginView } from '../server/management/contract.js';
import { createClientApi, loopbackUrl } from './client-api.js';
import type { DiagnosticsContext, DiagnosticsLogs, DiagnosticsUsage, PortProbe, ProxyState } from './context.js';
import { findPortOwner, isPortFree } from './port-owner.js';

export interface ProxyDiagnosticsDeps {
  version: string;
  startedAt: number;
  now(): number;
  home: string;
  runtime: Runtime;
  config: { readonly path: string; status(): ConfigFileStatus };
  usage: DiagnosticsUsage;
  logs: DiagnosticsLogs;
  logLevel(): string;
  authFiles: { list(): Promise<AuthFileView[]> };
  /** Active management bans (a remote address) and delays (address `loopback`: every caller on this machine). */
  managementBans(): Array<{ address: string; until: number; kind?: 'ban' | 'delay'; failures?: number }>;
  /** Lifts every management ban and delay; returns how many callers were cleared. */
  clearManagementBans?(): number;
  accounts?(): AccountView[];
  startLogin?(provider: string): Promise<LoginView>;
  clientSetups?(): Promise<ClientSetupView[]>;
  /** The bound address (its port is known once listening). */
  address(): { host: string; port: number; url: string };
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Marks this context's requests to the proxy as diagnostics (server/diagnostic-marker.ts), keeping them out of logs and usage. */
  diagnosticToken?: string;
  /** Loopback requests to the proxy itself (tests inject; default global fetch). */
  fetch?: typeof fetch;
  /** Times those requests out (the proxy's clock, so tests can end the canary's 12 s wait at once). */
  clock?: Clock;
  ports?: PortProbe;
  platform?: NodeJS.Platform;
}

/** The diagnostics context inside the running proxy: its runtime state, config status, usage, logs and its own client API. */
export function createProxyDiagnosticsContext(deps: ProxyDiagnosticsDeps): DiagnosticsContext {
  const proxy: ProxyState = {
    version: deps.version,
    pid: process.pid,
    cwd: process.cwd(),
    startedAt: deps.startedAt,
    address: deps.address,
    runtime: deps.runtime,
    usage: deps.usage,
    logs: deps.logs,
    logLevel: deps.logLevel,
    authFiles: () => deps.authFiles.list(),
    managementBans: deps.managementBans,
    clearManagementBans: deps.clearManagementBans,
    log: deps.log,
    accounts: deps.accounts,
    startLogin: deps.startLogin,
    clientSetups: deps.clientSetups,
  };
  const baseUrl = () => {
    const address = deps.address();
    return loopbackUrl(address.host, address.port);
  };
  return {
    mode: 'proxy',
    now: deps.now,
    platform: deps.platform ?? process.platform,
    home: deps.home,
    providers: deps.runtime.providers,
    ports: deps.ports ?? { isFree: isPortFree, owner: (port) => findPortOwner(port) },
    config: () => {
      const state = deps.runtime.current();
      const status = deps.config.status();
      return {
        path: deps.config.path,
        source: 'running proxy',
        exists: existsSync(deps.config.path),
        text: state.configText,
        loaded: { config: state.config, warnings: state.warnings },
        writable: status.writable,
        persisted: status.persisted,
        lastReloadError: status.lastReloadError ? { error: status.lastReloadError.error, line: status.lastReloadError.line, column: status.lastReloadError.column, key: status.lastReloadError.key } : null,
      };
    },
    get running() {
      return { url: baseUrl(), version: deps.version };
    },
    client: createClientApi({ baseUrl, key: () => deps.runtime.current().config.apiKeys[0], fetch: deps.fetch, clock: deps.clock, diagnosticToken: () => deps.diagnosticToken }),
    proxy,
  };
}
