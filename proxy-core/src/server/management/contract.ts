/**
 * The management API contract: request schemas (zod) and response types, shared by the server routes and
 * the dashboard's typed client. Paths are relative to `/v0/management`. Documented in docs/management-api.md.
 */
import { z } from 'zod';

export const MANAGEMENT_BASE = '/v0/management';

// ---------- requests ----------

/** `PATCH /config`: dotted key paths to values; `null` deletes the key. */
export const configPatchSchema = z.object({
  values: z.record(z.string().min(1), z.unknown()).refine((values) => Object.keys(values).length > 0, 'values must name at least one key'),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** `PUT /api-keys`: a bare array or `{items}`. */
export const stringListSchema = z.union([z.array(z.string()), z.object({ items: z.array(z.string()) }).transform((body) => body.items)]);

/** `PATCH /api-keys`: replace by index, or `{old, new}` (appends `new` when `old` is absent). */
export const apiKeyPatchSchema = z.union([
  z.object({ index: z.number().int().min(0), value: z.string().min(1) }),
  z.object({ old: z.string(), new: z.string().min(1) }),
]);

/** `PATCH /<provider>-api-key` and `/openai-compatibility`: locate by index, `match` (api-key) or `name`. */
export const providerEntryPatchSchema = z.object({
  index: z.number().int().min(0).optional(),
  match: z.string().optional(),
  name: z.string().optional(),
  value: z.record(z.string(), z.unknown()),
});

/** `POST /<provider>-api-key` and `/openai-compatibility`: append one entry. */
export const providerEntryAppendSchema = z.record(z.string(), z.unknown()).refine((entry) => Object.keys(entry).length > 0, 'the entry is empty');

/** `PUT /<provider>-api-key`: the whole list. */
export const providerEntryListSchema = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ items: z.array(z.record(z.string(), z.unknown())) }).transform((body) => body.items),
]);

/** `PATCH /credentials/:id`. */
export const credentialPatchSchema = z.object({ disabled: z.boolean() });

/** `PATCH /auth-files/status` (reference-compatible). */
export const authFileStatusSchema = z.object({ name: z.string().min(1), disabled: z.boolean() });

export const usageQuerySchema = z.object({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  groupBy: z.enum(['day', 'hour', 'model', 'credential', 'client-key', 'provider']).optional(),
  provider: z.string().optional(),
  model: z.string().optional(),
  credentialId: z.string().optional(),
  clientKey: z.string().optional(),
});

/** `GET /usage/recent`: the per-request table's page and filters (empty values mean no filter). */
export const recentQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce.number().int().optional(),
  provider: z.string().trim().optional(),
  model: z.string().trim().optional(),
  clientKey: z.string().trim().optional(),
  requestId: z.string().trim().optional(),
  status: z
    .union([z.enum(['success', 'failure']), z.coerce.number().int().min(100).max(599)], { message: 'status must be success, failure or an HTTP status such as 429' })
    .optional(),
});
export type RecentQuery = z.infer<typeof recentQuerySchema>;

export const logsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  requestId: z.string().optional(),
  contains: z.string().optional(),
});

// ---------- responses ----------

export interface ManagementError {
  error: string;
  code?: string;
  line?: number;
  column?: number;
  key?: string;
  /** The file a refused edit is about (client setup: a settings file that does not parse). */
  file?: string;
}

/** Every write answers with whether it reached the file. */
export interface WriteResult {
  ok: true;
  /** False when config.yaml could not be written (read-only): the change is live until restart. */
  persisted: boolean;
  reason?: string;
}

export interface ConfigFileStatus {
  path: string;
  writable: boolean;
  /** False after an in-memory-only change that still is not on disk. */
  persisted: boolean;
  lastReloadError: ManagementError | null;
  warnings: Array<{ key: string; line?: number; message: string }>;
}

export interface StatusResponse {
  version: string;
  uptimeSeconds: number;
  address: { host: string; port: number; url: string };
  config: ConfigFileStatus;
  credentials: { total: number; enabled: number; cooling: number; disabled: number };
  models: number;
  clientKeys: number;
  restartRequired: string[];
}

export interface CooldownView {
  model: string;
  until: string;
  secondsLeft: number;
  reason: string;
  status: number | null;
  message: string;
}

export type CredentialStateName = 'active' | 'cooling' | 'disabled' | 'unsupported';

