import { useId } from 'react';
import { formatCompact } from '../../format/index.js';
import { niceScale, type SeriesPoint } from './time-series.js';
import { useWidth } from './use-width.js';

const HEIGHT = 210;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 52 };

export interface LineSeries {
  name: string;
  className: string;
  value(point: SeriesPoint): number | null;
  format(value: number): string;
}

/** One or more lines over the buckets; gaps (null) break the line. Plain SVG with a text description. */
export function LineChart({ points, series, title, formatTick = formatCompact, integer = false }: {
  points: SeriesPoint[];
  series: LineSeries[];
  title: string;
  formatTick?(value: number): string;
  /** Counts: ticks are whole numbers. */
  integer?: boolean;
}) {
  const id = useId();
  const [figure, width] = useWidth<HTMLElement>(560);
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = series.flatMap((line) => points.map((point) => line.value(point)).filter((value): value is number => value !== null));
  const scale = niceScale(Math.max(0, ...values), { integer });
  const step = innerWidth / Math.max(points.length - 1, 1);
  const x = (index: number) => MARGIN.left + (points.length === 1 ? innerWidth / 2 : index * step);
  const y = (value: number) => MARGIN.top + innerHeight - (value / scale.max) * innerHeight;
  const labelEvery = Math.ceil(points.length / Math.max(2, Math.floor(innerWidth / 56)));

  const paths = series.map((line) => {
    let path = '';
    let open = false;
    points.forEach((point, index) => {
      const value = line.value(point);
      if (value === null) {
        open = false;
        return;
      }
      path += `${open ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
      open = true;
    });
    return path;
  });

  const description = series
    .map((line) => {
      const lineValues = points.map((point) => line.value(point)).filter((value): value is number => value !== null);
      return lineValues.length === 0 ? `${line.name}: no data` : `${line.name}: highest ${line.format(Math.max(...lineValues))}`;
    })
    .join('. ');

  return (
    <figure className="chart" ref={figure}>
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}.</desc>
        {scale.ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" className="chart-axis-label">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {points.map((point, index) =>
          index % labelEvery === 0 ? (
            <text key={point.key} x={x(index)} y={HEIGHT - 8} textAnchor="middle" className="chart-axis-label">
              {point.label}
            </text>
          ) : null,
        )}
        {series.map((line, index) => (
          <g key={line.name} className={line.className}>
            <path d={paths[index]} className="chart-line" />
            {points.map((point, pointIndex) => {
              const value = line.value(point);
              return value === null ? null : (
                <circle key={point.key} cx={x(pointIndex)} cy={y(value)} r={points.length > 40 ? 1.8 : 3} className="chart-dot">
                  <title>{`${point.longLabel} · ${line.name}: ${line.format(value)}`}</title>
                </circle>
              );
            })}
          </g>
        ))}
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-baseline" />
      </svg>
      <figcaption className="chart-legend">
        {series.map((line) => (
          <span key={line.name} className="legend-item">
            <span className={`legend-swatch ${line.className}`} aria-hidden="true" /> {line.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
