import { createStore } from 'zustand/vanilla';
import type { ManagementClient, UsageResponse, UsageRow } from '../api/index.js';
import { createLoader, emptyResource, type Resource } from './resource.js';

export type UsageRange = 'today' | '7d' | '30d';

export interface UsageReport {
  range: UsageRange;
  from: number;
  to: number;
  bucket: 'hour' | 'day';
  summary: UsageResponse['summary'];
  /** Time buckets as the proxy returns them (oldest first, empty buckets omitted). */
  series: UsageRow[];
  byModel: UsageRow[];
  byCredential: UsageRow[];
  byClientKey: UsageRow[];
}

export interface UsageState {
  range: UsageRange;
  report: Resource<UsageReport>;
  setRange(range: UsageRange): Promise<void>;
  load(): Promise<void>;
}

export type UsageStore = ReturnType<typeof createUsageStore>;

const DAY = 86_400_000;

/** The range's start in local time: midnight today, or midnight 6 / 29 days ago. */
export function rangeStart(range: UsageRange, now: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  if (range === '7d') start.setDate(start.getDate() - 6);
  if (range === '30d') start.setDate(start.getDate() - 29);
  return start.getTime();
}

export function createUsageStore(client: ManagementClient, clock: { now(): number }) {
  return createStore<UsageState>()((set, get) => {
    const report = createLoader(set, get, 'report', () => clock.now());
    const load = () =>
      report(async () => {
        const range = get().range;
        const to = clock.now();
        const from = rangeStart(range, to);
        const bucket = range === 'today' || to - from <= 2 * DAY ? 'hour' : 'day';
        const query = { from, to };
        const [series, byModel, byCredential, byClientKey] = await Promise.all([
          client.getUsage({ ...query, groupBy: bucket }),
          client.getUsage({ ...query, groupBy: 'model' }),
          client.getUsage({ ...query, groupBy: 'credential' }),
          client.getUsage({ ...query, groupBy: 'client-key' }),
        ]);
        return { range, from, to, bucket, summary: series.summary, series: series.rows, byModel: byModel.rows, byCredential: byCredential.rows, byClientKey: byClientKey.rows };
      });
    return {
      range: 'today',
      report: emptyResource(),
      async setRange(range) {
        if (range === get().range) return;
        set({ range });
        await load();
        // A load for the previous range may have been in flight; make sure the shown report is this range's.
        if (get().report.data?.range !== range) await load();
      },
      async load() {
        await load();
      },
    };
  });
}
