import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedactor, createUsageStore, nearestRank, USAGE_SCHEMA_VERSION, type UsageRecord, type UsageStore, type UsageStoreOptions } from './index.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

let dir: string;
const stores: UsageStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cliproxy-usage-'));
});
afterEach(() => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(options: Partial<UsageStoreOptions> = {}): UsageStore {
  const store = createUsageStore({ file: join(dir, 'data', 'usage.db'), clock: () => NOW, timeZoneOffsetMinutes: 0, ...options });
  stores.push(store);
  return store;
}

/** Rows visible to another connection: what is really on disk, not in the store's buffer. */
function rowsOnDisk(file = join(dir, 'data', 'usage.db')): number {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

let sequence = 0;
function usage(overrides: Partial<UsageRecord> = {}): UsageRecord {
  sequence += 1;
  return {
    time: NOW - 60_000,
    requestId: `req${String(sequence).padStart(5, '0')}`,
    clientKey: 'laptop',
    provider: 'claude',
    credentialId: 'claude-1',
    credentialLabel: 'me@example.com',
    requestedModel: 'claude-sonnet',
    upstreamModel: 'claude-sonnet-4-5',
    clientFormat: 'openai-chat',
    upstreamFormat: 'claude-messages',
    stream: true,
    status: 200,
    latencyMs: 1000,
    ttfbMs: 250,
    inputTokens: 10,
    outputTokens: 20,
    cachedTokens: 0,
    reasoningTokens: 0,
    totalTokens: 30,
    estimated: false,
    error: null,
    ...overrides,
  };
}

describe('usage store persistence', () => {
  it('keeps records across close and reopen, with every field intact', () => {
    const first = open();
    const records = [
      usage({ time: NOW - 3000, ttfbMs: null, stream: false, estimated: true, error: 'upstream 429: quota', status: 429, attempts: 3 }),
      usage({ time: NOW - 2000, cachedTokens: 5, reasoningTokens: 7 }),
    ];
    for (const record of records) first.record(record);
    first.close();
    const second = open();
    expect(second.recent()).toEqual([{ ...records[1], attempts: 1 }, records[0]]);
    expect(second.warnings()).toEqual([]);
  });

  it('creates the folder, uses WAL and records the schema version', () => {
    open().close();
    const reader = new Database(join(dir, 'data', 'usage.db'), { readonly: true });
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reader.pragma('user_version', { simple: true })).toBe(USAGE_SCHEMA_VERSION);
    reader.close();
  });

  it('ignores records after close instead of crashing a late request', () => {
    const store = open();
    store.close();
    expect(() => store.record(usage())).not.toThrow();
    expect(() => store.close()).not.toThrow();
  });

  it('stores error texts redacted', () => {
    const redactor = createRedactor();
    redactor.setSecrets(['upstream-api-key-123456']);
    const store = open({ redact: redactor.redact });
    store.record(usage({ status: 401, error: 'invalid x-api-key upstream-api-key-123456' }));
    expect(store.recent()[0].error).toBe('invalid x-api-key upst…3456');
  });
});

describe('usage store batching', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'] });
  });

  it('writes nothing during record() and everything in one go after the flush interval', () => {
    const store = open({ flushIntervalMs: 250 });
    for (let index = 0; index < 5; index += 1) store.record(usage());
    expect(rowsOnDisk()).toBe(0);
    vi.advanceTimersByTime(249);
    expect(rowsOnDisk()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(rowsOnDisk()).toBe(5);
  });

  it('writes a full batch on the next tick, not inside record()', () => {
    const store = open({ flushIntervalMs: 10_000, maxBatch: 3 });
    store.record(usage());
    store.record(usage());
    store.record(usage());
    expect(rowsOnDisk()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(rowsOnDisk()).toBe(3);
  });

  it('writes the buffer on flush() and close()', () => {
    const store = open({ flushIntervalMs: 10_000 });
    store.record(usage());
    store.flush();
    expect(rowsOnDisk()).toBe(1);
    store.record(usage());
    store.close();
    expect(rowsOnDisk()).toBe(2);
  });

  it('answers queries with records that are still buffered', () => {
    const store = open({ flushIntervalMs: 10_000 });
    store.record(usage());
    expect(store.summary({ from: 0, to: NOW }).requests).toBe(1);
  });
});

