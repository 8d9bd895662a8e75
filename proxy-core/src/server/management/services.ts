import type { AccountManager } from '../../credentials/account-manager.js';
import type { LoginImportHost } from '../../login/import-logins.js';
import type { LoginService } from '../../login/login-service.js';
import type { DiagnosticsContext } from '../../diagnostics/index.js';
import type { UnservedModel, UsageRecord } from '../../observability/usage-store.js';
import type { RequestLog } from '../../observability/request-log.js';
import type { ModelListRefresher } from '../../pipeline/model-list-refresher.js';
import type { Clock } from '../../shared/clock.js';
import type { Runtime } from '../runtime.js';
import type { AuthFileView, ConfigFileStatus, LogEntryView, ManagementError, UsageRow, UsageSummary, WriteResult } from './contract.js';
import type { ManagementAuth } from './management-auth.js';
import type { ClientSetup } from '../../client-setup/index.js';

export interface ConfigChange {
  path: Array<string | number>;
  /** `undefined` deletes the key. */
  value: unknown;
}

/** config.yaml as the management API sees it: read, change (comment-preserving, atomic), reload. */
export interface ConfigService {
  readonly path: string;
  status(): ConfigFileStatus;
  text(): string;
  /**
   * Validates the result before writing; throws a ConfigError (422) when it would not load. Writes are serialised:
   * pass a function to compute the changes from the text they will apply to (a read-modify-write such as
   * "append to this list"), so concurrent writers never lose each other's acknowledged changes.
   */
  update(changes: ConfigChange[] | ((text: string) => ConfigChange[])): Promise<WriteResult>;
  replace(text: string): Promise<WriteResult>;
  reload(): Promise<{ ok: boolean; error?: ManagementError }>;
}

export interface LogSource {
  entries(query: { after?: number; limit?: number; level?: LogEntryView['level']; requestId?: string; contains?: string }): LogEntryView[];
  subscribe(listener: (entry: LogEntryView) => void): () => void;
}

export interface UsageSource {
  summary(range: { from: number; to: number }): UsageSummary;
  aggregate(query: {
    from: number;
    to: number;
    groupBy: 'day' | 'hour' | 'model' | 'credential' | 'client-key' | 'provider';
    filters?: { provider?: string; model?: string; credentialId?: string; clientKey?: string };
  }): UsageRow[];
  recent(query: import('../../observability/usage-store.js').RecentQuery): unknown[];
  /** Stores one record (`POST /usage/import`); absent when usage is not stored. */
  record?(record: UsageRecord): void;
  /** Writes buffered records now. */
  flush?(): void;
  /** Models requested since `since` (epoch ms) that got 404 `model_not_found`. */
  unserved(since: number): UnservedModel[];
  /** Every record, oldest first (backup export); absent where usage is not kept. */
  exportRecords?(): UsageRecord[];
  /** Adds records from a backup, skipping ones already stored. */
  importRecords?(records: readonly UsageRecord[]): { added: number; skipped: number };
}

/** The auth-dir, as far as management needs it (listing, enabling, deleting credential files). */
export interface AuthFileService {
  list(): Promise<AuthFileView[]>;
  /**
   * Writes `disabled` into the file. A read-only auth-dir does not fail the switch: it applies in memory until
   * restart and answers `persisted: false` with the reason.
   */
  setDisabled(name: string, disabled: boolean): Promise<{ persisted: boolean; reason?: string }>;
  /** Deletes the file; a read-only auth-dir is a 409 naming the folder and the fix. */
  remove(name: string): Promise<void>;
}

export interface ManagementServices {
  version: string;
  startedAt: number;
  clock: Clock;
  runtime: Runtime;
  auth: ManagementAuth;
  config: ConfigService;
  logs: LogSource;
  usage: UsageSource;
  /** The request log's files (`request-log`); without it those routes answer 404. */
  requestLog?: RequestLog;
  authFiles: AuthFileService;
  /** Subscription accounts (auth-dir files) and their logins. */
  accounts: AccountManager;
  logins: LoginService;
  /** Re-listening in-process (the LAN switch, PUT /network); the route answers 404 without it. */
  network?: { relisten(target: { host?: string; port?: number }): Promise<{ host: string; port: number; url: string }>; lanUrls(port: number): string[] };
  /** The providers' importers for login files (POST /auth-files/import); the route answers 404 without it. */
  loginImport?: LoginImportHost;
  address(): { host: string; port: number; url: string };
  localKey?: string;
  /** How `/latest-version` and `/api-call` reach the outside (default: global fetch; tests inject a fake). */
  managementFetch?: typeof fetch;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Each credential's live model list; without it the model-list routes answer 404. */
  modelLists?: ModelListRefresher;
  /** What the troubleshooting checks look at (`/diagnostics`); without it those routes answer 404. */
  diagnostics?: DiagnosticsContext;
  /** Coding-tool setup (`/clients`); without it those routes answer 404. */
  clientSetup?: ClientSetup;
}
