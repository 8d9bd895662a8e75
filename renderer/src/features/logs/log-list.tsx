import { useTranslation } from 'react-i18next';
import type { LogEntryView } from '../../api/index.js';
import { StatusPill } from '../../components/index.js';
import { formatLogTime } from '../../format/index.js';

export function LogList({ entries, selectedSeq, onSelect }: { entries: LogEntryView[]; selectedSeq: number | null; onSelect(seq: number): void }) {
  const { t } = useTranslation('logs');
  return (
    <ol className="log-list" aria-label={t('list')}>
      {entries.map((entry) => (
        <li key={entry.seq}>
          <button
            type="button"
            className={`log-row log-${entry.level}${entry.seq === selectedSeq ? ' log-row-selected' : ''}`}
            aria-pressed={entry.seq === selectedSeq}
            onClick={() => onSelect(entry.seq)}
          >
            <time className="log-time mono" dateTime={new Date(entry.time).toISOString()}>
              {formatLogTime(entry.time)}
            </time>
            <StatusPill state={entry.level} />
            <span className="log-message">{entry.message}</span>
            {entry.requestId ? <span className="log-request mono">{entry.requestId.slice(0, 12)}</span> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}
