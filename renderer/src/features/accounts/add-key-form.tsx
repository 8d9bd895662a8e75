import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { toApiError } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Field, Notice } from '../../components/index.js';
import { buildKeyEntry, KEY_PROVIDERS, validateKeyForm, type KeyFormMessage, type KeyProvider, type KeyProviderId } from './key-providers.js';

const initialValues = (provider: KeyProvider) => Object.fromEntries(provider.fields.map((field) => [field.name, field.initial ?? '']));

/** "Paste an API key" for Claude, Gemini, OpenAI and OpenAI-compatible servers. */
export function AddKeyForm({ onDone }: { onDone(): void }) {
  const model = useModel();
  const credentials = useStore(model.credentials, (state) => state.credentials.data);
  const [providerId, setProviderId] = useState<KeyProviderId>('claude');
  const provider = KEY_PROVIDERS.find((item) => item.id === providerId)!;
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(provider));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reveal, setReveal] = useState(false);
  const groupName = useId();
  const { t } = useTranslation('accounts');
  const fieldLabel = (name: string, fallback: string) => t(`keyForm.field.${name}`, { defaultValue: fallback });
  const fieldHelp = (name: string, fallback?: string) =>
    fallback ? t(`keyForm.help.${name}-${providerId}`, { defaultValue: t(`keyForm.help.${name}`, { defaultValue: fallback }) }) : undefined;
  const message: KeyFormMessage = (key, values) => t(`keyForm.error.${key}`, { ...values, field: values.fieldName ? fieldLabel(values.fieldName, values.field ?? '') : values.field });

  const choose = (id: KeyProviderId) => {
    const next = KEY_PROVIDERS.find((item) => item.id === id)!;
    setProviderId(id);
    setValues(initialValues(next));
    setErrors({});
    setFormError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const existing = (credentials ?? []).filter((item) => item.provider === 'openai-compatible').map((item) => item.group);
    const problems = validateKeyForm(provider, values, existing, message);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await model.credentials.getState().addKey(provider.list, buildKeyEntry(provider, values), `${provider.label} key added`);
      setValues(initialValues(provider));
      onDone();
    } catch (raw) {
      const error = toApiError(raw);
      const field = error.configKey?.split('.').pop();
      const where = error.line ? t(error.column ? 'keyForm.whereColumn' : 'keyForm.where', { line: error.line, column: error.column }) : '';
      if (field && provider.fields.some((item) => item.name === field)) setErrors({ [field]: error.message });
      else setFormError(`${error.message}${where}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="add-key" onSubmit={(event) => void submit(event)} noValidate aria-label={t('keyForm.form')}>
      <fieldset className="segmented" aria-label={t('keyForm.provider')}>
        {KEY_PROVIDERS.map((item) => (
          <label key={item.id} className={`segment${item.id === providerId ? ' segment-active' : ''}`}>
            <input type="radio" name={groupName} value={item.id} checked={item.id === providerId} onChange={() => choose(item.id)} />
            {item.label}
          </label>
        ))}
      </fieldset>
      <p className="muted small add-key-description">{t(`keyForm.description.${provider.id}`, { defaultValue: provider.description })} {t('keyForm.saved')}</p>
      {formError ? <Notice tone="error" title={t('keyForm.failed')}>{formError}</Notice> : null}
      <div className="form-grid">
        {provider.fields.map((field) => (
          <Field key={`${provider.id}-${field.name}`} label={fieldLabel(field.name, field.label)} help={fieldHelp(field.name, field.help)} error={errors[field.name]} optional={!field.required}>
            {({ id, describedBy, invalid }) =>
              field.multiline ? (
                <textarea
                  id={id}
                  className="input textarea mono"
                  rows={3}
                  placeholder={field.placeholder}
                  value={values[field.name] ?? ''}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                />
              ) : (
                <div className={field.secret ? 'input-with-action' : undefined}>
                  <input
                    id={id}
                    className={`input${field.secret ? ' mono' : ''}`}
                    type={field.secret && !reveal ? 'password' : 'text'}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={field.placeholder}
                    value={values[field.name] ?? ''}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                  />
                  {field.secret ? (
                    <button type="button" className="input-action" onClick={() => setReveal(!reveal)} aria-pressed={reveal}>
                      {reveal ? t('keyForm.hide') : t('keyForm.show')}
                    </button>
                  ) : null}
                </div>
              )
            }
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={saving}>
          {t('keyForm.submit', { provider: provider.label })}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('keyForm.cancel')}
        </Button>
      </div>
    </form>
  );
}