describe('usage store queries', () => {
  /** 4 claude requests (latency 100..400) from two client keys, 20 gemini requests (latency 10..200), one day earlier. */
  function seed(store: UsageStore) {
    [100, 400, 200, 300].forEach((latencyMs, index) =>
      store.record(usage({ latencyMs, clientKey: index < 3 ? 'laptop' : 'ci', inputTokens: 10, outputTokens: 20, totalTokens: 30 })),
    );
    for (let index = 1; index <= 20; index += 1) {
      store.record(usage({
        time: NOW - DAY - index * 1000,
        provider: 'gemini',
        credentialId: index % 2 ? 'gemini-a' : 'gemini-b',
        requestedModel: 'gemini-2.5-pro',
        clientKey: 'ci',
        latencyMs: index * 10,
        inputTokens: 100,
        outputTokens: 1,
        cachedTokens: 4,
        reasoningTokens: 2,
        totalTokens: 101,
        estimated: index <= 3,
        status: index === 20 ? 500 : 200,
        // A stream that failed after the first byte still answered 200.
        error: index === 19 ? 'stream cut' : null,
      }));
    }
  }

  it('summarises a range', () => {
    const store = open();
    seed(store);
    expect(store.summary({ from: NOW - 2 * DAY, to: NOW })).toEqual({
      requests: 24,
      successes: 22,
      failures: 2,
      inputTokens: 4 * 10 + 20 * 100,
      outputTokens: 4 * 20 + 20,
      cachedTokens: 80,
      reasoningTokens: 40,
      totalTokens: 4 * 30 + 20 * 101,
      estimatedRequests: 3,
      // 24 latencies: 10..200 step 10, plus 100, 200, 300, 400; the 12th is 110, the 23rd is 300.
      latencyP50Ms: 110,
      latencyP95Ms: 300,
      // No record in the seed has a price.
      costUsd: 0,
    });
    expect(store.summary({ from: NOW - 60_000, to: NOW - 60_000 }).requests).toBe(4);
    expect(store.summary({ from: NOW + 1, to: NOW + DAY })).toEqual({
      requests: 0, successes: 0, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0,
      totalTokens: 0, estimatedRequests: 0, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0,
    });
  });

  it('sums estimated costs per summary and group, and keeps each record\'s cost', () => {
    const store = open();
    store.record(usage({ requestedModel: 'claude-sonnet', time: NOW - 1000, costUsd: 0.5 }));
    store.record(usage({ requestedModel: 'claude-sonnet', time: NOW - 900, costUsd: 0.25 }));
    store.record(usage({ requestedModel: 'local-model', time: NOW - 800, costUsd: null }));
    expect(store.summary({ from: 0, to: NOW }).costUsd).toBe(0.75);
    expect(store.aggregate({ from: 0, to: NOW, groupBy: 'model' }).map((row) => [row.key, row.costUsd])).toEqual([
      ['claude-sonnet', 0.75],
      ['local-model', 0],
    ]);
    expect(store.recent({ limit: 3 }).map((entry) => entry.costUsd)).toEqual([undefined, 0.25, 0.5]);
  });

  it('groups by model with sums and nearest-rank percentiles', () => {
    const store = open();
    seed(store);
    const rows = store.aggregate({ from: 0, to: NOW, groupBy: 'model' });
    expect(rows).toEqual([
      { key: 'gemini-2.5-pro', requests: 20, failures: 2, inputTokens: 2000, outputTokens: 20, totalTokens: 2020, latencyP50Ms: 100, latencyP95Ms: 190, costUsd: 0 },
      { key: 'claude-sonnet', requests: 4, failures: 0, inputTokens: 40, outputTokens: 80, totalTokens: 120, latencyP50Ms: 200, latencyP95Ms: 400, costUsd: 0 },
    ]);
    const geminiLatencies = Array.from({ length: 20 }, (_, index) => (index + 1) * 10);
    expect([nearestRank(geminiLatencies, 50), nearestRank(geminiLatencies, 95)]).toEqual([100, 190]);
  });

  it('groups by credential, client key and provider, and applies filters', () => {
    const store = open();
    seed(store);
    const keys = (groupBy: 'credential' | 'client-key' | 'provider', filters = {}) =>
      store.aggregate({ from: 0, to: NOW, groupBy, filters }).map((row) => [row.key, row.requests, row.totalTokens]);
    expect(keys('credential')).toEqual([['gemini-a', 10, 1010], ['gemini-b', 10, 1010], ['claude-1', 4, 120]]);
    expect(keys('client-key')).toEqual([['ci', 21, 2050], ['laptop', 3, 90]]);
    expect(keys('provider')).toEqual([['gemini', 20, 2020], ['claude', 4, 120]]);
    expect(keys('client-key', { provider: 'claude' })).toEqual([['laptop', 3, 90], ['ci', 1, 30]]);
    expect(keys('credential', { model: 'gemini-2.5-pro', clientKey: 'ci', credentialId: 'gemini-b' })).toEqual([['gemini-b', 10, 1010]]);
  });

  it('groups by local day and hour using the configured offset', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    const afterMidnight = Date.UTC(2026, 10, 24, 0, 30);
    const byDay = (offset: number) => {
      const store = open({ file: join(dir, `offset${offset}.db`), timeZoneOffsetMinutes: offset });
      store.record(usage({ time: lateEvening }));
      store.record(usage({ time: afterMidnight, latencyMs: 3000 }));
      return store;
    };
    expect(byDay(0).aggregate({ from: 0, to: NOW, groupBy: 'day' }).map((row) => [row.key, row.requests])).toEqual([['2026-11-23', 1], ['2026-11-24', 1]]);
    expect(byDay(120).aggregate({ from: 0, to: NOW, groupBy: 'day' }).map((row) => [row.key, row.requests])).toEqual([['2026-11-24', 2]]);
    expect(byDay(-60).aggregate({ from: 0, to: NOW, groupBy: 'day' }).map((row) => [row.key, row.requests, row.latencyP95Ms])).toEqual([['2026-11-23', 2, 3000]]);
    expect(byDay(-300).aggregate({ from: 0, to: NOW, groupBy: 'hour' }).map((row) => row.key)).toEqual(['2026-11-23 18:00', '2026-11-23 19:00']);
  });

  it("uses the process's time zone when no offset is given", () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const store = open({ timeZoneOffsetMinutes: undefined });
      store.record(usage({ time: Date.UTC(2026, 10, 23, 20, 0) }));
      expect(store.aggregate({ from: 0, to: NOW, groupBy: 'hour' })[0].key).toBe('2026-11-24 05:00');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('lists recent records newest first with limit and before', () => {
    const store = open();
    for (let index = 1; index <= 5; index += 1) store.record(usage({ time: NOW - index * 1000, requestId: `r${index}` }));
    expect(store.recent({ limit: 2 }).map((record) => record.requestId)).toEqual(['r1', 'r2']);
    expect(store.recent({ before: NOW - 2000, limit: 10 }).map((record) => record.requestId)).toEqual(['r3', 'r4', 'r5']);
  });
});

