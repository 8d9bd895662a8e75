import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStore } from 'zustand';
import type { UsageRecordView } from '../../api/index.js';
import { useModel, usePolling } from '../../app/index.js';
import { Card, EmptyState, Loading, Notice, PageHeader, StatusPill } from '../../components/index.js';
import { formatCompact, formatLogTime, formatMs, formatUsd } from '../../format/index.js';
import { RequestDetail } from './request-detail.js';
import type { RequestFilters, RequestsStore } from './requests-store.js';

const STATUSES = [
  { value: '', label: 'filter.anyStatus' },
  { value: 'success', label: 'filter.succeeded' },
  { value: 'failure', label: 'filter.failed' },
] as const;

/** Accounts tried before the one that answered (or all of them for a failure), in a few words. */
export function triedSummary(row: UsageRecordView, t: TFunction<'requests'>): string {
  const tried = row.tried ?? [];
  const failed = tried.filter((entry) => entry.outcome === 'failed').length;
  const cooling = tried.filter((entry) => entry.outcome === 'cooling').length;
  const parts = [failed > 0 ? t('tried.failed', { count: failed }) : '', cooling > 0 ? t('tried.cooling', { count: cooling }) : ''].filter(Boolean);
  return parts.join(t('tried.separator'));
}

function FilterBar({ store, filters }: { store: RequestsStore; filters: RequestFilters }) {
  const { t } = useTranslation('requests');
  const ids = { provider: useId(), model: useId(), key: useId(), status: useId() };
  const change = (patch: Partial<RequestFilters>) => void store.getState().setFilters(patch);
  return (
    <div className="logs-toolbar requests-filters" role="search" aria-label={t('filter.label')}>
      <div className="logs-filters">
        <label className="visually-hidden" htmlFor={ids.provider}>{t('filter.provider')}</label>
        <input id={ids.provider} className="input input-sm" type="search" placeholder={t('filter.provider')} value={filters.provider} onChange={(event) => change({ provider: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.model}>{t('filter.model')}</label>
        <input id={ids.model} className="input input-sm" type="search" placeholder={t('filter.modelPlaceholder')} value={filters.model} onChange={(event) => change({ model: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.key}>{t('filter.clientKey')}</label>
        <input id={ids.key} className="input input-sm mono" type="search" placeholder={t('filter.clientKeyPlaceholder')} value={filters.clientKey} onChange={(event) => change({ clientKey: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.status}>{t('filter.status')}</label>
        <select id={ids.status} className="input input-sm select" value={STATUSES.some((item) => item.value === filters.status) ? filters.status : ''} onChange={(event) => change({ status: event.target.value })}>
          {STATUSES.map((item) => (
            <option key={item.value} value={item.value}>{t(item.label)}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function RequestsPage() {
  const model = useModel();
  const { t } = useTranslation('requests');
  const store = model.requests;
  const state = useStore(store);
  usePolling(() => store.getState().load());
  const rows = state.rows.data;
  const selected = rows?.find((row) => row.requestId === state.selectedId) ?? null;
  const filtering = Object.values(state.filters).some((value) => value.trim() !== '');

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {state.rows.error ? <Notice tone="error" title={t('loadFailed')}>{state.rows.error.message}</Notice> : null}
      <Card className="logs-card">
        <FilterBar store={store} filters={state.filters} />
        <div className={`logs-layout${selected ? ' logs-layout-split' : ''}`}>
          <div className="logs-list-wrap">
            {!rows ? (
              <Loading label={t('loading')} />
            ) : rows.length === 0 ? (
              <EmptyState icon="logs" title={filtering ? t('noMatch') : t('noRequests')}>
                {filtering ? t('noMatchHint') : t('noRequestsHint')}
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table requests-table">
                  <caption className="visually-hidden">{t('table.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('table.time')}</th>
                      <th scope="col">{t('table.clientKey')}</th>
                      <th scope="col">{t('table.model')}</th>
                      <th scope="col">{t('table.account')}</th>
                      <th scope="col">{t('table.status')}</th>
                      <th scope="col" className="numeric">{t('table.latency')}</th>
                      <th scope="col" className="numeric">{t('table.firstByte')}</th>
                      <th scope="col" className="numeric">{t('table.tokens')}</th>
                      <th scope="col" className="numeric">{t('table.cost')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const tried = triedSummary(row, t);
                      return (
                        <tr key={row.requestId + row.time} className={row.requestId === state.selectedId ? 'row-selected' : undefined}>
                          <td>
                            <button type="button" className="link-button mono" onClick={() => void store.getState().select(row.requestId === state.selectedId ? null : row.requestId)} aria-label={t('table.open', { id: row.requestId })}>
                              {formatLogTime(row.time)}
                            </button>
                          </td>
                          <td className="mono small">{row.clientKey}</td>
                          <td>
                            <span className="mono">{row.requestedModel}</span>
                            {row.upstreamModel && row.upstreamModel !== row.requestedModel ? <span className="mono muted"> → {row.upstreamModel}</span> : null}
                          </td>
                          <td className="small">
                            {row.credentialLabel || <span className="muted">{t('table.noAccount')}</span>}
                            {tried ? <span className="muted"> {t('table.triedFirst', { tried })}</span> : null}
                          </td>
                          <td>
                            <StatusPill tone={row.status < 400 ? 'ok' : row.status === 499 ? 'muted' : 'error'} label={String(row.status)} />
                          </td>
                          <td className="numeric">{formatMs(row.latencyMs)}</td>
                          <td className="numeric">{row.ttfbMs === null || row.ttfbMs === undefined ? '—' : formatMs(row.ttfbMs)}</td>
                          <td className="numeric">
                            {formatCompact(row.inputTokens ?? 0)} / {formatCompact(row.outputTokens ?? 0)}
                            {row.estimated ? <span className="muted small"> {t('table.estimated')}</span> : null}
                          </td>
                          <td className="numeric">{formatUsd(row.costUsd)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          {selected ? <RequestDetail row={selected} store={store} /> : null}
        </div>
      </Card>
    </>
  );
}
