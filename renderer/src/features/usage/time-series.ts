import type { UsageRow } from '../../api/index.js';

export interface SeriesPoint extends UsageRow {
  /** Short axis label: "14:00" or "Nov 23". */
  label: string;
  /** Long label for tooltips and the table: "Nov 23, 14:00". */
  longLabel: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/** The proxy's bucket key for a local time: `2026-11-23` or `2026-11-23 14:00`. */
export function bucketKey(time: number, bucket: 'hour' | 'day'): string {
  const date = new Date(time);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return bucket === 'day' ? day : `${day} ${pad(date.getHours())}:00`;
}

function labels(key: string, bucket: 'hour' | 'day'): { label: string; longLabel: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):00)?$/.exec(key);
  if (!match) return { label: key, longLabel: key };
  const day = `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}`;
  if (bucket === 'day' || match[4] === undefined) return { label: day, longLabel: day };
  return { label: `${match[4]}:00`, longLabel: `${day}, ${match[4]}:00` };
}

const empty = (key: string): UsageRow => ({ key, requests: 0, failures: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, latencyP50Ms: null, latencyP95Ms: null });

/**
 * Every bucket from `from` to `to` (the proxy omits empty ones), in order. Rows whose key is not in the
 * range (a proxy in another time zone) are kept, sorted in.
 */
export function fillSeries(rows: UsageRow[], from: number, to: number, bucket: 'hour' | 'day'): SeriesPoint[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys: string[] = [];
  const cursor = new Date(from);
  if (bucket === 'hour') cursor.setMinutes(0, 0, 0);
  else cursor.setHours(0, 0, 0, 0);
  for (let guard = 0; cursor.getTime() <= to && guard < 2000; guard++) {
    keys.push(bucketKey(cursor.getTime(), bucket));
    if (bucket === 'hour') cursor.setHours(cursor.getHours() + 1);
    else cursor.setDate(cursor.getDate() + 1);
  }
  const all = [...new Set([...keys, ...byKey.keys()])].sort();
  return all.map((key) => ({ ...(byKey.get(key) ?? empty(key)), ...labels(key, bucket) }));
}

/** A round upper bound for an axis and its tick values (0, a, 2a, …). */
export function niceScale(max: number, options: { ticks?: number; integer?: boolean } = {}): { max: number; ticks: number[] } {
  const ticks = options.ticks ?? 4;
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  if (options.integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step) * step;
  const values: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) values.push(Number(value.toPrecision(12)));
  return { max: top, ticks: values };
}