describe('usage store retention', () => {
  it('prunes rows older than the retention and reports how many', () => {
    const store = open({ retentionDays: 365 });
    store.record(usage({ time: NOW - 100 * DAY }));
    store.record(usage({ time: NOW - 40 * DAY }));
    store.record(usage({ time: NOW - 10 * DAY }));
    store.flush();
    expect(store.prune(30)).toBe(2);
    expect(store.recent().map((record) => record.time)).toEqual([NOW - 10 * DAY]);
    expect(() => store.prune(0)).toThrow(/positive number of days/);
  });

  it('prunes on open and then daily', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'] });
    const writer = open({ retentionDays: 365 });
    writer.record(usage({ time: NOW - 100 * DAY }));
    writer.record(usage({ time: NOW - 20 * DAY }));
    writer.close();
    let now = NOW;
    const store = open({ retentionDays: 30, clock: () => now });
    expect(store.recent().map((record) => record.time)).toEqual([NOW - 20 * DAY]);
    now += 11 * DAY;
    vi.advanceTimersByTime(DAY);
    expect(rowsOnDisk()).toBe(0);
  });
});

describe('usage store recovery', () => {
  it('sets a garbage database file aside, starts fresh and says so', () => {
    const file = join(dir, 'data', 'usage.db');
    mkdirSync(join(dir, 'data'));
    const garbage = Buffer.from('this is definitely not an SQLite database file '.repeat(100));
    writeFileSync(file, garbage);
    const store = open();
    expect(store.warnings()).toHaveLength(1);
    expect(store.warnings()[0]).toMatch(/usage\.db was damaged .* moved to .*usage\.db\.corrupt-2026-11-24T12-00-00-000Z/);
    const aside = readdirSync(join(dir, 'data')).filter((name) => name.startsWith('usage.db.corrupt-'));
    expect(aside).toEqual(['usage.db.corrupt-2026-11-24T12-00-00-000Z']);
    expect(readFileSync(join(dir, 'data', aside[0]))).toEqual(garbage);
    store.record(usage());
    store.close();
    expect(rowsOnDisk(file)).toBe(1);
  });

  it('recovers from a database whose schema page is damaged', () => {
    const file = join(dir, 'data', 'usage.db');
    const healthy = open();
    healthy.record(usage());
    healthy.close();
    const bytes = readFileSync(file);
    bytes.fill(0xab, 100, 4096);
    writeFileSync(file, bytes);
    const store = open();
    expect(store.warnings()[0]).toMatch(/was damaged/);
    store.record(usage());
    expect(store.recent()).toHaveLength(1);
  });

  it('keeps usage in memory when the file cannot be opened, without touching it', () => {
    const file = join(dir, 'data', 'usage.db');
    mkdirSync(file, { recursive: true });
    const store = open();
    expect(store.warnings()[0]).toMatch(/could not be opened .* kept in memory/);
    store.record(usage());
    expect(store.recent()).toHaveLength(1);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(dir, 'data'))).toEqual(['usage.db']);
  });
});

