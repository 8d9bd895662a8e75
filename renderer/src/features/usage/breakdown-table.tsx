import { useTranslation } from 'react-i18next';
import type { UsageRow } from '../../api/index.js';
import { formatCompact, formatMs, formatNumber, formatPercent } from '../../format/index.js';

/** Usage grouped by model, account or client key, largest first, with each row's share of requests. */
export function BreakdownTable({ caption, nameHeader, rows, labelFor, emptyText }: {
  caption: string;
  nameHeader: string;
  rows: UsageRow[];
  labelFor?(key: string): string;
  emptyText: string;
}) {
  const { t } = useTranslation('usage');
  if (rows.length === 0) return <p className="muted breakdown-empty">{emptyText}</p>;
  const total = rows.reduce((sum, row) => sum + row.requests, 0);
  return (
    <div className="table-wrap">
      <table className="table breakdown-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" className="numeric">{t('breakdown.requests')}</th>
            <th scope="col" className="numeric">{t('breakdown.errors')}</th>
            <th scope="col" className="numeric">{t('breakdown.tokensInOut')}</th>
            <th scope="col" className="numeric">p50</th>
            <th scope="col" className="numeric">p95</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="breakdown-name">
                <span className="mono">{labelFor ? labelFor(row.key) : row.key || '(none)'}</span>
                <span className="share-bar" aria-hidden="true">
                  {/* Set through the CSSOM (React's style prop), which the strict CSP allows. */}
                  <span className="share-fill" style={{ width: `${Math.round((row.requests / Math.max(total, 1)) * 100)}%` }} />
                </span>
              </th>
              <td className="numeric">
                {formatNumber(row.requests)} <span className="muted small">{formatPercent(row.requests, total)}</span>
              </td>
              <td className={`numeric${row.failures > 0 ? ' text-error' : ''}`}>
                {formatNumber(row.failures)}
                {row.failures > 0 ? <span className="small"> ({formatPercent(row.failures, row.requests)})</span> : null}
              </td>
              <td className="numeric">
                {formatCompact(row.inputTokens)} / {formatCompact(row.outputTokens)}
              </td>
              <td className="numeric">{formatMs(row.latencyP50Ms)}</td>
              <td className="numeric">{formatMs(row.latencyP95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
