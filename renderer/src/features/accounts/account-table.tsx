import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t, i18n } = useTranslation('accounts');
  return (
    <div className="table-wrap">
      <table className="table accounts-table">
        <thead>
          <tr>
            <th scope="col">{t('table.account')}</th>
            <th scope="col">{t('table.state')}</th>
            <th scope="col" className="numeric">
              {t('table.models')}
            </th>
            <th scope="col">{t('table.lastUsed')}</th>
            <th scope="col">{t('table.enabled')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('table.actions')}</span>
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
                      {row.providerLabel} · {t(`table.kind.${row.kind}`)} · <span title={row.source}>{row.source}</span>
                    </div>
                  </div>
                </div>
              </td>
              <td className="state-cell">
                <StatusPill state={row.state} label={row.state === 'cooling' && row.coolingUntil ? t('table.coolingLeft', { duration: formatDuration(Math.max(0, row.coolingUntil - now) / 1000, i18n.language) }) : undefined} />
                {row.detail ? <div className="small muted state-detail">{row.detail}</div> : null}
              </td>
              <td className="numeric">{row.kind === 'file' ? '—' : row.models}</td>
              <td className="nowrap">{row.lastUsed ? <time dateTime={new Date(row.lastUsed).toISOString()}>{formatRelative(row.lastUsed, now, i18n.language)}</time> : <span className="muted">{t('table.never')}</span>}</td>
              <td>
                {row.toggle ? (
                  <Switch checked={row.enabled} disabled={busy[row.id]} label={t(row.enabled ? 'table.disable' : 'table.enable', { label: row.label })} onChange={(checked) => actions.setEnabled(row, checked)} />
                ) : (
                  <span className="muted small">—</span>
                )}
              </td>
              <td className="actions-cell">
                <div className="actions-inner">
                  {row.state === 'cooling' ? (
                    <Button size="sm" icon="refresh" disabled={busy[row.id]} onClick={() => actions.clearCooldown(row.id)}>
                      {t('table.clearCooldown')}
                    </Button>
                  ) : null}
                  {row.removal ? (
                    <ConfirmButton
                      label={row.removal.type === 'auth-file' ? t('table.delete') : t('table.remove')}
                      confirmLabel={row.removal.type === 'auth-file' ? t('table.deleteFile') : t('table.remove')}
                      question={
                        row.removal.type === 'auth-file'
                          ? t('table.deleteQuestion', { name: row.removal.name })
                          : row.removal.wholeProvider
                            ? t('table.removeProvider', { name: row.removal.name })
                            : t('table.removeKey')
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
