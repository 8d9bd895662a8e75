import { Trans, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel, usePolling } from '../../app/index.js';
import { Card, EmptyState, Loading, Notice, PageHeader, StatCard } from '../../components/index.js';
import { formatCompact, formatMs, formatNumber, formatPercent, formatUsd } from '../../format/index.js';
import type { UsageRange } from '../../stores/index.js';
import { RequestsChart } from './bar-chart.js';
import { Breakdowns } from './breakdowns.js';
import { LineChart } from './line-chart.js';
import { fillSeries } from './time-series.js';

const RANGES: UsageRange[] = ['today', '7d', '30d'];

export function UsagePage() {
  const model = useModel();
  const { range, report, setRange } = useStore(model.usage);
  const credentials = useStore(model.credentials, (state) => state.credentials.data);
  const baseUrl = useStore(model.connection, (state) => state.baseUrl);
  usePolling(() => model.usage.getState().load());
  const { t } = useTranslation('usage');

  const data = report.data && report.data.range === range ? report.data : null;
  const points = data ? fillSeries(data.series, data.from, data.to, data.bucket) : [];
  const labels = new Map((credentials ?? []).map((credential) => [credential.id, credential.label]));
  const per = data?.bucket === 'hour' ? 'hour' : 'day';
  const chart = (name: string) => t(`chart.${name}_${per}`);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <div className="segmented" role="group" aria-label={t('period')}>
            {RANGES.map((item) => (
              <button key={item} type="button" className={`segment${range === item ? ' segment-active' : ''}`} aria-pressed={range === item} onClick={() => void setRange(item)}>
                {t(`range.${item}`)}
              </button>
            ))}
          </div>
        }
      />
      {report.error ? <Notice tone="error" title={t('loadFailed')}>{report.error.message}</Notice> : null}
      {!data && !report.error ? <Loading label={t('loading')} /> : null}
      {data ? (
        <>
          <div className="stat-grid">
            <StatCard
              label={t('stat.requests')}
              value={formatNumber(data.summary.requests)}
              hint={data.summary.estimatedRequests > 0 ? t('stat.estimated', { count: data.summary.estimatedRequests, formatted: formatNumber(data.summary.estimatedRequests) }) : undefined}
            />
            <StatCard
              label={t('stat.errors')}
              value={formatNumber(data.summary.failures)}
              tone={data.summary.failures > 0 ? 'error' : undefined}
              hint={data.summary.requests > 0 ? t('stat.errorShare', { percent: formatPercent(data.summary.failures, data.summary.requests) }) : undefined}
            />
            <StatCard
              label={t('stat.tokens')}
              value={formatCompact(data.summary.totalTokens)}
              hint={t('stat.inOut', { input: formatCompact(data.summary.inputTokens), output: formatCompact(data.summary.outputTokens) })}
            />
            <StatCard label={t('stat.cost')} value={formatUsd(data.summary.costUsd ?? 0)} hint={t('stat.costHint')} />
            <StatCard label={t('stat.latency')} value={`${formatMs(data.summary.latencyP50Ms)} / ${formatMs(data.summary.latencyP95Ms)}`} />
            {data.summary.affinity && data.summary.affinity.hits + data.summary.affinity.misses > 0 ? (
              <StatCard
                label={t('stat.affinity')}
                value={formatPercent(data.summary.affinity.hits, data.summary.affinity.hits + data.summary.affinity.misses)}
                hint={t('stat.affinityHint', { hits: formatNumber(data.summary.affinity.hits), misses: formatNumber(data.summary.affinity.misses) })}
              />
            ) : null}
          </div>
          {data.summary.requests === 0 ? (
            <Card>
              <EmptyState icon="usage" title={t('empty')}>
                <Trans t={t} i18nKey="emptyHint" values={{ url: `${baseUrl}/v1` }} components={{ mono: <span className="mono" /> }} />
              </EmptyState>
            </Card>
          ) : (
            <>
              <div className="grid-2">
                <Card title={chart('requests')}>
                  <RequestsChart points={points} title={chart('requestsTitle')} />
                </Card>
                <Card title={chart('tokens')}>
                  <LineChart
                    points={points}
                    title={chart('tokens')}
                    series={[
                      { name: t('chart.input'), className: 'series-1', value: (point) => point.inputTokens, format: formatNumber },
                      { name: t('chart.output'), className: 'series-2', value: (point) => point.outputTokens, format: formatNumber },
                    ]}
                  />
                </Card>
                <Card title={chart('latency')}>
                  <LineChart
                    points={points}
                    title={chart('latencyTitle')}
                    formatTick={formatMs}
                    series={[
                      { name: 'p50', className: 'series-1', value: (point) => (point.requests > 0 ? point.latencyP50Ms : null), format: formatMs },
                      { name: 'p95', className: 'series-3', value: (point) => (point.requests > 0 ? point.latencyP95Ms : null), format: formatMs },
                    ]}
                  />
                </Card>
                <Card title={chart('errors')}>
                  <LineChart points={points} integer title={chart('failed')} series={[{ name: t('chart.failedSeries'), className: 'series-error', value: (point) => point.failures, format: formatNumber }]} />
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
