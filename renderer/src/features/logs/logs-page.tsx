import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Card, EmptyState, Notice, PageHeader } from '../../components/index.js';
import { matchesText } from '../../stores/index.js';
import { LogDetail } from './log-detail.js';
import { LogList } from './log-list.js';
import { LogToolbar } from './log-toolbar.js';

const SHOWN = 500;

export function LogsPage() {
  const model = useModel();
  const state = useStore(model.logs);
  const { t } = useTranslation('logs');
  useEffect(() => {
    model.logs.getState().start();
    return () => model.logs.getState().stop();
  }, [model.logs]);

  const filtered = state.entries.filter((entry) => matchesText(entry, state.filters.text));
  const newestFirst = filtered.slice(-SHOWN).reverse();
  const selected = state.selectedSeq === null ? null : (state.entries.find((entry) => entry.seq === state.selectedSeq) ?? null);
  const filtering = state.filters.text.trim() !== '' || state.filters.requestId.trim() !== '' || state.filters.level !== 'all';

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card className="logs-card">
        <LogToolbar state={state} />
        {state.error ? <Notice tone="warn" title={t('interrupted')}>{state.error}</Notice> : null}
        <div className={`logs-layout${selected ? ' logs-layout-split' : ''}`}>
          <div className="logs-list-wrap">
            {newestFirst.length === 0 ? (
              state.status === 'connecting' ? (
                <p className="muted logs-empty">{t('connecting')}</p>
              ) : (
                <EmptyState icon="logs" title={filtering ? t('noMatch') : t('noLines')}>
                  {filtering ? t('noMatchHint') : t('noLinesHint')}
                </EmptyState>
              )
            ) : (
              <LogList entries={newestFirst} selectedSeq={state.selectedSeq} onSelect={state.select} />
            )}
            {filtered.length > SHOWN ? <p className="small muted logs-more">{t('showing', { shown: SHOWN, total: filtered.length })}</p> : null}
          </div>
          {selected ? <LogDetail entry={selected} onClose={() => state.select(null)} onFilterRequest={(requestId) => state.setFilters({ requestId })} /> : null}
        </div>
      </Card>
    </>
  );
}
