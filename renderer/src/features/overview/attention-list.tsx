import { useTranslation } from 'react-i18next';
import { Button, EmptyState, StatusPill } from '../../components/index.js';
import { formatDuration } from '../../format/index.js';
import type { AccountRow } from '../../stores/index.js';

/** Sorts what blocks requests first: a new login, a failing refresh, used-up quota, then the rest. */
const ORDER: Record<string, number> = { 'needs-relogin': 0, 'refresh-failing': 1, exhausted: 2, invalid: 3, cooling: 4, unsupported: 5, disabled: 6 };

export function AttentionList({ rows, total, error, now, onRelogin }: { rows: AccountRow[]; total: number | null; error: string | null; now: number; onRelogin?(row: AccountRow): void }) {
  const { t, i18n } = useTranslation('overview');
  if (total === null) return <p className="muted">{error ?? t('attention.loading')}</p>;
  if (total === 0) {
    return (
      <EmptyState icon="accounts" title={t('attention.none')} action={<a className="button button-primary button-sm" href="#/accounts">{t('attention.add')}</a>}>
        {t('attention.addHint')}
      </EmptyState>
    );
  }
  if (rows.length === 0) return <EmptyState icon="check" title={t('attention.allReady', { count: total })}>{t('attention.spread')}</EmptyState>;
  const sorted = rows.slice().sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9));
  return (
    <ul className="attention-list">
      {sorted.slice(0, 6).map((row) => (
        <li key={row.id} className="attention-item">
          <div className="attention-main">
            <span className="attention-label">{breakableEmail(row.label)}</span>
            <span className="muted small">{row.providerLabel}</span>
          </div>
          <div className="attention-state">
            <StatusPill state={row.state} label={row.state === 'cooling' && row.coolingUntil ? t('attention.coolingLeft', { duration: formatDuration((row.coolingUntil - now) / 1000, i18n.language) }) : undefined} />
            {row.detail ? <span className="small muted attention-detail">{row.detail}</span> : null}
            {row.relogin && onRelogin ? (
              <Button size="sm" variant="primary" icon="refresh" aria-label={t('attention.reloginAs', { label: row.relogin.label })} onClick={() => onRelogin(row)}>
                {t('attention.relogin')}
              </Button>
            ) : null}
          </div>
        </li>
      ))}
      {rows.length > 6 ? <li className="muted small">{t('attention.more', { count: rows.length - 6 })}</li> : null}
    </ul>
  );
}

/** An e-mail address breaks before the "@" in a narrow column, not in the middle of the domain. */
function breakableEmail(label: string) {
  const at = label.indexOf('@');
  if (at <= 0) return label;
  return (
    <>
      {label.slice(0, at)}
      <wbr />
      {label.slice(at)}
    </>
  );
}
