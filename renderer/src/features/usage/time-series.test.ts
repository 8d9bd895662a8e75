import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../api/index.js';
import { bucketKey, fillSeries, niceScale } from './time-series.js';

const row = (key: string, requests: number): UsageRow => ({ key, requests, failures: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, latencyP50Ms: null, latencyP95Ms: null });

describe('usage time series', () => {
  it('fills the hours the proxy left out, in order, with readable labels', () => {
    const from = new Date(2026, 10, 23, 0, 0).getTime();
    const to = new Date(2026, 10, 23, 5, 30).getTime();
    const series = fillSeries([row('2026-11-23 03:00', 4), row('2026-11-23 01:00', 2)], from, to, 'hour');
    expect(series.map((point) => point.requests)).toEqual([0, 2, 0, 4, 0, 0]);
    expect(series[3]).toMatchObject({ label: '03:00', longLabel: 'Nov 23, 03:00' });
  });

  it('fills days and keeps rows from another time zone instead of dropping them', () => {
    const from = new Date(2026, 10, 20).getTime();
    const to = new Date(2026, 10, 22, 12).getTime();
    const series = fillSeries([row('2026-11-21', 5), row('2026-11-19', 1)], from, to, 'day');
    expect(series.map((point) => point.key)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(series.map((point) => point.label)).toEqual(['Nov 19', 'Nov 20', 'Nov 21', 'Nov 22']);
  });

  it('uses the proxy\'s bucket keys', () => {
    expect(bucketKey(new Date(2026, 0, 5, 7, 45).getTime(), 'hour')).toBe('2026-01-05 07:00');
    expect(bucketKey(new Date(2026, 0, 5, 7, 45).getTime(), 'day')).toBe('2026-01-05');
  });

  it('picks round axis steps, whole numbers for counts', () => {
    expect(niceScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale(1, { integer: true }).ticks).toEqual([0, 1]);
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});
