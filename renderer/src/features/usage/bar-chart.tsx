import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCompact, formatNumber } from '../../format/index.js';
import { niceScale, type SeriesPoint } from './time-series.js';
import { useWidth } from './use-width.js';

const HEIGHT = 210;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 44 };

/** Requests per bucket, failures stacked on top, drawn as plain SVG with a text description. */
export function RequestsChart({ points, title }: { points: SeriesPoint[]; title: string }) {
  const id = useId();
  const { t } = useTranslation('usage');
  const [figure, width] = useWidth<HTMLElement>(560);
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const scale = niceScale(Math.max(0, ...points.map((point) => point.requests)), { integer: true });
  const band = innerWidth / Math.max(points.length, 1);
  const barWidth = Math.max(2, Math.min(28, band * 0.62));
  const y = (value: number) => MARGIN.top + innerHeight - (value / scale.max) * innerHeight;
  const labelEvery = Math.ceil(points.length / Math.max(2, Math.floor(innerWidth / 56)));
  const total = points.reduce((sum, point) => sum + point.requests, 0);
  const failures = points.reduce((sum, point) => sum + point.failures, 0);
  const peak = points.reduce<SeriesPoint | null>((best, point) => (!best || point.requests > best.requests ? point : best), null);

  return (
    <figure className="chart" ref={figure}>
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {total === 0
            ? t('bars.empty')
            : t('bars.summary', { total: formatNumber(total), failed: formatNumber(failures), peak: peak?.longLabel, peakCount: formatNumber(peak?.requests ?? 0) })}
        </desc>
        {scale.ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" className="chart-axis-label">
              {formatCompact(tick)}
            </text>
          </g>
        ))}
        {points.map((point, index) => {
          const x = MARGIN.left + index * band + (band - barWidth) / 2;
          const successes = point.requests - point.failures;
          return (
            <g key={point.key}>
              <title>{t('bars.bar', { label: point.longLabel, total: formatNumber(point.requests), failed: formatNumber(point.failures) })}</title>
              <rect x={MARGIN.left + index * band} y={MARGIN.top} width={band} height={innerHeight} className="chart-hover" />
              {successes > 0 ? <rect x={x} y={y(point.requests)} width={barWidth} height={y(point.failures) - y(point.requests)} rx={2} className="chart-bar-ok" /> : null}
              {point.failures > 0 ? <rect x={x} y={y(point.failures)} width={barWidth} height={y(0) - y(point.failures)} rx={2} className="chart-bar-error" /> : null}
              {index % labelEvery === 0 ? (
                <text x={MARGIN.left + index * band + band / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-axis-label">
                  {point.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-baseline" />
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-item">
          <span className="legend-swatch swatch-ok" aria-hidden="true" /> {t('bars.succeeded')}
        </span>
        <span className="legend-item">
          <span className="legend-swatch swatch-error" aria-hidden="true" /> {t('bars.failed')}
        </span>
      </figcaption>
    </figure>
  );
}