export interface CredentialView {
  id: string;
  authIndex: string;
  provider: string;
  group: string;
  kind: 'api-key' | 'oauth';
  label: string;
  priority: number;
  prefix: string | null;
  baseUrl: string | null;
  disabled: boolean;
  state: CredentialStateName;
  source: { type: 'config'; yamlKey: string; index: number } | { type: 'file'; fileName: string } | { type: 'runtime'; origin: string };
  models: string[];
  cooldowns: CooldownView[];
}

/** Where a served id comes from: the account's live list from its upstream, a `models:` entry, or the built-in catalogue. */
export type ModelSourceMark = 'live' | 'configured' | 'built-in';

export interface ModelView {
  id: string;
  ownedBy: string;
  /** Where the enabled accounts serving it got the id from (live, configured, built-in). */
  sources: ModelSourceMark[];
  /** Which credential the next request would try first. */
  next: string | null;
  credentials: Array<{
    id: string;
    label: string;
    group: string;
    upstreamModel: string;
    state: CredentialStateName;
    cooldownUntil: string | null;
    /** Where this account got the id from. */
    sources: ModelSourceMark[];
  }>;
}

/** The usage store's own result shapes (type-only: nothing from the store reaches the UI bundle). */
export type { UsageRow, UsageSummary } from '../../observability/usage-queries.js';
import type { UsageRow, UsageSummary } from '../../observability/usage-queries.js';

export interface UsageResponse {
  from: number;
  to: number;
  /** `affinity`: session-affinity hits and misses since the proxy started (counted only while it is on). */
  summary: UsageSummary & { affinity?: { hits: number; misses: number } };
  groupBy: string;
  rows: UsageRow[];
}

export interface LogEntryView {
  seq: number;
  time: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  requestId?: string;
  fields?: Record<string, unknown>;
}

export interface LogsResponse {
  entries: LogEntryView[];
  latest: number;
}

/** `GET /health` (client API, no key on loopback). */
export interface HealthResponse {
  status: string;
  version: string;
  uptime_seconds: number;
}

/** `GET /config`. */
export interface ConfigResponse {
  /** config.yaml as JSON, secrets masked. */
  config: Record<string, unknown>;
  file: ConfigFileStatus;
}

/**
 * One-click OpenAI-compatible vendors for the Add-key form (pure data; imported from the file itself, not the
 * config folder's index, so the dashboard bundle pulls in nothing else).
 */
export { OPENAI_COMPATIBLE_PRESETS, type OpenAiCompatiblePreset } from '../../config/openai-compatible-presets.js';

export const PROVIDER_LIST_KEYS = ['claude-api-key', 'gemini-api-key', 'codex-api-key', 'xai-api-key', 'vertex-api-key', 'openai-compatibility'] as const;
export type ProviderListKey = (typeof PROVIDER_LIST_KEYS)[number];

/** One entry of a provider key list (`GET /<list>`), secrets masked, with its position. */
export interface ProviderEntry {
  index: number;
  name?: string;
  'api-key'?: string;
  'base-url'?: string;
  prefix?: string;
  disabled?: boolean;
  'excluded-models'?: string[];
  models?: Array<{ name: string; alias?: string }>;
  'api-key-entries'?: Array<{ 'api-key': string; 'proxy-url'?: string }>;
  [field: string]: unknown;
}

/** One file in auth-dir (`GET /auth-files`). */
export interface AuthFileView {
  id: string;
  name: string;
  type: string;
  provider: string;
  label: string;
  disabled: boolean;
  status: 'active' | 'disabled' | 'unsupported' | 'invalid';
  statusMessage: string;
  /** Set when a newer file of the same account is used instead of this one. */
  shadowedBy: string | null;
  size: number;
  modtime: string;
}

/** One finished request (`GET /usage/recent`); client keys appear as labels. */
export interface UsageRecordView {
  time: number;
  requestId: string;
  clientKey: string;
  provider: string;
  credentialId: string;
  credentialLabel: string;
  requestedModel: string;
  upstreamModel: string;
  status: number;
  latencyMs: number;
  totalTokens: number;
  error: string | null;
  stream?: boolean;
  ttfbMs?: number | null;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  estimated?: boolean;
  attempts?: number;
  errorCode?: string;
  routeNote?: string;
  clientFormat?: string;
  upstreamFormat?: string;
  /** Estimated USD (price table at the time of the request); absent when no price matches the model. */
  costUsd?: number;
  /** Each account skipped (cooling) or tried, in order, and how it went. */
  tried?: Array<{ account: string; credentialId: string; outcome: 'served' | 'failed' | 'cooling'; status?: number; reason?: string }>;
}

