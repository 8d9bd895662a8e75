import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons.js';

/** An inline message: errors keep the last good data on screen, so this sits above it. */
export function Notice({ tone, title, children, action }: { tone: 'error' | 'warn' | 'info' | 'success'; title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  const icon: IconName = tone === 'info' ? 'info' : tone === 'success' ? 'check' : 'alert';
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={icon} className="notice-icon" />
      <div className="notice-body">
        {title ? <strong className="notice-title">{title}</strong> : null}
        {children ? <div className="notice-text">{children}</div> : null}
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

export function EmptyState({ icon, title, children, action }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      {icon ? (
        <div className="empty-icon">
          <Icon name={icon} size={22} />
        </div>
      ) : null}
      <div className="empty-title">{title}</div>
      {children ? <div className="empty-text">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

/** A block placeholder while the first answer is on its way. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading">
      <Spinner label={label} />
      <span>{label}</span>
    </div>
  );
}
