import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntryView } from '../../api/index.js';
import { Button, Icon, StatusPill } from '../../components/index.js';
import { formatDateTime, formatLogTime } from '../../format/index.js';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** Every field of one log entry. */
export function LogDetail({ entry, onClose, onFilterRequest }: { entry: LogEntryView; onClose(): void; onFilterRequest(requestId: string): void }) {
  const { t } = useTranslation('logs');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [entry.seq]);
  const fields = Object.entries(entry.fields ?? {});
  return (
    <aside className="log-detail" aria-label={t('detail.label')}>
      <div className="log-detail-header">
        <h2 ref={heading} tabIndex={-1}>
          {t('detail.title', { seq: entry.seq })}
        </h2>
        <button type="button" className="icon-button" aria-label={t('detail.close')} onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <dl className="detail-list">
        <div>
          <dt>{t('detail.time')}</dt>
          <dd>
            {formatDateTime(entry.time)} <span className="muted">({formatLogTime(entry.time)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('detail.level')}</dt>
          <dd>
            <StatusPill state={entry.level} />
          </dd>
        </div>
        <div>
          <dt>{t('detail.message')}</dt>
          <dd className="detail-message">{entry.message}</dd>
        </div>
        {entry.requestId ? (
          <div>
            <dt>{t('detail.requestId')}</dt>
            <dd>
              <span className="mono">{entry.requestId}</span>{' '}
              <Button size="sm" variant="ghost" onClick={() => onFilterRequest(entry.requestId!)}>
                {t('detail.onlyThis')}
              </Button>
            </dd>
          </div>
        ) : null}
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt className="mono">{name}</dt>
            <dd>
              <pre className="detail-value">{show(value)}</pre>
            </dd>
          </div>
        ))}
      </dl>
      {fields.length === 0 ? <p className="small muted">{t('detail.noFields')}</p> : null}
    </aside>
  );
}
