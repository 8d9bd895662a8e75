import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { toApiError } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Field, Notice, openExternal } from '../../components/index.js';
import { applyPreset, buildKeyEntry, KEY_PROVIDERS, validateKeyForm, VENDOR_PRESETS, type KeyFormMessage, type KeyProvider, type KeyProviderId } from './key-providers.js';

const initialValues = (provider: KeyProvider) => Object.fromEntries(provider.fields.map((field) => [field.name, field.initial ?? '']));

/** "Paste an API key" for Claude, Gemini, OpenAI and OpenAI-compatible servers (with one-click vendor templates). */
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
  const [presetId, setPresetId] = useState('');
  const groupName = useId();
  const { t } = useTranslation('accounts');
  const fieldLabel = (name: string, fallback: string) => t(`keyForm.field.${name}`, { defaultValue: fallback });
  const fieldHelp = (name: string, fallback?: string) =>
    fallback ? t(`keyForm.help.${name}-${providerId}`, { defaultValue: t(`keyForm.help.${name}`, { defaultValue: fallback }) }) : undefined;
  const message: KeyFormMessage = (key, values) => t(`keyForm.error.${key}`, { ...values, field: values.fieldName ? fieldLabel(values.fieldName, values.field ?? '') : values.field });
  const vendorId = useId();
  const preset = VENDOR_PRESETS.find((item) => item.id === presetId);
  const existingNames = () => (credentials ?? []).filter((item) => item.provider.startsWith('openai-compatible')).map((item) => item.group);

  const choosePreset = (id: string) => {
    setPresetId(id);
    const next = VENDOR_PRESETS.find((item) => item.id === id);
    setValues(next ? applyPreset(next, values, existingNames()) : { ...values, name: '', 'base-url': '' });
    setErrors({});
  };

  const choose = (id: KeyProviderId) => {
    const next = KEY_PROVIDERS.find((item) => item.id === id)!;
    setProviderId(id);
    setValues(initialValues(next));
    setPresetId('');
    setErrors({});
    setFormError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validateKeyForm(provider, values, existingNames(), message);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await model.credentials.getState().addKey(provider.list, buildKeyEntry(provider, values), `${preset?.displayName ?? provider.label} key added`);
      setValues(initialValues(provider));
      setPresetId('');
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
            {t(`keyForm.label.${item.id}`, { defaultValue: item.label })}
          </label>
        ))}
      </fieldset>
      <p className="muted small add-key-description">{t(`keyForm.description.${provider.id}`, { defaultValue: provider.description })} {t('keyForm.saved')}</p>
      {provider.id === 'openai-compatible' ? (
        <div className="add-key-vendor">
          <label htmlFor={vendorId}>{t('keyForm.vendor')}</label>
          <select id={vendorId} className="input select" value={presetId} onChange={(event) => choosePreset(event.target.value)}>
            <option value="">{t('keyForm.vendorOther')}</option>
            {VENDOR_PRESETS.map((item) => (
              <option key={item.id} value={item.id}>
                {item.displayName}
              </option>
            ))}
          </select>
          {preset ? (
            <Button variant="ghost" onClick={() => openExternal(preset.keysUrl)}>
              {t('keyForm.getKey', { vendor: preset.displayName })}
            </Button>
          ) : null}
        </div>
      ) : null}
      {formError ? <Notice tone="error" title={t('keyForm.failed')}>{formError}</Notice> : null}
      <div className="form-grid">
        {provider.fields.map((field) => (
          <Field key={`${provider.id}-${field.name}`} label={fieldLabel(field.name, field.label)} help={fieldHelp(field.name, field.help)} error={errors[field.name]} optional={!field.required}>
            {({ id, describedBy, invalid }) =>
              field.options ? (
                <select id={id} className="input select" value={values[field.name] ?? field.initial ?? ''} aria-describedby={describedBy} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {t(`keyForm.option.${field.name}.${option.value}`, { defaultValue: option.label })}
                    </option>
                  ))}
                </select>
              ) : field.multiline ? (
                <textarea
                  id={id}
                  className="input textarea mono"
                  rows={3}
                  placeholder={field.placeholder ? t(`keyForm.placeholder.${field.name}`, { defaultValue: field.placeholder }) : undefined}
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
                    placeholder={(field.secret && preset?.keyPlaceholder) || field.placeholder}
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
          {t('keyForm.submit', { provider: preset?.displayName ?? t(`keyForm.label.${provider.id}`, { defaultValue: provider.label }) })}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('keyForm.cancel')}
        </Button>
      </div>
    </form>
  );
}
