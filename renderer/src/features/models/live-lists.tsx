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
  const every = lists?.refreshEverySeconds ?? 0;
  return (
    <Card
      title="Live model lists"
      description={
        every > 0
          ? `Each account asks its upstream which models it serves when it is added and about every ${formatDuration(every)}. A failed lookup keeps the last list.`
          : 'Each account asks its upstream which models it serves when it is added; periodic lookups are off (model-list-refresh: 0).'
      }
      actions={
        lists && lists.lists.length > 0 ? (
          <Button size="sm" busy={busy['lists|*']} onClick={() => onRefresh()}>
            Refresh all now
          </Button>
        ) : undefined
      }
    >
      {error ? <p className="muted">{error}</p> : null}
      {lists === null && !error ? <p className="muted">Loading…</p> : null}
      {lists && lists.lists.length === 0 ? (
        <EmptyState title="No account has a live list">Accounts and keys without a models: list ask their upstream for one; entries with their own models: list serve exactly that list.</EmptyState>
      ) : null}
      {lists && lists.lists.length > 0 ? (
        <ul className="live-lists" aria-label="Live model lists">
          {lists.lists.map((list) => (
            <li key={list.credentialId} className="live-list" data-live-list={list.credentialId}>
              <div className="live-list-main">
                <strong>{list.label}</strong>
                <span className="small muted"> {list.group}</span>
                {list.running ? (
                  <StatusPill tone="info" label="Asking…" />
                ) : list.checkedAt === null ? (
                  <StatusPill tone="muted" label={list.count > 0 ? `${list.count} model${list.count === 1 ? '' : 's'} from the last run` : 'Not asked yet'} />
                ) : list.ok ? (
                  <StatusPill tone="ok" label={`${list.count} model${list.count === 1 ? '' : 's'} listed`} />
                ) : (
                  <StatusPill tone="error" label="Lookup failed" />
                )}
              </div>
              <div className="small muted">
                {list.checkedAt ? `Last lookup ${formatRelative(list.checkedAt, now)}` : 'No lookup yet'}
                {list.ok === false && list.okAt ? ` · last good list ${formatRelative(list.okAt, now)} (${list.count} kept)` : ''}
                {list.nextAt ? ` · next ${Date.parse(list.nextAt) <= now ? 'due now' : formatFromNow(list.nextAt, now)}` : ''}
              </div>
              {list.error ? <div className="small live-list-error">{list.error}</div> : null}
              <Button size="sm" variant="ghost" busy={busy[`lists|${list.credentialId}`]} onClick={() => onRefresh(list.credentialId)} aria-label={`Refresh the model list of ${list.label} now`}>
                Refresh now
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
