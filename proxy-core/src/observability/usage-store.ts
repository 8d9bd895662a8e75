import { openUsageDatabase } from './usage-database.js';
import { createUsageQueries, type UsageFilters, type UsageGroupBy, type UsageRow, type UsageSummary } from './usage-queries.js';

/** One finished client request. Holds no secret: `clientKey` is the key's label. */
export interface UsageRecord {
  /** Milliseconds since the epoch. */
  time: number;
  requestId: string;
  clientKey: string;
  provider: string;
  credentialId: string;
  credentialLabel: string;
  requestedModel: string;
  upstreamModel: string;
  clientFormat: string;
  upstreamFormat: string;
  stream: boolean;
  status: number;
  latencyMs: number;
  ttfbMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  /** Tokens were estimated because the upstream reported none. */
  estimated: boolean;
  error: string | null;
  /** Upstream attempts (failovers + 1); stored when given, default 1. */
  attempts?: number;
  /** The error's code (`model_not_found`, `rate_limited`, …); null or absent on success. */
  errorCode?: string | null;
  /** How the request was routed when not plainly: mapping rule, chain member, skipped members. */
  routeNote?: string | null;
  /** Accounts skipped because they were cooling down, then each account tried in order and how it went. */
  tried?: TriedAccount[];
  /** Estimated USD from the price table at the time of the request; null when no price matches the model. */
  costUsd?: number | null;
}

/** One account a request tried or skipped (shown in the dashboard's per-request table). */
export interface TriedAccount {
  /** The account's label (`codex work@example.com`, `claude sk-a…wxyz`): never a secret. */
  account: string;
  credentialId: string;
  outcome: 'served' | 'failed' | 'cooling';
  /** The upstream's (or our) status for a failed try. */
  status?: number;
  /** Why it failed or was skipped, in words (redacted). */
  reason?: string;
}

/** A model clients asked for that got 404 `model_not_found`, since a given time. */
export interface UnservedModel {
  model: string;
  count: number;
  /** Epoch ms of the last such request. */
  lastAt: number;
  /** Client key labels (masked) that asked, most frequent first. */
  clientKeys: string[];
}

export interface UsageStoreOptions {
  /** Path of the SQLite file (its folder is created), or `:memory:`. */
  file: string;
  clock: () => number;
  /** Buffered records are written at most this long after `record()`. Default 250 ms. */
  flushIntervalMs?: number;
  /** A buffer this full is written on the next tick. Default 200. */
  maxBatch?: number;
  /** Rows older than this many days are deleted on open and daily. Default 90 (`usage-retention-days`). */
  retentionDays?: number;
  /** Fixed offset (minutes east of UTC) for day/hour buckets; default the process's time zone, DST included. */
  timeZoneOffsetMinutes?: number;
  /** Applied to `error` texts before they are stored (they are shown in the dashboard). */
  redact?: (text: string) => string;
}

export interface UsageStore {
  /** Buffers the record; never touches SQLite synchronously, so the request path does not wait for the disk. */
  record(record: UsageRecord): void;
  /** Writes the buffer now, in one transaction. */
  flush(): void;
  /** Flushes, stops the timers and closes the database. Later records are ignored. */
  close(): void;
  /** What went wrong with the database file (recovered corruption, failed writes), for the status page. */
  warnings(): string[];
  summary(range: { from: number; to: number }): UsageSummary;
  aggregate(query: { from: number; to: number; groupBy: UsageGroupBy; filters?: UsageFilters }): UsageRow[];
  /** Newest first; `before` is exclusive. */
  recent(query?: RecentQuery): UsageRecord[];
  /** Deletes rows older than `retentionDays`; returns how many. */
  prune(retentionDays: number): number;
  /** Used by the daily prune (config hot reload). */
  setRetentionDays(days: number): void;
  /** Models requested since `since` that got 404 `model_not_found`, most asked first. */
  unserved(since: number): UnservedModel[];
  /** Every stored record, oldest first (a backup bundle's usage part). */
  exportRecords(): UsageRecord[];
  /** Adds records from a backup in one transaction; one with the same request id and time as a stored one is skipped. */
  importRecords(records: readonly UsageRecord[]): { added: number; skipped: number };
}

/** `GET /usage/recent`'s filters: each one given narrows the list (the dashboard's per-request table). */
export interface RecentQuery {
  limit?: number;
  before?: number;
  provider?: string;
  /** Matches the model asked for or the model that served. */
  model?: string;
  clientKey?: string;
  /** `success` (< 400), `failure` (≥ 400) or one exact status. */
  status?: 'success' | 'failure' | number;
  requestId?: string;
}

const DAY_MS = 86_400_000;
const MAX_ERROR_LENGTH = 2000;
const MAX_WARNINGS = 20;

