import { useId } from 'react';
import { useStore } from 'zustand';
import type { UsageRecordView } from '../../api/index.js';
import { useModel, usePolling } from '../../app/index.js';
import { Card, EmptyState, Loading, Notice, PageHeader, StatusPill } from '../../components/index.js';
import { formatCompact, formatLogTime, formatMs, formatUsd } from '../../format/index.js';
import { RequestDetail } from './request-detail.js';
import type { RequestFilters, RequestsStore } from './requests-store.js';

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'success', label: 'Succeeded' },
  { value: 'failure', label: 'Failed' },
];

/** Accounts tried before the one that answered (or all of them for a failure), in a few words. */
export function triedSummary(row: UsageRecordView): string {
  const tried = row.tried ?? [];
  const failed = tried.filter((entry) => entry.outcome === 'failed').length;
  const cooling = tried.filter((entry) => entry.outcome === 'cooling').length;
  const parts = [failed > 0 ? `${failed} failed` : '', cooling > 0 ? `${cooling} cooling` : ''].filter(Boolean);
  return parts.join(', ');
}

function FilterBar({ store, filters }: { store: RequestsStore; filters: RequestFilters }) {
  const ids = { provider: useId(), model: useId(), key: useId(), status: useId() };
  const change = (patch: Partial<RequestFilters>) => void store.getState().setFilters(patch);
  return (
    <div className="logs-toolbar requests-filters" role="search" aria-label="Filter requests">
      <div className="logs-filters">
        <label className="visually-hidden" htmlFor={ids.provider}>Provider</label>
        <input id={ids.provider} className="input input-sm" type="search" placeholder="Provider" value={filters.provider} onChange={(event) => change({ provider: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.model}>Model</label>
        <input id={ids.model} className="input input-sm" type="search" placeholder="Model (asked or served)" value={filters.model} onChange={(event) => change({ model: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.key}>Client key</label>
        <input id={ids.key} className="input input-sm mono" type="search" placeholder="Client key label" value={filters.clientKey} onChange={(event) => change({ clientKey: event.target.value })} />
        <label className="visually-hidden" htmlFor={ids.status}>Status</label>
        <select id={ids.status} className="input input-sm select" value={STATUSES.some((item) => item.value === filters.status) ? filters.status : ''} onChange={(event) => change({ status: event.target.value })}>
          {STATUSES.map((item) => (
            <option key={item.value} value={item.value}>{item.label}</option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function RequestsPage() {
  const model = useModel();
  const store = model.requests;
  const state = useStore(store);
  usePolling(() => store.getState().load());
  const rows = state.rows.data;
  const selected = rows?.find((row) => row.requestId === state.selectedId) ?? null;
  const filtering = Object.values(state.filters).some((value) => value.trim() !== '');

  return (
    <>
      <PageHeader title="Requests" description="Each request: who sent it, which model and account answered, what was tried first, and how long it took. Open one to see its bodies and send it again." />
      {state.rows.error ? <Notice tone="error" title="Requests could not be loaded">{state.rows.error.message}</Notice> : null}
      <Card className="logs-card">
        <FilterBar store={store} filters={state.filters} />
        <div className={`logs-layout${selected ? ' logs-layout-split' : ''}`}>
          <div className="logs-list-wrap">
            {!rows ? (
              <Loading label="Loading requests…" />
            ) : rows.length === 0 ? (
              <EmptyState icon="logs" title={filtering ? 'No request matches the filters' : 'No requests yet'}>
                {filtering ? 'Clear a filter to see more.' : 'Send a request through the proxy; it shows up here within seconds.'}
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table requests-table">
                  <caption className="visually-hidden">Recent requests, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Time</th>
                      <th scope="col">Client key</th>
                      <th scope="col">Model asked → served</th>
                      <th scope="col">Account</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="numeric">Latency</th>
                      <th scope="col" className="numeric">First byte</th>
                      <th scope="col" className="numeric">Tokens in / out</th>
                      <th scope="col" className="numeric">Est. cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const tried = triedSummary(row);
                      return (
                        <tr key={row.requestId + row.time} className={row.requestId === state.selectedId ? 'row-selected' : undefined}>
                          <td>
                            <button type="button" className="link-button mono" onClick={() => void store.getState().select(row.requestId === state.selectedId ? null : row.requestId)} aria-label={`Open request ${row.requestId}`}>
                              {formatLogTime(row.time)}
                            </button>
                          </td>
                          <td className="mono small">{row.clientKey}</td>
                          <td>
                            <span className="mono">{row.requestedModel}</span>
                            {row.upstreamModel && row.upstreamModel !== row.requestedModel ? <span className="mono muted"> → {row.upstreamModel}</span> : null}
                          </td>
                          <td className="small">
                            {row.credentialLabel || <span className="muted">none</span>}
                            {tried ? <span className="muted"> ({tried} first)</span> : null}
                          </td>
                          <td>
                            <StatusPill tone={row.status < 400 ? 'ok' : row.status === 499 ? 'muted' : 'error'} label={String(row.status)} />
                          </td>
                          <td className="numeric">{formatMs(row.latencyMs)}</td>
                          <td className="numeric">{row.ttfbMs === null || row.ttfbMs === undefined ? '—' : formatMs(row.ttfbMs)}</td>
                          <td className="numeric">
                            {formatCompact(row.inputTokens ?? 0)} / {formatCompact(row.outputTokens ?? 0)}
                            {row.estimated ? <span className="muted small"> est.</span> : null}
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
