import type { UsageRecord } from '../../observability/usage-store.js';

/** One request in CLIProxyAPI's usage snapshot (reference internal/usage, `details[]`). */
export interface ReferenceUsageDetail {
  timestamp: string;
  latency_ms: number;
  source: string;
  auth_index: string;
  tokens: { input_tokens: number; output_tokens: number; reasoning_tokens: number; cached_tokens: number; total_tokens: number };
  failed: boolean;
}

interface Bucket {
  total_requests: number;
  total_tokens: number;
}

/** `GET /usage`'s `usage` object in the reference's shape (inventory-server.md §5.1). */
export interface ReferenceUsageSnapshot extends Bucket {
  success_count: number;
  failure_count: number;
  apis: Record<string, Bucket & { models: Record<string, Bucket & { details: ReferenceUsageDetail[] }> }>;
  requests_by_day: Record<string, number>;
  requests_by_hour: Record<string, number>;
  tokens_by_day: Record<string, number>;
  tokens_by_hour: Record<string, number>;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Builds the reference's snapshot from our per-request rows: bucketed by client key (its label here, never the
 * secret), then model; a request failed when its status is 400 or more. Days and hours are in server local time.
 */
export function toReferenceSnapshot(records: readonly UsageRecord[], authIndexOf: (credentialId: string) => string): ReferenceUsageSnapshot {
  const snapshot: ReferenceUsageSnapshot = {
    total_requests: 0, success_count: 0, failure_count: 0, total_tokens: 0, apis: {},
    requests_by_day: {}, requests_by_hour: {}, tokens_by_day: {}, tokens_by_hour: {},
  };
  for (const record of [...records].sort((a, b) => a.time - b.time)) {
    const failed = record.status >= 400;
    const tokens = record.totalTokens || record.inputTokens + record.outputTokens + record.reasoningTokens;
    const apiName = record.clientKey || record.provider || 'unknown';
    const modelName = record.requestedModel || 'unknown';
    const api = (snapshot.apis[apiName] ??= { total_requests: 0, total_tokens: 0, models: {} });
    const model = (api.models[modelName] ??= { total_requests: 0, total_tokens: 0, details: [] });
    const date = new Date(record.time);
    const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    const hour = pad(date.getHours());
    snapshot.total_requests += 1;
    snapshot[failed ? 'failure_count' : 'success_count'] += 1;
    snapshot.total_tokens += tokens;
    api.total_requests += 1;
    api.total_tokens += tokens;
    model.total_requests += 1;
    model.total_tokens += tokens;
    model.details.push({
      timestamp: date.toISOString(),
      latency_ms: record.latencyMs,
      source: record.credentialLabel,
      auth_index: authIndexOf(record.credentialId),
      tokens: { input_tokens: record.inputTokens, output_tokens: record.outputTokens, reasoning_tokens: record.reasoningTokens, cached_tokens: record.cachedTokens, total_tokens: tokens },
      failed,
    });
    snapshot.requests_by_day[day] = (snapshot.requests_by_day[day] ?? 0) + 1;
    snapshot.requests_by_hour[hour] = (snapshot.requests_by_hour[hour] ?? 0) + 1;
    snapshot.tokens_by_day[day] = (snapshot.tokens_by_day[day] ?? 0) + tokens;
    snapshot.tokens_by_hour[hour] = (snapshot.tokens_by_hour[hour] ?? 0) + tokens;
  }
  return snapshot;
}

const BUCKET_MS = 10 * 60_000;
const BUCKETS = 20;

type Bucket10 = { time: string; success: number; failed: number };
export type ApiKeyUsage = Record<string, Record<string, { success: number; failed: number; recent_requests: Bucket10[] }>>;

/**
 * `GET /api-key-usage` (reference internal/api/handlers/management/api_key_usage.go at a7e3596b7): per provider
 * (the openai-compatibility name, else the provider id, lower-cased), per `"<base-url>|<api-key>"` of each config
 * API key: success and failure counts and 20 ten-minute buckets `{time:"HH:MM-HH:MM", success, failed}`, oldest first.
 */
export function toApiKeyUsage(
  records: readonly UsageRecord[],
  credentials: ReadonlyArray<{ id: string; kind: string; group: string; baseUrl?: string; secret: string }>,
  now: number,
): ApiKeyUsage {
  const end = Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
  const start = end - BUCKETS * BUCKET_MS;
  const label = (at: number) => `${pad(new Date(at).getHours())}:${pad(new Date(at).getMinutes())}`;
  const result: ApiKeyUsage = {};
  const byId = new Map<string, ApiKeyUsage[string][string]>();
  for (const credential of credentials) {
    if (credential.kind !== 'api-key' || !credential.secret) continue;
    const provider = credential.group.trim().toLowerCase() || 'unknown';
    const key = `${credential.baseUrl ?? ''}|${credential.secret}`;
    const entry = ((result[provider] ??= {})[key] ??= {
      success: 0,
      failed: 0,
      recent_requests: Array.from({ length: BUCKETS }, (_, index) => ({ time: `${label(start + index * BUCKET_MS)}-${label(start + (index + 1) * BUCKET_MS)}`, success: 0, failed: 0 })),
    });
    byId.set(credential.id, entry);
  }
  for (const record of records) {
    const entry = byId.get(record.credentialId);
    if (!entry) continue;
    const failed = record.status >= 400;
    entry[failed ? 'failed' : 'success'] += 1;
    if (record.time < start || record.time >= end) continue;
    entry.recent_requests[Math.floor((record.time - start) / BUCKET_MS)][failed ? 'failed' : 'success'] += 1;
  }
  return result;
}
