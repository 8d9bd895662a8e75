import type { UsageStore } from './usage-store.js';

/**
 * The usage store when SQLite itself cannot be loaded (its native module was built for another runtime, e.g.
 * Node's instead of Electron's in a development checkout): requests still flow, nothing is recorded, and the
 * reason is the store's one warning, shown in the log and on the status page. The proxy never fails to start
 * over its statistics.
 */
export function createUnavailableUsageStore(reason: string): UsageStore {
  const warning = `Usage history is off in this run: SQLite could not be loaded (${reason}). In a development checkout under Electron, run \`npx @electron/rebuild -o better-sqlite3\` (and \`npm rebuild better-sqlite3\` before the Node tests).`;
  return {
    record: () => undefined,
    flush: () => undefined,
    close: () => undefined,
    warnings: () => [warning],
    summary: () => ({ requests: 0, successes: 0, failures: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 0, estimatedRequests: 0, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0 }),
    aggregate: () => [],
    recent: () => [],
    prune: () => 0,
    setRetentionDays: () => undefined,
    unserved: () => [],
    exportRecords: () => [],
    importRecords: (records) => ({ added: 0, skipped: records.length }),
  };
}
