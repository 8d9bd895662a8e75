import { useEffect, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './icons.js';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
  icon?: IconName;
  busy?: boolean;
};

export function Button({ variant = 'secondary', size = 'md', icon, busy, children, className, type = 'button', disabled, ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, size === 'sm' ? 'button-sm' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="spinner spinner-inline" aria-hidden="true" /> : icon ? <Icon name={icon} size={16} /> : null}
      {children}
    </button>
  );
}

/** An accessible on/off switch (a checkbox with role="switch"). */
export function Switch({ checked, onChange, label, disabled, describedBy }: {
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label className={`switch${disabled ? ' switch-disabled' : ''}`}>
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} aria-label={label} aria-describedby={describedBy} onChange={(event) => onChange(event.target.checked)} />
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
    </label>
  );
}

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Clipboard API unavailable (permissions, insecure origin): fall back to a temporary selection.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('The browser refused to copy.');
}

/** Copies text that may have to be fetched first (the client key is fetched only on click). */
export function CopyButton({ text, label, copiedLabel, size = 'sm', onError }: {
  text: () => string | Promise<string | null>;
  label: string;
  copiedLabel?: string;
  size?: 'sm' | 'md';
  onError?(message: string): void;
}) {
  const { t } = useTranslation('common');
  const [state, setState] = useState<'idle' | 'working' | 'copied'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const copy = async () => {
    setState('working');
    try {
      const value = await text();
      if (!value) throw new Error(t('action.nothingToCopy'));
      await writeClipboard(value);
      setState('copied');
      timer.current = setTimeout(() => setState('idle'), 2000);
    } catch (error) {
      setState('idle');
      onError?.((error as Error).message);
    }
  };
  return (
    <Button size={size} icon={state === 'copied' ? 'check' : 'copy'} busy={state === 'working'} onClick={() => void copy()} aria-live="polite">
      {state === 'copied' ? (copiedLabel ?? t('action.copied')) : label}
    </Button>
  );
}

/** A two-step destructive action: the first click asks, the second does it. */
export function ConfirmButton({ label, confirmLabel, question, onConfirm, busy, disabled }: {
  label: string;
  confirmLabel: string;
  question: ReactNode;
  onConfirm(): void;
  busy?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation('common');
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button size="sm" variant="ghost" icon="trash" busy={busy} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={t('action.confirm')}>
      <span className="confirm-question">{question}</span>
      <Button size="sm" variant="danger" onClick={() => { setAsking(false); onConfirm(); }} autoFocus>
        {confirmLabel}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        {t('action.cancel')}
      </Button>
    </span>
  );
}

/** A hint shown on hover and keyboard focus, also read by screen readers. */
export function Tooltip({ text, children, id }: { text: string; children: ReactNode; id: string }) {
  return (
    <span className="tooltip-anchor">
      {children}
      <span role="tooltip" id={id} className="tooltip">
        {text}
      </span>
    </span>
  );
}
