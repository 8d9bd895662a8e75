import { useId } from 'react';
import { Button, Icon, StatusPill } from '../../components/index.js';
import type { LogLevel, LogsState } from '../../stores/index.js';

const LEVELS: Array<{ value: LogLevel | 'all'; label: string }> = [
  { value: 'all', label: 'All levels' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
];

export function LogToolbar({ state }: { state: LogsState }) {
  const levelId = useId();
  const requestId = useId();
  const live = state.status === 'live';
  return (
    <div className="logs-toolbar">
      <div className="logs-filters">
        <div className="inline-field">
          <label htmlFor={levelId} className="visually-hidden">
            Level
          </label>
          <select id={levelId} className="input input-sm select" value={state.filters.level} onChange={(event) => state.setFilters({ level: event.target.value as LogLevel | 'all' })}>
            {LEVELS.map((level) => (
              <option key={level.value} value={level.value}>
                {level.label}
              </option>
            ))}
          </select>
        </div>
        <label className="search">
          <Icon name="search" size={15} />
          <input className="input input-sm" type="search" placeholder="Search text" aria-label="Search log text" value={state.filters.text} onChange={(event) => state.setFilters({ text: event.target.value })} />
        </label>
        <div className="inline-field">
          <label htmlFor={requestId} className="visually-hidden">
            Request id
          </label>
          <input
            id={requestId}
            className="input input-sm mono request-filter"
            type="search"
            placeholder="Request id"
            value={state.filters.requestId}
            onChange={(event) => state.setFilters({ requestId: event.target.value })}
          />
        </div>
      </div>
      <div className="logs-controls">
        {state.paused ? (
          <StatusPill tone="warn" label={state.held.length > 0 ? `Paused · ${state.held.length} new` : 'Paused'} />
        ) : live ? (
          <StatusPill tone="ok" label="Live" />
        ) : state.status === 'idle' ? (
          <StatusPill tone="muted" label="Stopped" />
        ) : (
          <StatusPill tone="warn" label={state.status === 'connecting' ? 'Connecting…' : 'Reconnecting…'} />
        )}
        {state.paused ? (
          <Button size="sm" variant="primary" icon="play" onClick={state.resume}>
            Resume
          </Button>
        ) : (
          <Button size="sm" icon="pause" onClick={state.pause}>
            Pause
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={state.clear}>
          Clear view
        </Button>
      </div>
    </div>
  );
}
