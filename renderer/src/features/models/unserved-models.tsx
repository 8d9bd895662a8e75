import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnservedModelView } from '../../api/index.js';
import { Button, Card, EmptyState } from '../../components/index.js';
import { formatRelative } from '../../format/index.js';

/** The served id most like `wanted` (same family prefix first), to preselect in "Map to…". */
export function nearestServed(wanted: string, served: readonly string[]): string {
  const family = wanted.split('-')[0];
  return served.find((id) => id.split('-')[0] === family) ?? served[0] ?? '';
}

/** Ids clients asked for in the last 24 h that got 404, with a one-click "Map to …" a served id. */
export function UnservedModels({ rows, error, served, now, busy, onMap }: {
  rows: UnservedModelView[] | null;
  error: string | null;
  served: string[];
  now: number;
  busy: Record<string, boolean>;
  onMap(from: string, to: string): void;
}) {
  const { t, i18n } = useTranslation('models');
  const [choice, setChoice] = useState<Record<string, string>>({});
  return (
    <Card
      title={t('unserved.title')}
      description={t('unserved.description')}
    >
      {error ? <p className="muted">{error}</p> : null}
      {rows === null && !error ? <p className="muted">{t('unserved.loading')}</p> : null}
      {rows && rows.length === 0 ? <EmptyState title={t('unserved.none')}>{t('unserved.noneHint')}</EmptyState> : null}
      {rows && rows.length > 0 ? (
        <ul className="unserved-list" aria-label={t('unserved.title')}>
          {rows.map((row) => {
            const target = choice[row.model] ?? nearestServed(row.model, served);
            return (
              <li key={row.model} className="unserved" data-unserved={row.model}>
                <div className="unserved-main">
                  <span className="mono">{row.model}</span>
                  <span className="small muted">
                    {' '}
                    {t('unserved.requests', { count: row.count, when: formatRelative(row.lastAt, now, i18n.language), keys: row.clientKeys.join(', ') || t('unserved.noKey') })}
                  </span>
                </div>
                <div className="unserved-map">
                  <label className="small" htmlFor={`map-${row.model}`}>
                    {t('unserved.mapTo')}
                  </label>
                  <select id={`map-${row.model}`} className="input input-sm" value={target} onChange={(event) => setChoice({ ...choice, [row.model]: event.target.value })} aria-label={t('unserved.pick', { model: row.model })}>
                    {served.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                  <Button size="sm" variant="primary" disabled={!target} busy={busy[`map|${row.model}`]} onClick={() => onMap(row.model, target)}>
                    {t('unserved.mapToModel', { model: target || '…' })}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Card>
  );
}