interface Row {
  id?: number;
  time: number;
  request_id: string;
  client_key: string;
  provider: string;
  credential_id: string;
  credential_label: string;
  requested_model: string;
  upstream_model: string;
  client_format: string;
  upstream_format: string;
  stream: number;
  status: number;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  estimated: number;
  error: string | null;
  attempts: number;
  error_code: string | null;
  route_note: string | null;
  tried: string | null;
  cost_usd: number | null;
}

const COLUMNS = [
  'time', 'request_id', 'client_key', 'provider', 'credential_id', 'credential_label', 'requested_model', 'upstream_model',
  'client_format', 'upstream_format', 'stream', 'status', 'latency_ms', 'ttfb_ms', 'input_tokens', 'output_tokens',
  'cached_tokens', 'reasoning_tokens', 'total_tokens', 'estimated', 'error', 'attempts', 'error_code', 'route_note', 'tried', 'cost_usd',
] as const;

/** SQLite rejects `undefined` and booleans and a bad value would fail the whole batch, so coerce at the door. */
const integer = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback);
const text = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

function toRow(record: UsageRecord, now: number, redact: (value: string) => string): Row {
  const error = record.error === null || record.error === undefined ? null : redact(String(record.error)).slice(0, MAX_ERROR_LENGTH);
  return {
    time: integer(record.time, now),
    request_id: text(record.requestId),
    client_key: text(record.clientKey),
    provider: text(record.provider),
    credential_id: text(record.credentialId),
    credential_label: text(record.credentialLabel),
    requested_model: text(record.requestedModel),
    upstream_model: text(record.upstreamModel),
    client_format: text(record.clientFormat),
    upstream_format: text(record.upstreamFormat),
    stream: record.stream ? 1 : 0,
    status: integer(record.status),
    latency_ms: Math.max(0, integer(record.latencyMs)),
    ttfb_ms: record.ttfbMs === null || record.ttfbMs === undefined ? null : integer(record.ttfbMs),
    input_tokens: integer(record.inputTokens),
    output_tokens: integer(record.outputTokens),
    cached_tokens: integer(record.cachedTokens),
    reasoning_tokens: integer(record.reasoningTokens),
    total_tokens: integer(record.totalTokens),
    estimated: record.estimated ? 1 : 0,
    error,
    attempts: integer(record.attempts, 1),
    error_code: typeof record.errorCode === 'string' && record.errorCode ? record.errorCode.slice(0, 100) : null,
    route_note: typeof record.routeNote === 'string' ? record.routeNote : null,
    cost_usd: typeof record.costUsd === 'number' && Number.isFinite(record.costUsd) ? record.costUsd : null,
    tried: record.tried?.length ? JSON.stringify(record.tried.slice(0, 50).map((entry) => (entry.reason ? { ...entry, reason: redact(entry.reason).slice(0, 300) } : entry))) : null,
  };
}

function toRecord(row: Row): UsageRecord {
  return {
    time: row.time,
    requestId: row.request_id,
    clientKey: row.client_key,
    provider: row.provider,
    credentialId: row.credential_id,
    credentialLabel: row.credential_label,
    requestedModel: row.requested_model,
    upstreamModel: row.upstream_model,
    clientFormat: row.client_format,
    upstreamFormat: row.upstream_format,
    stream: row.stream === 1,
    status: row.status,
    latencyMs: row.latency_ms,
    ttfbMs: row.ttfb_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    reasoningTokens: row.reasoning_tokens,
    totalTokens: row.total_tokens,
    estimated: row.estimated === 1,
    error: row.error,
    attempts: row.attempts,
    ...(row.error_code ? { errorCode: row.error_code } : {}),
    ...(row.route_note ? { routeNote: row.route_note } : {}),
    ...(row.tried ? { tried: parseTried(row.tried) } : {}),
    ...(row.cost_usd !== null && row.cost_usd !== undefined ? { costUsd: row.cost_usd } : {}),
  };
}

function parseTried(text: string): TriedAccount[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as TriedAccount[]) : [];
  } catch {
    return [];
  }
}

