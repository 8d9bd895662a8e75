import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
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

const SECTION_KEYS: Record<string, string> = {
  'CLIENT REQUEST': 'detail.section.clientRequest',
  'CLIENT RESPONSE': 'detail.section.clientResponse',
  'REQUEST INFO': 'detail.section.requestInfo',
  'UPSTREAM REQUEST': 'detail.section.upstreamRequest',
  'UPSTREAM RESPONSE': 'detail.section.upstreamResponse',
};

/** A section title in the dashboard's language: "UPSTREAM REQUEST 1 (account)" → "Upstream request 1 (account)". */
export function sectionTitle(title: string, t: TFunction<'requests'>): string {
  const match = /^(CLIENT REQUEST|CLIENT RESPONSE|REQUEST INFO|UPSTREAM REQUEST|UPSTREAM RESPONSE)(.*)$/.exec(title);
  if (!match) return title.toLowerCase().replace(/^./, (letter) => letter.toUpperCase());
  return `${t(SECTION_KEYS[match[1]])}${match[2]}`;
}

/** One request: the accounts tried, its logged bodies (when capture was on) and "send again". */
export function RequestDetail({ row, store }: { row: UsageRecordView; store: RequestsStore }) {
  const { t } = useTranslation('requests');
  const { bodies, replay } = useStore(store);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.requestId]);
  const mine = bodies?.requestId === row.requestId ? bodies : null;
  const replayed = replay?.requestId === row.requestId ? replay : null;
  return (
    <aside className="log-detail request-detail" aria-label={t('detail.label')}>
      <div className="log-detail-header">
        <h2 ref={heading} tabIndex={-1}>
          <Trans t={t} i18nKey="detail.title" values={{ id: row.requestId }} components={{ mono: <span className="mono" /> }} />
        </h2>
        <button type="button" className="icon-button" aria-label={t('detail.close')} onClick={() => void store.getState().select(null)}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <dl className="detail-list">
        <div>
          <dt>{t('detail.time')}</dt>
          <dd>{formatDateTime(row.time)}</dd>
        </div>
        <div>
          <dt>{t('detail.status')}</dt>
          <dd>
            <StatusPill tone={row.status < 400 ? 'ok' : 'error'} label={String(row.status)} /> {row.error ? <span className="detail-message">{row.error}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('detail.latency')}</dt>
          <dd>
            {formatMs(row.latencyMs)} · {row.ttfbMs === null || row.ttfbMs === undefined ? '—' : formatMs(row.ttfbMs)}
          </dd>
        </div>
        {row.routeNote ? (
          <div>
            <dt>{t('detail.routing')}</dt>
            <dd>{row.routeNote}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('detail.accounts')}</dt>
          <dd>
            {(row.tried ?? []).length === 0 ? (
              <span className="muted">{row.credentialLabel || t('detail.noneTried')}</span>
            ) : (
              <ol className="tried-list">
                {(row.tried ?? []).map((entry, index) => (
                  <li key={`${entry.credentialId}-${index}`}>
                    <StatusPill tone={entry.outcome === 'served' ? 'ok' : entry.outcome === 'cooling' ? 'muted' : 'error'} label={entry.outcome === 'served' ? t('detail.answered') : entry.outcome === 'cooling' ? t('detail.skipped') : entry.status ? t('detail.failedStatus', { status: entry.status }) : t('detail.failed')} />{' '}
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
          {t('detail.replay')}
        </Button>
      </div>
      {replayed?.error ? <Notice tone="error" title={t('detail.replayFailed')}>{replayed.error}</Notice> : null}
      {replayed?.result ? (
        <section className="replay-result" aria-label={t('detail.replayResult')}>
          <h3>
            <Trans t={t} i18nKey="detail.replayed" values={{ latency: formatMs(replayed.result.latencyMs) }} components={{ pill: <StatusPill tone={replayed.result.status < 400 ? 'ok' : 'error'} label={String(replayed.result.status)} /> }} />
            {replayed.result.requestId ? <span className="mono small">{t('detail.newRequest', { id: replayed.result.requestId })}</span> : null}
          </h3>
          <pre className="request-body">{replayed.result.body}</pre>
        </section>
      ) : null}
      {mine?.loading ? <p className="muted small">{t('detail.loadingBodies')}</p> : null}
      {mine && !mine.loading && !mine.text ? (
        <Notice tone="info" title={t('detail.noBodies')}>
          {t('detail.noBodiesText')} {mine.missing}
        </Notice>
      ) : null}
      {mine?.text
        ? logSections(mine.text).map((section) => (
            <details key={section.title} className="request-section" open={section.title === 'CLIENT REQUEST' || section.title === 'CLIENT RESPONSE'}>
              <summary>{sectionTitle(section.title, t)}</summary>
              <pre className="request-body">{section.body}</pre>
            </details>
          ))
        : null}
    </aside>
  );
}