/** `GET /request-logs`: the request log's files, newest first. */
export interface RequestLogListResponse {
  enabled: boolean;
  errorMaxFiles: number;
  files: Array<{ name: string; requestId: string; kind: 'request' | 'error'; size: number; modified: number }>;
}

/** `POST /request-logs/by-id/:id/replay`: the captured client request sent again through the proxy. */
export interface ReplayResponse {
  /** The new request's id (its own log file and usage row). */
  requestId: string | null;
  status: number;
  contentType: string | null;
  /** The answer, redacted and cut at 256 KiB. */
  body: string;
  latencyMs: number;
}

/** `PATCH /credentials/:id`. */
export interface CredentialPatchResult extends WriteResult {
  credential: CredentialView;
}

// ---------- subscription accounts and logins ----------

/** The login flows a provider may offer. `browser`: a local callback server catches the redirect; `manual`:
 * the user pastes the address the browser ended on; `device`: a code typed on the vendor's page. */
export const LOGIN_FLOWS = ['browser', 'manual', 'device'] as const;
export type LoginFlowName = (typeof LOGIN_FLOWS)[number];

/** Extra fields a provider's login reads. */
export type LoginOptionName = 'projectId' | 'startUrl' | 'region';

/** `POST /logins`: start a login. `provider` may be an alias (`claude-code`, `gemini`, …). */
export const loginStartSchema = z.object({
  provider: z.string().trim().min(1, 'provider is required (e.g. claude, codex, gemini-cli, antigravity)'),
  flow: z.enum(LOGIN_FLOWS).optional(),
  /** Port for the local callback server; 0 = any free port (only where the provider accepts it). */
  callbackPort: z.number().int().min(0).max(65535).optional(),
  /** Gemini CLI: a Google Cloud project id, a comma-separated list, or `ALL`. */
  projectId: z.string().trim().min(1).optional(),
  /** Kiro IAM Identity Center: the organisation's AWS access portal URL (e.g. https://my-org.awsapps.com/start). */
  startUrl: z.string().trim().url('startUrl must be the AWS access portal URL, e.g. https://my-org.awsapps.com/start').optional(),
  /** Kiro IAM Identity Center: the AWS region of the Identity Center instance (e.g. eu-west-1). */
  region: z.string().trim().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'region must be an AWS region such as us-east-1 or eu-west-1').optional(),
});
export type LoginStart = z.infer<typeof loginStartSchema>;

/** `PATCH /accounts/:id`: switch a whole account (every project of it) on or off. */
export const accountPatchSchema = z.object({ enabled: z.boolean() });

/** `POST /logins/:id/callback`: the pasted callback address (or `code#state`, or the bare code). */
export const loginCallbackSchema = z.object({ url: z.string().trim().min(1, 'paste the address the browser ended on') });

export type LoginStatus = 'waiting' | 'exchanging' | 'done' | 'error' | 'cancelled' | 'expired';

export interface LoginError {
  /** Stable machine code, e.g. `state_mismatch`, `access_denied`, `port_in_use`, `exchange_failed`, `expired`. */
  code: string;
  message: string;
  /** What to do next, in one sentence. */
  nextStep: string;
}

/** One login in progress or finished (`GET /logins/:id`). Secrets (codes, verifiers, tokens) never appear. */
export interface LoginView {
  id: string;
  provider: string;
  providerName: string;
  flow: LoginFlowName;
  status: LoginStatus;
  /** Open this in a browser: the authorize address, or the device verification page. */
  url: string;
  /** Device flow: the code to type on `url`. */
  userCode: string | null;
  /** Browser flow: where the vendor sends the browser back (a local address). */
  callbackUrl: string | null;
  /** For a browser on another machine: the SSH port forward that makes `callbackUrl` reachable. */
  tunnelCommand: string | null;
  /** Plain-language progress or guidance. */
  message: string;
  startedAt: string;
  expiresAt: string;
  /** Set when `status` is `done`. */
  account: { id: string; label: string; file: string } | null;
  error: LoginError | null;
}

