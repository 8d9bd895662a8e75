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
  source: { type: 'config'; yamlKey: string; index: number } | { type: 'file'; fileName: string };
  models: string[];
  cooldowns: CooldownView[];
}

export interface ModelView {
  id: string;
  ownedBy: string;
  /** Which credential the next request would try first. */
  next: string | null;
  credentials: Array<{ id: string; label: string; group: string; upstreamModel: string; state: CredentialStateName; cooldownUntil: string | null }>;
}

/** The usage store's own result shapes (type-only: nothing from the store reaches the UI bundle). */
export type { UsageRow, UsageSummary } from '../../observability/usage-queries.js';
import type { UsageRow, UsageSummary } from '../../observability/usage-queries.js';

export interface UsageResponse {
  from: number;
  to: number;
  summary: UsageSummary;
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

export const PROVIDER_LIST_KEYS = ['claude-api-key', 'gemini-api-key', 'codex-api-key', 'openai-compatibility'] as const;
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
}

/** `PATCH /credentials/:id`. */
export interface CredentialPatchResult extends WriteResult {
  credential: CredentialView;
}
