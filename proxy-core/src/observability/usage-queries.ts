import type Database from 'better-sqlite3';
import { nearestRankPosition } from './percentile.js';
import type { SqliteDatabase } from './usage-database.js';

export type UsageGroupBy = 'day' | 'hour' | 'model' | 'credential' | 'client-key' | 'provider';

export interface UsageFilters {
  provider?: string;
  /** Matches the model the client asked for. */
  model?: string;
  credentialId?: string;
  clientKey?: string;
}

export interface UsageSummary {
  requests: number;
  successes: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  estimatedRequests: number;
  /** Over every request in the range, failed ones included; `null` when there were none. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Estimated USD of the requests whose model has a price. */
  costUsd: number;
}

export interface UsageRow {
  key: string;
  requests: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  costUsd?: number;
}

/**
 * Whitelisted group expressions. Day and hour buckets are computed by SQLite: with a fixed offset by shifting the
 * timestamp, otherwise with its `localtime` modifier, which follows the process's time zone per timestamp (DST
 * included). No JS callback per row: the fixed-offset form measured about twice as fast as one.
 */
function groupExpressions(offsetMinutes: number | undefined): Record<UsageGroupBy, string> {
  if (offsetMinutes !== undefined && !Number.isFinite(offsetMinutes)) {
    throw new Error(`timeZoneOffsetMinutes must be a number of minutes east of UTC, got ${offsetMinutes}.`);
  }
  const seconds = offsetMinutes === undefined
    ? `time / 1000, 'unixepoch', 'localtime'`
    : `(time + ${Math.round(offsetMinutes) * 60_000}) / 1000, 'unixepoch'`;
  return {
    day: `strftime('%Y-%m-%d', ${seconds})`,
    hour: `strftime('%Y-%m-%d %H:00', ${seconds})`,
    model: 'requested_model',
    credential: 'credential_id',
    'client-key': 'client_key',
    provider: 'provider',
  };
}

const FILTER_COLUMNS: Record<keyof UsageFilters, string> = {
  provider: 'provider',
  model: 'requested_model',
  credentialId: 'credential_id',
  clientKey: 'client_key',
};

const FAILED = '(status >= 400 OR error IS NOT NULL)';

interface AggregateRow {
  key: string;
  requests: number;
  failures: number;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  reasoning_tokens: number;
  total_tokens: number;
  estimated: number;
  cost_usd: number | null;
  p50: number | null;
  p95: number | null;
}

interface Statements {
  sums: Database.Statement;
  /** `[key, latency, count]` rows, ordered: a latency histogram per group. */
  histogram: Database.Statement;
}

/**
 * Sums per group come from one GROUP BY. Latency percentiles are computed in JS, nearest-rank (see `nearestRank`),
 * from a per-group latency histogram that SQLite counts (`GROUP BY key, latency_ms`): far fewer rows leave SQLite
 * than there are requests, and it measured about twice as fast as window functions on 200k rows.
 */
export function createUsageQueries(db: SqliteDatabase, options: { timeZoneOffsetMinutes?: number } = {}) {
  const expressions = groupExpressions(options.timeZoneOffsetMinutes);
  const statements = new Map<string, Statements>();

  const prepare = (keyExpression: string, active: Array<keyof UsageFilters>): Statements => {
    const cacheKey = `${keyExpression}|${active.join(',')}`;
    let prepared = statements.get(cacheKey);
    if (!prepared) {
      const where = ['time >= @from', 'time <= @to', ...active.map((name) => `${FILTER_COLUMNS[name]} = @${name}`)].join(' AND ');
      prepared = {
        sums: db.prepare(`
          SELECT ${keyExpression} AS key, COUNT(*) AS requests, SUM(${FAILED}) AS failures,
                 SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cached_tokens) AS cached_tokens,
                 SUM(reasoning_tokens) AS reasoning_tokens, SUM(total_tokens) AS total_tokens, SUM(estimated) AS estimated,
                 SUM(cost_usd) AS cost_usd
          FROM requests WHERE ${where} GROUP BY 1`),
        histogram: db
          .prepare(`SELECT ${keyExpression} AS key, latency_ms, COUNT(*) FROM requests WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`)
          .raw(),
      };
      statements.set(cacheKey, prepared);
    }
    return prepared;
  };

  const run = db.transaction((keyExpression: string, range: { from: number; to: number }, filters: UsageFilters = {}): AggregateRow[] => {
    const active = (Object.keys(FILTER_COLUMNS) as Array<keyof UsageFilters>).filter((name) => filters[name] !== undefined && filters[name] !== '');
    const { sums, histogram } = prepare(keyExpression, active);
    const parameters: Record<string, unknown> = { from: range.from, to: range.to };
    for (const name of active) parameters[name] = filters[name];
    const rows = sums.all(parameters) as AggregateRow[];
    const byKey = new Map(rows.map((row) => [row.key, { row, seen: 0, p50Rank: nearestRankPosition(row.requests, 50), p95Rank: nearestRankPosition(row.requests, 95) }]));
    for (const [key, latency, count] of histogram.all(parameters) as Array<[string, number, number]>) {
      const group = byKey.get(key)!;
      const before = group.seen;
      group.seen += count;
      if (before < group.p50Rank && group.seen >= group.p50Rank) group.row.p50 = latency;
      if (before < group.p95Rank && group.seen >= group.p95Rank) group.row.p95 = latency;
    }
    return rows.map((row) => ({ ...row, p50: row.p50 ?? null, p95: row.p95 ?? null }));
  });

  return {
    summary(range: { from: number; to: number }): UsageSummary {
      const row = run("''", range)[0];
      if (!row) {
        return {
          requests: 0, successes: 0, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0,
          totalTokens: 0, estimatedRequests: 0, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0,
        };
      }
      return {
        requests: row.requests,
        successes: row.requests - row.failures,
        failures: row.failures,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedTokens: row.cached_tokens,
        reasoningTokens: row.reasoning_tokens,
        totalTokens: row.total_tokens,
        estimatedRequests: row.estimated,
        latencyP50Ms: row.p50,
        latencyP95Ms: row.p95,
        costUsd: row.cost_usd ?? 0,
      };
    },

    /** Time buckets come oldest first; other groupings by request count, largest first. Empty buckets are omitted. */
    aggregate(query: { from: number; to: number; groupBy: UsageGroupBy; filters?: UsageFilters }): UsageRow[] {
      const expression = Object.hasOwn(expressions, query.groupBy) ? expressions[query.groupBy] : undefined;
      if (!expression) throw new Error(`Unknown usage grouping "${query.groupBy}"; use one of ${Object.keys(expressions).join(', ')}.`);
      const rows = run(expression, query, query.filters).map((row) => ({
        key: row.key,
        requests: row.requests,
        failures: row.failures,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        totalTokens: row.total_tokens,
        latencyP50Ms: row.p50,
        latencyP95Ms: row.p95,
        costUsd: row.cost_usd ?? 0,
      }));
      const byTime = query.groupBy === 'day' || query.groupBy === 'hour';
      return rows.sort((a, b) => (byTime ? a.key.localeCompare(b.key) : b.requests - a.requests || a.key.localeCompare(b.key)));
    },
  };
}
