import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { UsageRecordView } from '../../api/index.js';
import { Button, Icon, Notice, StatusPill } from '../../components/index.js';
import { formatDateTime, formatMs } from '../../format/index.js';
import type { RequestsStore } from './requests-store.js';

/** Splits a request log file into its sections (`=== CLIENT REQUEST ===` …) for display. */
export function logSections(text: string): Array<{ title: string; body: string }> {
  const sections: Array<{ title: string; body: string }> = [];
  const parts = text.split(/^=== (.+) ===$/m);
  for (let index = 1; index < parts.length; index += 2) sections.push({ title: parts[index], body: (parts[index + 1] ?? '').replace(/^\n+|\n+$/g, '') });
  return sections;
}

/** One request: the accounts tried, its logged bodies (when capture was on) and "send again". */
export function RequestDetail({ row, store }: { row: UsageRecordView; store: RequestsStore }) {
  const { bodies, replay } = useStore(store);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.requestId]);
  const mine = bodies?.requestId === row.requestId ? bodies : null;
  const replayed = replay?.requestId === row.requestId ? replay : null;
  return (
    <aside className="log-detail request-detail" aria-label="Request details">
      <div className="log-detail-header">
        <h2 ref={heading} tabIndex={-1}>
          Request <span className="mono">{row.requestId}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={() => void store.getState().select(null)}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <dl className="detail-list">
        <div>
          <dt>Time</dt>
          <dd>{formatDateTime(row.time)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusPill tone={row.status < 400 ? 'ok' : 'error'} label={String(row.status)} /> {row.error ? <span className="detail-message">{row.error}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Latency · first byte</dt>
          <dd>
            {formatMs(row.latencyMs)} · {row.ttfbMs === null || row.ttfbMs === undefined ? '—' : formatMs(row.ttfbMs)}
          </dd>
        </div>
        {row.routeNote ? (
          <div>
            <dt>Routing</dt>
            <dd>{row.routeNote}</dd>
          </div>
        ) : null}
        <div>
          <dt>Accounts</dt>
          <dd>
            {(row.tried ?? []).length === 0 ? (
              <span className="muted">{row.credentialLabel || 'none tried'}</span>
            ) : (
              <ol className="tried-list">
                {(row.tried ?? []).map((entry, index) => (
                  <li key={`${entry.credentialId}-${index}`}>
                    <StatusPill tone={entry.outcome === 'served' ? 'ok' : entry.outcome === 'cooling' ? 'muted' : 'error'} label={entry.outcome === 'served' ? 'answered' : entry.outcome === 'cooling' ? 'skipped' : `failed${entry.status ? ` ${entry.status}` : ''}`} />{' '}
                    <span className="mono small">{entry.account}</span>
                    {entry.reason ? <div className="small muted">{entry.reason}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
      </dl>
      <div className="request-actions">
        <Button size="sm" variant="primary" icon="refresh" busy={replayed?.busy} disabled={!mine?.text} onClick={() => void store.getState().replayRequest(row.requestId)}>
          Replay this request
        </Button>
      </div>
      {replayed?.error ? <Notice tone="error" title="Replay failed">{replayed.error}</Notice> : null}
      {replayed?.result ? (
        <section className="replay-result" aria-label="Replay result">
          <h3>
            Replayed: <StatusPill tone={replayed.result.status < 400 ? 'ok' : 'error'} label={String(replayed.result.status)} /> in {formatMs(replayed.result.latencyMs)}
            {replayed.result.requestId ? <span className="mono small"> · new request {replayed.result.requestId}</span> : null}
          </h3>
          <pre className="request-body">{replayed.result.body}</pre>
        </section>
      ) : null}
      {mine?.loading ? <p className="muted small">Loading the logged bodies…</p> : null}
      {mine && !mine.loading && !mine.text ? (
        <Notice tone="info" title="No bodies logged for this request">
          Bodies are kept only while Request logs is on (Settings → Logging and history); with it off, only failed requests are kept. {mine.missing}
        </Notice>
      ) : null}
      {mine?.text
        ? logSections(mine.text).map((section) => (
            <details key={section.title} className="request-section" open={section.title === 'CLIENT REQUEST' || section.title === 'CLIENT RESPONSE'}>
              <summary>{section.title.toLowerCase().replace(/^./, (letter) => letter.toUpperCase())}</summary>
              <pre className="request-body">{section.body}</pre>
            </details>
          ))
        : null}
    </aside>
  );
}
