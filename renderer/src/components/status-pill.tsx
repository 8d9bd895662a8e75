import { useTranslation } from 'react-i18next';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'info' | 'accent';

const STATE_TONES: Record<string, { tone: Tone; label: string }> = {
  active: { tone: 'ok', label: 'Active' },
  cooling: { tone: 'warn', label: 'Cooling down' },
  disabled: { tone: 'muted', label: 'Disabled' },
  unsupported: { tone: 'info', label: 'Unsupported' },
  invalid: { tone: 'error', label: 'Invalid file' },
  'needs-relogin': { tone: 'error', label: 'Log in again' },
  'refresh-failing': { tone: 'error', label: 'Refresh failing' },
  exhausted: { tone: 'error', label: 'Quota used up' },
  pass: { tone: 'ok', label: 'Pass' },
  fail: { tone: 'error', label: 'Fail' },
  warn: { tone: 'warn', label: 'Warning' },
  unknown: { tone: 'muted', label: 'Unknown' },
  debug: { tone: 'muted', label: 'Debug' },
  info: { tone: 'info', label: 'Info' },
  error: { tone: 'error', label: 'Error' },
};

/** A coloured pill that always carries a text label (colour is never the only signal). */
export function StatusPill({ state, label, tone }: { state?: string; label?: string; tone?: Tone }) {
  const { t } = useTranslation('common');
  const known = state ? STATE_TONES[state] : undefined;
  const finalTone = tone ?? known?.tone ?? 'muted';
  return (
    <span className={`pill pill-${finalTone}`}>
      <span className="pill-dot" aria-hidden="true" />
      {label ?? (known && state ? t(`state.${state}`, { defaultValue: known.label }) : state)}
    </span>
  );
}