describe('models clients asked for that nobody serves', () => {
  it('counts 404 model_not_found per model since a time, with the key labels that asked, most asked first', () => {
    const store = open();
    const unserved = (model: string, clientKey: string, time = NOW - 60_000) =>
      usage({ requestedModel: model, clientKey, time, status: 404, errorCode: 'model_not_found', error: `Model "${model}" is not served`, provider: '', credentialId: '' });
    store.record(unserved('claude-opus-4-8', 'sk-t…0001#aaaaaa'));
    store.record(unserved('claude-opus-4-8', 'sk-t…0001#aaaaaa', NOW - 30_000));
    store.record(unserved('claude-opus-4-8', 'sk-o…0002#bbbbbb'));
    store.record(unserved('gemini-3.8-flash', 'sk-t…0001#aaaaaa'));
    store.record(unserved('too-old', 'sk-t…0001#aaaaaa', NOW - 2 * DAY));
    // Other 404s (an upstream refusing) and successes do not count.
    store.record(usage({ requestedModel: 'claude-sonnet', status: 404, errorCode: 'upstream_error' }));
    store.record(usage({ requestedModel: 'claude-sonnet' }));
    expect(store.unserved(NOW - DAY)).toEqual([
      { model: 'claude-opus-4-8', count: 3, lastAt: NOW - 30_000, clientKeys: ['sk-t…0001#aaaaaa', 'sk-o…0002#bbbbbb'] },
      { model: 'gemini-3.8-flash', count: 1, lastAt: NOW - 60_000, clientKeys: ['sk-t…0001#aaaaaa'] },
    ]);
    expect(store.recent({ limit: 10 }).find((row) => row.status === 404 && row.requestedModel === 'claude-sonnet')?.errorCode).toBe('upstream_error');
  });

  it('adds the error_code column to a database written before it existed', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE requests (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, request_id TEXT NOT NULL, client_key TEXT NOT NULL, provider TEXT NOT NULL,
      credential_id TEXT NOT NULL, credential_label TEXT NOT NULL, requested_model TEXT NOT NULL, upstream_model TEXT NOT NULL, client_format TEXT NOT NULL,
      upstream_format TEXT NOT NULL, stream INTEGER NOT NULL, status INTEGER NOT NULL, latency_ms INTEGER NOT NULL, ttfb_ms INTEGER, input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, reasoning_tokens INTEGER NOT NULL, total_tokens INTEGER NOT NULL, estimated INTEGER NOT NULL,
      error TEXT, attempts INTEGER NOT NULL DEFAULT 1)`);
    old.pragma('user_version = 1');
    old.close();
    const store = open({ file });
    store.record(usage({ requestedModel: 'claude-opus-4-8', status: 404, errorCode: 'model_not_found' }));
    expect(store.unserved(NOW - DAY).map((row) => row.model)).toEqual(['claude-opus-4-8']);
    expect(store.warnings()).toEqual([]);
  });
});