/** `GET /login-providers`: what can be logged in to, and how. */
export interface LoginProviderView {
  id: string;
  name: string;
  /** e.g. "Claude Pro / Max". */
  hint: string;
  /** First = default. */
  flows: LoginFlowName[];
  defaultCallbackPort: number | null;
  /** True when the vendor accepts any local callback port (a custom `callbackPort` works). */
  anyCallbackPort: boolean;
  /** Extra login fields the provider takes (`projectId`: Gemini CLI's Google Cloud project; `startUrl` / `region`: Kiro IAM Identity Center). */
  options: Array<LoginOptionName>;
  /** True when the vendor reports quota for its accounts. */
  hasQuota: boolean;
}

/** One quota allowance as the vendor reports it (or as read from response headers). */
export interface QuotaBucketView {
  id: string;
  label: string;
  /** Share of the allowance left, 0..1, when known. */
  remainingFraction: number | null;
  remaining: number | null;
  limit: number | null;
  unit: string | null;
  resetsAt: string | null;
  /** The models the bucket applies to, when the vendor says. */
  models: string[];
}

export interface AccountQuotaView {
  buckets: QuotaBucketView[];
  fetchedAt: string | null;
  /** `vendor`: the vendor's quota endpoint; `headers`: rate-limit headers of the last response. */
  source: 'vendor' | 'headers' | null;
  /** Why quota could not be read (the vendor has no quota endpoint, the call failed, …). */
  error: string | null;
}

export type AccountStateName = 'active' | 'cooling' | 'disabled' | 'needs-relogin' | 'refresh-failing';

/** One subscription account (an auth-dir file). `id` is its credential id (the file name). */
export interface AccountView {
  id: string;
  provider: string;
  providerName: string;
  label: string;
  email: string | null;
  file: string;
  enabled: boolean;
  state: AccountStateName;
  /** Plain-language state, e.g. "Cooling until 14:05 (rate limit)" or "Log in again: the refresh token was revoked". */
  stateMessage: string;
  /** Vendor plan or tier, when known (e.g. `plus`, `pro`, `free-tier`). */
  plan: string | null;
  /** Project ids (Gemini CLI, Antigravity). */
  projects: string[];
  token: {
    expiresAt: string | null;
    lastRefreshAt: string | null;
    lastRefresh: { ok: boolean; at: string; error: string | null } | null;
    nextRefreshAt: string | null;
  };
  quota: AccountQuotaView;
  cooldowns: CooldownView[];
  models: string[];
  lastUsedAt: string | null;
}

// ---------- diagnostics (the troubleshooting matrix as live checks) ----------

export type DiagnosticStatus = 'pass' | 'fail' | 'warn' | 'unknown';

/**
 * One check (`GET /diagnostics`, `POST /diagnostics/:id/run`), and one entry of `cliproxyctl doctor --json`.
 * `evidence` says what was looked at (paths, modes, counts, masked keys), never a secret.
 */
export interface DiagnosticCheck {
  id: string;
  title: string;
  /** What the user sees when this goes wrong (a row of the troubleshooting matrix). */
  symptom?: string;
  /** Why it usually happens. */
  cause?: string;
  status: DiagnosticStatus;
  /** One sentence a user can act on. */
  summary: string;
  evidence: Record<string, unknown>;
  /** What to do when the check does not pass. */
  remediation?: string;
  /** A one-click fix (`POST /diagnostics/:id/fix`), when the check has a safe one. */
  fix?: { id: string; label: string };
  /** Which part of the set-up it is about (one of `DIAGNOSTIC_AREAS`); the page and doctor group by it. */
  area?: string;
  /**
   * False when the check cannot apply here: its provider is not configured or not in this build, the feature it
   * checks is absent. Such a check is no conclusion about the set-up: shown only on "show all".
   */
  applies?: boolean;
  /**
   * False when the check did not run: it spends tokens and was not asked for (the canary), or it needs a running
   * proxy this caller does not have. Its summary then says how to run it, never a conclusion.
   */
  ran?: boolean;
}

/** The areas of the troubleshooting checks, in the order they are listed when none has a problem. */
export const DIAGNOSTIC_AREAS = ['Setup', 'Ports', 'Accounts and logins', 'Clients', 'Models and routing', 'Streaming and usage', 'Providers'] as const;

