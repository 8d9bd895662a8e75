import { useTranslation } from 'react-i18next';
import type { LogEntryView } from '../../api/index.js';
import { EmptyState, StatusPill } from '../../components/index.js';
import { formatRelative } from '../../format/index.js';
import { explainLogEntry } from './explain-log-entry.js';

export function RecentProblems({ entries, error, now }: { entries: LogEntryView[] | null; error: string | null; now: number }) {
  const { t, i18n } = useTranslation('overview');
  if (entries === null) return <p className="muted">{error ?? t('problems.loading')}</p>;
  if (entries.length === 0) return <EmptyState icon="check" title={t('problems.none')}>{t('problems.noneHint')}</EmptyState>;
  return (
    <ul className="problem-list">
      {entries.slice(0, 6).map((entry) => {
        const explained = explainLogEntry(entry);
        return (
          <li key={entry.seq} className="problem-item">
            <StatusPill state={entry.level} />
            <div className="problem-body">
              <div className="problem-title">{explained.title}</div>
              {explained.detail ? <div className="small muted problem-detail">{explained.detail}</div> : null}
            </div>
            <time className="small muted nowrap" dateTime={new Date(entry.time).toISOString()}>
              {formatRelative(entry.time, now, i18n.language)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
