import { useEffect } from 'react';
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
      <PageHeader title="Logs" description="The proxy's log as it happens. Secrets are removed before lines leave the proxy." />
      <Card className="logs-card">
        <LogToolbar state={state} />
        {state.error ? <Notice tone="warn" title="Live tail interrupted">{state.error}</Notice> : null}
        <div className={`logs-layout${selected ? ' logs-layout-split' : ''}`}>
          <div className="logs-list-wrap">
            {newestFirst.length === 0 ? (
              state.status === 'connecting' ? (
                <p className="muted logs-empty">Connecting to the log stream…</p>
              ) : (
                <EmptyState icon="logs" title={filtering ? 'No log line matches the filters' : 'No log lines yet'}>
                  {filtering ? 'Clear the filters, or wait: new lines appear here as they happen.' : 'Send a request through the proxy and its line appears here live.'}
                </EmptyState>
              )
            ) : (
              <LogList entries={newestFirst} selectedSeq={state.selectedSeq} onSelect={state.select} />
            )}
            {filtered.length > SHOWN ? <p className="small muted logs-more">Showing the newest {SHOWN} of {filtered.length} lines.</p> : null}
          </div>
          {selected ? <LogDetail entry={selected} onClose={() => state.select(null)} onFilterRequest={(requestId) => state.setFilters({ requestId })} /> : null}
        </div>
      </Card>
    </>
  );
}