/** Checks of one area, split by what a reader should see first. */
export interface DiagnosticGroup {
  area: string;
  /** Failures first, then warnings. */
  problems: DiagnosticCheck[];
  /** Ran, but could not tell (unknown). */
  undecided: DiagnosticCheck[];
  /** Not run (on-demand, or needs a running proxy). */
  notRun: DiagnosticCheck[];
  passing: DiagnosticCheck[];
  /** Cannot apply here (`applies: false`), whatever their status. */
  notApplicable: DiagnosticCheck[];
}

const STATUS_RANK: Record<DiagnosticStatus, number> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

/**
 * The troubleshooting checks grouped by area, for the dashboard page and `cliproxyctl doctor` alike: areas with
 * failures first, then with warnings, then in `DIAGNOSTIC_AREAS` order; within an area failures before warnings,
 * and each list otherwise in the order the proxy sent. Pure, so both show the same order.
 */
export function groupDiagnosticChecks(checks: readonly DiagnosticCheck[]): DiagnosticGroup[] {
  const byArea = new Map<string, DiagnosticGroup>();
  for (const check of checks) {
    const area = check.area ?? 'Other';
    let group = byArea.get(area);
    if (!group) byArea.set(area, (group = { area, problems: [], undecided: [], notRun: [], passing: [], notApplicable: [] }));
    if (check.applies === false) group.notApplicable.push(check);
    else if (check.status === 'fail' || check.status === 'warn') group.problems.push(check);
    else if (check.ran === false) group.notRun.push(check);
    else if (check.status === 'unknown') group.undecided.push(check);
    else group.passing.push(check);
  }
  const areaIndex = (area: string) => {
    const index = (DIAGNOSTIC_AREAS as readonly string[]).indexOf(area);
    return index === -1 ? DIAGNOSTIC_AREAS.length : index;
  };
  const worst = (group: DiagnosticGroup) => Math.min(3, ...group.problems.map((check) => STATUS_RANK[check.status]));
  const groups = [...byArea.values()];
  for (const group of groups) group.problems.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  return groups.sort((a, b) => worst(a) - worst(b) || areaIndex(a.area) - areaIndex(b.area));
}

/** `POST /diagnostics/:id/fix`: whether the fix applied, what it did (or why not), and the check run again. */
export interface DiagnosticFixResult {
  ok: boolean;
  message: string;
  /** A page to open to finish the fix (e.g. the login a "Log in again" fix started). */
  link?: { url: string; label: string };
  check: DiagnosticCheck;
}

// ---------- switching models on and off ----------

/**
 * `PATCH /models/:id` (the id URL-encoded): switch a model off or on for every credential that serves it,
 * through `excluded-models` of config key entries and `oauth-excluded-models.<provider>` for accounts.
 */
export const modelPatchSchema = z.object({ enabled: z.boolean({ error: 'enabled must be true (switch the model on) or false (switch it off)' }) });
export type ModelPatch = z.infer<typeof modelPatchSchema>;

/** A model a credential would serve but that exact `excluded-models` / `oauth-excluded-models` entries hide. */
export interface HiddenModelView {
  id: string;
  /** Provider groups that would serve it when switched on. */
  groups: string[];
}

/** `GET /models`. */
export interface ModelsResponse {
  models: ModelView[];
  /** Switched off everywhere: show them unchecked; `PATCH /models/:id {"enabled": true}` brings them back. */
  hidden: HiddenModelView[];
  /** `model-chains`: virtual models and their members, in the order they are tried. */
  chains?: Array<{ name: string; models: string[] }>;
}

/** `PATCH /models/:id`. */
export interface ModelPatchResult extends WriteResult {
  id: string;
  /** Whether an enabled credential serves the model now. */
  enabled: boolean;
  /** The exclusion lists written (dotted keys); empty when nothing had to change. */
  changed: string[];
}

// ---------- live model lists ----------

/** One credential's live model list: `GET /model-lists`, `POST /model-lists/refresh[?credential=id]`. */
export interface ModelListView {
  credentialId: string;
  label: string;
  group: string;
  provider: string;
  /** Ids in the last list the upstream answered (kept when a later lookup fails). */
  count: number;
  models: string[];
  /** ISO time of the last lookup (successful or not); null = not asked yet. */
  checkedAt: string | null;
  /** ISO time of the last successful lookup. */
  okAt: string | null;
  ok: boolean;
  /** What went wrong in the last lookup (secrets removed); null after a success. */
  error: string | null;
  /** ISO time of the next lookup; null = only on demand (`model-list-refresh: 0`). */
  nextAt: string | null;
  running: boolean;
}

