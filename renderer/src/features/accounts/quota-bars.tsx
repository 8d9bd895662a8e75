import type { AccountQuotaView } from '../../api/index.js';
import { formatFromNow, formatMoment } from '../../format/index.js';
import { quotaBars, quotaSource } from '../../stores/index.js';

/** One bar per quota bucket: share left, reset time, amber below 20 %, red when used up. */
export function QuotaBars({ quota, now, label }: { quota: AccountQuotaView; now: number; label: string }) {
  const bars = quotaBars(quota);
  const source = quotaSource(quota, now);
  return (
    <div className="quota">
      {bars.length > 0 ? (
        <ul className="quota-list" aria-label={`Quota of ${label}`}>
          {bars.map((bar) => {
            const reset = bar.resetsAt ? `resets ${formatMoment(bar.resetsAt, now)}` : null;
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
                      {reset} ({formatFromNow(bar.resetsAt, now)})
                    </time>
                  ) : (
                    <span>No reset time given</span>
                  )}
                  {bar.models.length > 0 ? <span className="quota-models" title={bar.models.join(', ')}> · {bar.models.length === 1 ? bar.models[0] : `${bar.models.length} models`}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="small muted quota-empty">{quota.error ? null : 'No quota reading yet. “Refresh quota” asks the vendor now.'}</p>
      )}
      {quota.error ? <p className="small quota-error">{quota.error}</p> : null}
      {source ? <p className="small muted quota-source">{source}</p> : null}
    </div>
  );
}
