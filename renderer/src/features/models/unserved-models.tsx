import { useState } from 'react';
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
  const [choice, setChoice] = useState<Record<string, string>>({});
  return (
    <Card
      title="Requested but not served"
      description="Models your tools asked for in the last 24 hours that no enabled account serves (they got 404). Log in to or add a key for that vendor, or map the id to a model you have."
    >
      {error ? <p className="muted">{error}</p> : null}
      {rows === null && !error ? <p className="muted">Loading…</p> : null}
      {rows && rows.length === 0 ? <EmptyState title="Every requested model was served">No request got “model not found” in the last 24 hours.</EmptyState> : null}
      {rows && rows.length > 0 ? (
        <ul className="unserved-list" aria-label="Requested but not served">
          {rows.map((row) => {
            const target = choice[row.model] ?? nearestServed(row.model, served);
            return (
              <li key={row.model} className="unserved" data-unserved={row.model}>
                <div className="unserved-main">
                  <span className="mono">{row.model}</span>
                  <span className="small muted">
                    {' '}
                    {row.count} request{row.count === 1 ? '' : 's'} · last {formatRelative(row.lastAt, now)} · by {row.clientKeys.join(', ') || 'no key'}
                  </span>
                </div>
                <div className="unserved-map">
                  <label className="small" htmlFor={`map-${row.model}`}>
                    Map to
                  </label>
                  <select id={`map-${row.model}`} className="input input-sm" value={target} onChange={(event) => setChoice({ ...choice, [row.model]: event.target.value })} aria-label={`Model to serve ${row.model} with`}>
                    {served.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                  <Button size="sm" variant="primary" disabled={!target} busy={busy[`map|${row.model}`]} onClick={() => onMap(row.model, target)}>
                    Map to {target || '…'}
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