export function createUsageStore(options: UsageStoreOptions): UsageStore {
  const { clock } = options;
  const flushIntervalMs = Math.max(0, options.flushIntervalMs ?? 250);
  const maxBatch = Math.max(1, options.maxBatch ?? 200);
  const redact = options.redact ?? ((value: string) => value);
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    if (warnings.length > MAX_WARNINGS) warnings.shift();
  };

  const db = openUsageDatabase(options.file, clock, warnings);

  const insert = db.prepare(`INSERT INTO requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`);
  const insertAll = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row);
  });
  const deleteBefore = db.prepare('DELETE FROM requests WHERE time < ?');
  const recentStatements = new Map<string, ReturnType<typeof db.prepare>>();
  const selectRecent = (query: RecentQuery, limit: number): Row[] => {
    const where = ['time < @before'];
    if (query.provider) where.push('provider = @provider');
    if (query.model) where.push('(requested_model = @model OR upstream_model = @model)');
    if (query.clientKey) where.push('client_key = @clientKey');
    if (query.requestId) where.push('request_id = @requestId');
    if (query.status === 'success') where.push('status < 400');
    else if (query.status === 'failure') where.push('status >= 400');
    else if (typeof query.status === 'number') where.push('status = @status');
    const sql = `SELECT * FROM requests WHERE ${where.join(' AND ')} ORDER BY time DESC, id DESC LIMIT @limit`;
    let statement = recentStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      recentStatements.set(sql, statement);
    }
    const parameters: Record<string, unknown> = { before: query.before ?? Number.MAX_SAFE_INTEGER, limit };
    for (const name of ['provider', 'model', 'clientKey', 'requestId'] as const) if (query[name]) parameters[name] = query[name];
    if (typeof query.status === 'number') parameters.status = query.status;
    return statement.all(parameters) as Row[];
  };
  const selectUnserved = db.prepare(
    `SELECT requested_model AS model, COUNT(*) AS count, MAX(time) AS lastAt FROM requests
     WHERE time >= @since AND status = 404 AND error_code = 'model_not_found' GROUP BY requested_model ORDER BY count DESC, lastAt DESC LIMIT 200`,
  );
  const selectUnservedKeys = db.prepare(
    `SELECT requested_model AS model, client_key AS clientKey, COUNT(*) AS count FROM requests
     WHERE time >= @since AND status = 404 AND error_code = 'model_not_found' GROUP BY requested_model, client_key ORDER BY count DESC`,
  );
  const selectAll = db.prepare('SELECT * FROM requests ORDER BY time, id');
  const selectSame = db.prepare('SELECT 1 FROM requests WHERE request_id = ? AND time = ? LIMIT 1');
  const importAll = db.transaction((rows: Row[]) => {
    let added = 0;
    for (const row of rows) {
      if (selectSame.get(row.request_id, row.time)) continue;
      insert.run(row);
      added += 1;
    }
    return added;
  });
  const queries = createUsageQueries(db, { timeZoneOffsetMinutes: options.timeZoneOffsetMinutes });

  let buffer: Row[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  let closed = false;
  let retentionDays = options.retentionDays ?? 90;

  const flush = () => {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = null;
    immediate = null;
    if (closed || buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      insertAll(batch);
    } catch (error) {
      warn(`Could not save ${batch.length} usage record(s) to the usage database: ${(error as Error).message}. Check the disk space of the data folder.`);
    }
  };

  const prune = (days: number): number => {
    if (!(days > 0)) throw new Error(`Usage retention must be a positive number of days, got ${days}.`);
    return deleteBefore.run(clock() - days * DAY_MS).changes;
  };

  const safePrune = () => {
    try {
      prune(retentionDays);
    } catch (error) {
      warn(`Could not delete old usage records: ${(error as Error).message}.`);
    }
  };
  safePrune();
  const daily = setInterval(safePrune, DAY_MS);
  daily.unref();

  return {
    record(record) {
      if (closed) return;
      buffer.push(toRow(record, clock(), redact));
      if (buffer.length >= maxBatch) {
        immediate ??= setImmediate(flush);
      } else if (!timer && !immediate) {
        timer = setTimeout(flush, flushIntervalMs);
        timer.unref();
      }
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      clearInterval(daily);
      db.close();
    },
    warnings: () => [...warnings],
    // Queries flush first, so the dashboard sees a request as soon as it has finished.
    summary(range) {
      flush();
      return queries.summary(range);
    },
    aggregate(query) {
      flush();
      return queries.aggregate(query);
    },
    recent(query = {}) {
      flush();
      const limit = Math.max(1, Math.min(10_000, Math.floor(query.limit ?? 100)));
      return selectRecent(query, limit).map(toRecord);
    },
    unserved(since) {
      flush();
      const keys = new Map<string, string[]>();
      for (const row of selectUnservedKeys.all({ since }) as Array<{ model: string; clientKey: string }>) {
        const list = keys.get(row.model) ?? [];
        list.push(row.clientKey);
        keys.set(row.model, list);
      }
      return (selectUnserved.all({ since }) as Array<{ model: string; count: number; lastAt: number }>).map((row) => ({ ...row, clientKeys: keys.get(row.model) ?? [] }));
    },
    prune,
    setRetentionDays(days) {
      if (!(days > 0)) throw new Error(`Usage retention must be a positive number of days, got ${days}.`);
      retentionDays = days;
    },
    exportRecords() {
      flush();
      return (selectAll.all() as Row[]).map(toRecord);
    },
    importRecords(records) {
      if (closed) return { added: 0, skipped: records.length };
      flush();
      const added = importAll(records.map((record) => toRow(record, clock(), redact)));
      return { added, skipped: records.length - added };
    },
  };
}
