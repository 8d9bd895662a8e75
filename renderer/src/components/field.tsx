import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled form control with help text and an inline error (linked with aria-describedby). */
export function Field({ label, help, error, children, optional }: {
  label: string;
  help?: ReactNode;
  error?: string | null;
  optional?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const { t } = useTranslation('common');
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional ? <span className="field-optional">{t('action.optional')}</span> : null}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
      {help ? (
        <div className="field-help" id={helpId}>
          {help}
        </div>
      ) : null}
    </div>
  );
}
