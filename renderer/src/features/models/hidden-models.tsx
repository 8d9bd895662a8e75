import { useTranslation } from 'react-i18next';
import type { ProviderEntry, ProviderListKey } from '../../api/index.js';
import { Button, Card, EmptyState } from '../../components/index.js';
import { providerName } from '../../format/index.js';

/** Every `excluded-models` pattern per key entry, each with a way back. */
export function HiddenModels({ lists, error, busy, onUnhide }: {
  lists: Record<ProviderListKey, ProviderEntry[]> | null;
  error: string | null;
  busy: Record<string, boolean>;
  onUnhide(list: ProviderListKey, index: number, pattern: string): void;
}) {
  const { t } = useTranslation('models');
  const hidden = lists
    ? (Object.entries(lists) as Array<[ProviderListKey, ProviderEntry[]]>).flatMap(([list, entries]) =>
        entries.filter((entry) => (entry['excluded-models'] ?? []).length > 0).map((entry) => ({ list, entry })),
      )
    : [];
  return (
    <Card title={t('hidden.title')} description={t('hidden.description')}>
      {error ? <p className="muted">{error}</p> : null}
      {lists === null && !error ? <p className="muted">{t('hidden.loading')}</p> : null}
      {lists && hidden.length === 0 ? <EmptyState title={t('hidden.none')}>{t('hidden.noneHint')}</EmptyState> : null}
      {hidden.length > 0 ? (
        <ul className="hidden-list">
          {hidden.map(({ list, entry }) => (
            <li key={`${list}-${entry.index}`} className="hidden-entry">
              <div className="hidden-entry-label">
                <strong>{entry.name ?? providerName(list)}</strong>
                <span className="small muted">
                  {' '}
                  {list} #{entry.index + 1}
                  {entry['api-key'] ? ` · ${entry['api-key']}` : ''}
                </span>
              </div>
              <ul className="chip-list">
                {(entry['excluded-models'] ?? []).map((pattern) => (
                  <li key={pattern} className="chip chip-action">
                    <span className="mono">{pattern}</span>
                    <Button size="sm" variant="ghost" busy={busy[`${list}|${entry.index}|${pattern}`]} onClick={() => onUnhide(list, entry.index, pattern)} aria-label={t('hidden.showAgain', { pattern })}>
                      {t('hidden.show')}
                    </Button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