export interface ModelListsResponse {
  /** `model-list-refresh` in seconds (0 = off). */
  refreshEverySeconds: number;
  lists: ModelListView[];
}

// ---------- models clients asked for that nobody serves ----------

/** `GET /models/unserved`: one id clients asked for in the last 24 h that got 404 `model_not_found`. */
export interface UnservedModelView {
  model: string;
  count: number;
  /** ISO time of the last such request. */
  lastAt: string;
  /** The client keys that asked, masked (never the raw key); "no key" for local requests without one. */
  clientKeys: string[];
}

export interface UnservedModelsResponse {
  since: string;
  models: UnservedModelView[];
}

/** Keys that would reach an object prototype, refused in any id written to config.yaml. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const mappingModel = (field: string) =>
  z
    .string({ error: `${field} must be a model id` })
    .trim()
    .min(1, `${field} must name a model`)
    .max(200, `${field} is longer than 200 characters`)
    .refine((value) => !PROTOTYPE_KEYS.has(value.toLowerCase()), `${field} may not be "__proto__", "prototype" or "constructor"`)
    .refine((value) => !/[\u0000-\u001f]/.test(value), `${field} may not hold control characters`);

/** `POST /model-mappings`: append `{from, to}` to `model-mappings` in config.yaml. */
export const modelMappingSchema = z.object({ from: mappingModel('from'), to: mappingModel('to') }).strict();
export type ModelMappingInput = z.infer<typeof modelMappingSchema>;

export interface ModelMappingResult extends WriteResult {
  from: string;
  to: string;
  /** The rule's position in `model-mappings` (0-based). */
  index: number;
}

// ----- import and backup (POST /auth-files/import, /backup/export, /backup/import) -----

/** Login files dropped or picked in the dashboard: their names (for messages) and their text. */
export const authFileImportSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(255), content: z.string().max(1024 * 1024, 'a login file is at most 1 MiB') }))
    .min(1, 'pick at least one file')
    .max(50, 'import at most 50 files at once'),
});
export type AuthFileImport = z.infer<typeof authFileImportSchema>;

export type AuthFileImportResult =
  | { name: string; kind: 'imported'; provider: string; account: string; file: string }
  | { name: string; kind: 'skipped'; reason: string }
  | { name: string; kind: 'failed'; error: string };

export interface AuthFileImportResponse {
  results: AuthFileImportResult[];
  imported: number;
  skipped: number;
  failed: number;
}

const passphraseSchema = z.string().min(8, 'a passphrase needs at least 8 characters').max(1024);

export const backupExportSchema = z.object({
  /** Encrypts the bundle (scrypt + AES-256-GCM); without it the file holds keys and tokens in plain text. */
  passphrase: passphraseSchema.optional(),
  include: z.object({ config: z.boolean().default(true), accounts: z.boolean().default(true), usage: z.boolean().default(true) }).default({ config: true, accounts: true, usage: true }),
});
export type BackupExport = z.input<typeof backupExportSchema>;

export const backupImportSchema = z.object({
  /** The exported file's JSON (parsed) or its text. */
  bundle: z.unknown().refine((value) => value !== undefined && value !== null, 'the backup file is missing'),
  passphrase: z.string().max(1024).optional(),
});
export type BackupImport = z.input<typeof backupImportSchema>;

export interface BackupImportResponse {
  config: { restored: boolean; persisted: boolean; reason?: string; kept: string[] };
  accounts: { restored: number };
  usage: { added: number; skipped: number };
}

// ----- LAN switch (GET/PUT /network) -----

export const networkPatchSchema = z.object({ lan: z.boolean({ error: 'lan must be true (listen on the LAN) or false (this computer only)' }) });
export type NetworkPatch = z.infer<typeof networkPatchSchema>;

export interface NetworkView {
  /** The address the proxy listens on now. */
  host: string;
  port: number;
  /** True when it listens on every interface (0.0.0.0), so other computers can reach it. */
  lan: boolean;
  /** How other computers reach it (one per LAN address of this machine); empty when not on the LAN. */
  lanUrls: string[];
  /** Client keys configured (api-keys): listening on the LAN needs at least one. */
  clientKeys: number;
}

export interface NetworkPatchResult extends NetworkView {
  /** False when config.yaml could not be written: the switch lasts until the proxy restarts. */
  persisted: boolean;
  reason?: string;
}

export * from './contract-clients.js';
