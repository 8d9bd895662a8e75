import { useTranslation } from 'react-i18next';
import type { ModelListsResponse } from '../../api/index.js';
import { Button, Card, EmptyState, StatusPill } from '../../components/index.js';
import { formatDuration, formatFromNow, formatRelative } from '../../format/index.js';

/** Per account: the last live model-list lookup (when, ok or the error, how many ids) and "Refresh now". */
export function LiveLists({ lists, error, now, busy, onRefresh }: {
  lists: ModelListsResponse | null;
  error: string | null;
  now: number;
  busy: Record<string, boolean>;
  onRefresh(credentialId?: string): void;
}) {
  const { t, i18n } = useTranslation('models');
  const language = i18n.language;
  const every = lists?.refreshEverySeconds ?? 0;
  return (
    <Card
      title={t('live.title')}
      description={
        every > 0
          ? t('live.descriptionEvery', { every: formatDuration(every, language) })
          : t('live.descriptionOff')
      }
      actions={
        lists && lists.lists.length > 0 ? (
          <Button size="sm" busy={busy['lists|*']} onClick={() => onRefresh()}>
            {t('live.refreshAll')}
          </Button>
        ) : undefined
      }
    >
      {error ? <p className="muted">{error}</p> : null}
      {lists === null && !error ? <p className="muted">{t('live.loading')}</p> : null}
      {lists && lists.lists.length === 0 ? (
        <EmptyState title={t('live.none')}>{t('live.noneHint')}</EmptyState>
      ) : null}
      {lists && lists.lists.length > 0 ? (
        <ul className="live-lists" aria-label={t('live.title')}>
          {lists.lists.map((list) => (
            <li key={list.credentialId} className="live-list" data-live-list={list.credentialId}>
              <div className="live-list-main">
                <strong>{list.label}</strong>
                <span className="small muted"> {list.group}</span>
                {list.running ? (
                  <StatusPill tone="info" label={t('live.asking')} />
                ) : list.checkedAt === null ? (
                  <StatusPill tone="muted" label={list.count > 0 ? t('live.fromLastRun', { count: list.count }) : t('live.notAsked')} />
                ) : list.ok ? (
                  <StatusPill tone="ok" label={t('live.listed', { count: list.count })} />
                ) : (
                  <StatusPill tone="error" label={t('live.failed')} />
                )}
              </div>
              <div className="small muted">
                {list.checkedAt ? t('live.lastLookup', { when: formatRelative(list.checkedAt, now, language) }) : t('live.noLookup')}
                {list.ok === false && list.okAt ? t('live.lastGood', { when: formatRelative(list.okAt, now, language), count: list.count }) : ''}
                {list.nextAt ? t('live.next', { when: Date.parse(list.nextAt) <= now ? t('live.dueNow') : formatFromNow(list.nextAt, now, language) }) : ''}
              </div>
              {list.error ? <div className="small live-list-error">{list.error}</div> : null}
              <Button size="sm" variant="ghost" busy={busy[`lists|${list.credentialId}`]} onClick={() => onRefresh(list.credentialId)} aria-label={t('live.refreshOne', { label: list.label })}>
                {t('live.refresh')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
