import { useStore } from 'zustand';
import { useModel, usePolling } from '../../app/index.js';
import { Card, EmptyState, Loading, Notice, PageHeader, StatCard } from '../../components/index.js';
import { formatCompact, formatMs, formatNumber, formatPercent, formatUsd } from '../../format/index.js';
import type { UsageRange } from '../../stores/index.js';
import { RequestsChart } from './bar-chart.js';
import { Breakdowns } from './breakdowns.js';
import { LineChart } from './line-chart.js';
import { fillSeries } from './time-series.js';

const RANGES: Array<{ id: UsageRange; label: string }> = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
];

export function UsagePage() {
  const model = useModel();
  const { range, report, setRange } = useStore(model.usage);
  const credentials = useStore(model.credentials, (state) => state.credentials.data);
  const baseUrl = useStore(model.connection, (state) => state.baseUrl);
  usePolling(() => model.usage.getState().load());

  const data = report.data && report.data.range === range ? report.data : null;
  const points = data ? fillSeries(data.series, data.from, data.to, data.bucket) : [];
  const labels = new Map((credentials ?? []).map((credential) => [credential.id, credential.label]));
  const per = data?.bucket === 'hour' ? 'per hour' : 'per day';

  return (
    <>
      <PageHeader
        title="Usage"
        description="Requests, tokens, errors and latency, kept across restarts."
        actions={
          <div className="segmented" role="group" aria-label="Period">
            {RANGES.map((item) => (
              <button key={item.id} type="button" className={`segment${range === item.id ? ' segment-active' : ''}`} aria-pressed={range === item.id} onClick={() => void setRange(item.id)}>
                {item.label}
              </button>
            ))}
          </div>
        }
      />
      {report.error ? <Notice tone="error" title="Usage could not be loaded">{report.error.message}</Notice> : null}
      {!data && !report.error ? <Loading label="Loading usage…" /> : null}
      {data ? (
        <>
          <div className="stat-grid">
            <StatCard label="Requests" value={formatNumber(data.summary.requests)} hint={data.summary.estimatedRequests > 0 ? `${formatNumber(data.summary.estimatedRequests)} with estimated tokens` : undefined} />
            <StatCard
              label="Errors"
              value={formatNumber(data.summary.failures)}
              tone={data.summary.failures > 0 ? 'error' : undefined}
              hint={data.summary.requests > 0 ? `${formatPercent(data.summary.failures, data.summary.requests)} of requests` : undefined}
            />
            <StatCard label="Tokens" value={formatCompact(data.summary.totalTokens)} hint={`${formatCompact(data.summary.inputTokens)} in · ${formatCompact(data.summary.outputTokens)} out`} />
            <StatCard label="Estimated cost" value={formatUsd(data.summary.costUsd ?? 0)} hint="From model-prices and list prices; models without a price count as $0" />
            <StatCard label="Latency p50 / p95" value={`${formatMs(data.summary.latencyP50Ms)} / ${formatMs(data.summary.latencyP95Ms)}`} />
          </div>
          {data.summary.requests === 0 ? (
            <Card>
              <EmptyState icon="usage" title="No requests in this period">
                Point a tool at <span className="mono">{baseUrl}/v1</span> and send a request; it shows up here within seconds.
              </EmptyState>
            </Card>
          ) : (
            <>
              <div className="grid-2">
                <Card title={`Requests ${per}`}>
                  <RequestsChart points={points} title={`Requests ${per}, succeeded and failed`} />
                </Card>
                <Card title={`Tokens ${per}`}>
                  <LineChart
                    points={points}
                    title={`Tokens ${per}`}
                    series={[
                      { name: 'Input', className: 'series-1', value: (point) => point.inputTokens, format: formatNumber },
                      { name: 'Output', className: 'series-2', value: (point) => point.outputTokens, format: formatNumber },
                    ]}
                  />
                </Card>
                <Card title={`Latency ${per}`}>
                  <LineChart
                    points={points}
                    title={`Latency ${per}, median and 95th percentile`}
                    formatTick={formatMs}
                    series={[
                      { name: 'p50', className: 'series-1', value: (point) => (point.requests > 0 ? point.latencyP50Ms : null), format: formatMs },
                      { name: 'p95', className: 'series-3', value: (point) => (point.requests > 0 ? point.latencyP95Ms : null), format: formatMs },
                    ]}
                  />
                </Card>
                <Card title={`Errors ${per}`}>
                  <LineChart points={points} integer title={`Failed requests ${per}`} series={[{ name: 'Failed requests', className: 'series-error', value: (point) => point.failures, format: formatNumber }]} />
                </Card>
              </div>
              <Breakdowns report={data} labels={labels} />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
