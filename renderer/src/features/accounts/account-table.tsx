import { useEffect, useRef } from 'react';
import { Button, ConfirmButton, StatusPill, Switch } from '../../components/index.js';
import { formatDuration, formatRelative } from '../../format/index.js';
import type { AccountRow } from '../../stores/index.js';

export interface AccountActions {
  setEnabled(row: AccountRow, enabled: boolean): void;
  clearCooldown(id: string): void;
  remove(row: AccountRow): void;
}

export function AccountTable({ rows, busy, now, actions, added = [] }: { rows: AccountRow[]; busy: Record<string, boolean>; now: number; actions: AccountActions; added?: readonly string[] }) {
  const firstAdded = useRef<HTMLTableRowElement | null>(null);
  const addedKey = added.join(' ');
  useEffect(() => {
    // A row just added is brought to the middle of the window, clear of the success toast in the corner.
    firstAdded.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [addedKey]);
  const firstAddedId = rows.find((row) => added.includes(row.id))?.id;
  return (
    <div className="table-wrap">
      <table className="table accounts-table">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">Models</th>
            <th scope="col">Last used</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-account={row.id}
              className={added.includes(row.id) ? 'row-added' : undefined}
              ref={row.id === firstAddedId ? firstAdded : undefined}
            >
              <td>
                <div className="account-cell">
                  <span className={`provider-badge provider-${badgeClass(row.providerLabel)}`} aria-hidden="true">
                    {row.providerLabel.slice(0, 1).toUpperCase()}
                  </span>
                  <div>
                    <div className="account-label">{row.label}</div>
                    <div className="small muted">
                      {row.providerLabel} · {row.kind === 'oauth' ? 'subscription' : row.kind === 'api-key' ? 'API key' : 'file'} · <span title={row.source}>{row.source}</span>
                    </div>
                  </div>
                </div>
              </td>
              <td className="state-cell">
                <StatusPill state={row.state} label={row.state === 'cooling' && row.coolingUntil ? `Cooling · ${formatDuration(Math.max(0, row.coolingUntil - now) / 1000)} left` : undefined} />
                {row.detail ? <div className="small muted state-detail">{row.detail}</div> : null}
              </td>
              <td className="numeric">{row.kind === 'file' ? '—' : row.models}</td>
              <td className="nowrap">{row.lastUsed ? <time dateTime={new Date(row.lastUsed).toISOString()}>{formatRelative(row.lastUsed, now)}</time> : <span className="muted">Never</span>}</td>
              <td>
                {row.toggle ? (
                  <Switch checked={row.enabled} disabled={busy[row.id]} label={`${row.enabled ? 'Disable' : 'Enable'} ${row.label}`} onChange={(checked) => actions.setEnabled(row, checked)} />
                ) : (
                  <span className="muted small">—</span>
                )}
              </td>
              <td className="actions-cell">
                <div className="actions-inner">
                  {row.state === 'cooling' ? (
                    <Button size="sm" icon="refresh" disabled={busy[row.id]} onClick={() => actions.clearCooldown(row.id)}>
                      Clear cooldown
                    </Button>
                  ) : null}
                  {row.removal ? (
                    <ConfirmButton
                      label={row.removal.type === 'auth-file' ? 'Delete' : 'Remove'}
                      confirmLabel={row.removal.type === 'auth-file' ? 'Delete file' : 'Remove'}
                      question={
                        row.removal.type === 'auth-file'
                          ? `Delete ${row.removal.name}?`
                          : row.removal.wholeProvider
                            ? `Remove provider ${row.removal.name} and all its keys?`
                            : 'Remove this key from config.yaml?'
                      }
                      busy={busy[row.id]}
                      onConfirm={() => actions.remove(row)}
                    />
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function badgeClass(label: string): string {
  const lower = label.toLowerCase();
  if (lower.includes('claude')) return 'claude';
  if (lower.includes('gemini') || lower.includes('antigravity')) return 'gemini';
  if (lower.includes('openai') || lower.includes('codex')) return 'openai';
  return 'other';
}
