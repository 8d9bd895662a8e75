import { EmptyState, StatusPill } from '../../components/index.js';
import { formatDuration } from '../../format/index.js';
import type { AccountRow } from '../../stores/index.js';

export function AttentionList({ rows, total, error, now }: { rows: AccountRow[]; total: number | null; error: string | null; now: number }) {
  if (total === null) return <p className="muted">{error ?? 'Loading accounts…'}</p>;
  if (total === 0) {
    return (
      <EmptyState icon="accounts" title="No accounts yet" action={<a className="button button-primary button-sm" href="#/accounts">Add an account</a>}>
        Paste an API key on the Accounts page to start serving models.
      </EmptyState>
    );
  }
  if (rows.length === 0) return <EmptyState icon="check" title={`All ${total} account${total === 1 ? ' is' : 's are'} ready`}>Requests are spread over every enabled account.</EmptyState>;
  return (
    <ul className="attention-list">
      {rows.slice(0, 6).map((row) => (
        <li key={row.id} className="attention-item">
          <div className="attention-main">
            <span className="attention-label">{row.label}</span>
            <span className="muted small">{row.providerLabel}</span>
          </div>
          <div className="attention-state">
            <StatusPill state={row.state} label={row.state === 'cooling' && row.coolingUntil ? `Cooling · ${formatDuration((row.coolingUntil - now) / 1000)} left` : undefined} />
            {row.detail ? <span className="small muted attention-detail">{row.detail}</span> : null}
          </div>
        </li>
      ))}
      {rows.length > 6 ? <li className="muted small">and {rows.length - 6} more on the Accounts page</li> : null}
    </ul>
  );
}
