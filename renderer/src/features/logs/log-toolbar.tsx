import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon, StatusPill } from '../../components/index.js';
import type { LogLevel, LogsState } from '../../stores/index.js';

const LEVELS: Array<LogLevel | 'all'> = ['all', 'info', 'warn', 'error'];

export function LogToolbar({ state }: { state: LogsState }) {
  const { t } = useTranslation('logs');
  const levelId = useId();
  const requestId = useId();
  const live = state.status === 'live';
  return (
    <div className="logs-toolbar">
      <div className="logs-filters">
        <div className="inline-field">
          <label htmlFor={levelId} className="visually-hidden">
            {t('level.label')}
          </label>
          <select id={levelId} className="input input-sm select" value={state.filters.level} onChange={(event) => state.setFilters({ level: event.target.value as LogLevel | 'all' })}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`level.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="search">
          <Icon name="search" size={15} />
          <input className="input input-sm" type="search" placeholder={t('search')} aria-label={t('searchLabel')} value={state.filters.text} onChange={(event) => state.setFilters({ text: event.target.value })} />
        </label>
        <div className="inline-field">
          <label htmlFor={requestId} className="visually-hidden">
            {t('requestId')}
          </label>
          <input
            id={requestId}
            className="input input-sm mono request-filter"
            type="search"
            placeholder={t('requestId')}
            value={state.filters.requestId}
            onChange={(event) => state.setFilters({ requestId: event.target.value })}
          />
        </div>
      </div>
      <div className="logs-controls">
        {state.paused ? (
          <StatusPill tone="warn" label={state.held.length > 0 ? t('pausedNew', { count: state.held.length }) : t('paused')} />
        ) : live ? (
          <StatusPill tone="ok" label={t('live')} />
        ) : state.status === 'idle' ? (
          <StatusPill tone="muted" label={t('stopped')} />
        ) : (
          <StatusPill tone="warn" label={state.status === 'connecting' ? t('connectingShort') : t('reconnecting')} />
        )}
        {state.paused ? (
          <Button size="sm" variant="primary" icon="play" onClick={state.resume}>
            {t('resume')}
          </Button>
        ) : (
          <Button size="sm" icon="pause" onClick={state.pause}>
            {t('pause')}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={state.clear}>
          {t('clear')}
        </Button>
      </div>
    </div>
  );
}
