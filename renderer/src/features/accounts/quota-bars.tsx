import { useTranslation } from 'react-i18next';
import type { AccountQuotaView } from '../../api/index.js';
import { formatFromNow, formatMoment } from '../../format/index.js';
import { useAccountWords } from '../../i18n/index.js';
import { quotaBars, quotaSource } from '../../stores/index.js';

/** One bar per quota bucket: share left, reset time, amber below 20 %, red when used up. */
export function QuotaBars({ quota, now, label }: { quota: AccountQuotaView; now: number; label: string }) {
  const { t, i18n } = useTranslation('accounts');
  const words = useAccountWords();
  const bars = quotaBars(quota, words);
  const source = quotaSource(quota, now, words);
  return (
    <div className="quota">
      {bars.length > 0 ? (
        <ul className="quota-list" aria-label={t('quota.of', { label })}>
          {bars.map((bar) => {
            const reset = bar.resetsAt ? t('quota.resets', { moment: formatMoment(bar.resetsAt, now, i18n.language) }) : null;
            return (
              <li key={bar.id} className={`quota-item quota-${bar.level}`} data-bucket={bar.id}>
                <div className="quota-head">
                  <span className="quota-label">{bar.label}</span>
                  <span className="quota-value">{bar.text}</span>
                </div>
                <div
                  className="quota-track"
                  role="meter"
                  aria-label={bar.label}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={bar.percent ?? undefined}
                  aria-valuetext={[bar.text, reset].filter(Boolean).join(', ')}
                >
                  <span className="quota-fill" style={{ width: `${bar.percent ?? 0}%` }} />
                </div>
                <div className="quota-foot small muted">
                  {reset && bar.resetsAt ? (
                    <time dateTime={new Date(bar.resetsAt).toISOString()} title={new Date(bar.resetsAt).toLocaleString()}>
                      {reset} ({formatFromNow(bar.resetsAt, now, i18n.language)})
                    </time>
                  ) : (
                    <span>{t('quota.noReset')}</span>
                  )}
                  {bar.models.length > 0 ? <span className="quota-models" title={bar.models.join(', ')}> · {bar.models.length === 1 ? bar.models[0] : t('quota.models', { count: bar.models.length })}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="small muted quota-empty">{quota.error ? null : t('quota.none')}</p>
      )}
      {quota.error ? <p className="small quota-error">{quota.error}</p> : null}
      {source ? <p className="small muted quota-source">{source}</p> : null}
    </div>
  );
}
