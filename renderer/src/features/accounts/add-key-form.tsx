import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { toApiError } from '../../api/index.js';
import { useModel } from '../../app/index.js';
import { Button, Field, Notice, openExternal } from '../../components/index.js';
import { applyPreset, buildKeyEntry, KEY_PROVIDERS, validateKeyForm, VENDOR_PRESETS, type KeyProvider, type KeyProviderId } from './key-providers.js';

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
    const problems = validateKeyForm(provider, values, existingNames());
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
      const where = error.line ? ` (config.yaml line ${error.line}${error.column ? `, column ${error.column}` : ''})` : '';
      if (field && provider.fields.some((item) => item.name === field)) setErrors({ [field]: error.message });
      else setFormError(`${error.message}${where}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="add-key" onSubmit={(event) => void submit(event)} noValidate aria-label="Add an API key">
      <fieldset className="segmented" aria-label="Provider">
        {KEY_PROVIDERS.map((item) => (
          <label key={item.id} className={`segment${item.id === providerId ? ' segment-active' : ''}`}>
            <input type="radio" name={groupName} value={item.id} checked={item.id === providerId} onChange={() => choose(item.id)} />
            {item.label}
          </label>
        ))}
      </fieldset>
      <p className="muted small add-key-description">{provider.description} It is saved in config.yaml and used from the next request.</p>
      {provider.id === 'openai-compatible' ? (
        <div className="add-key-vendor">
          <label htmlFor={vendorId}>Vendor</label>
          <select id={vendorId} className="input select" value={presetId} onChange={(event) => choosePreset(event.target.value)}>
            <option value="">Other (type the base URL)</option>
            {VENDOR_PRESETS.map((item) => (
              <option key={item.id} value={item.id}>
                {item.displayName}
              </option>
            ))}
          </select>
          {preset ? (
            <Button variant="ghost" onClick={() => openExternal(preset.keysUrl)}>
              Get a {preset.displayName} key
            </Button>
          ) : null}
        </div>
      ) : null}
      {formError ? <Notice tone="error" title="The key was not added">{formError}</Notice> : null}
      <div className="form-grid">
        {provider.fields.map((field) => (
          <Field key={`${provider.id}-${field.name}`} label={field.label} help={field.help} error={errors[field.name]} optional={!field.required}>
            {({ id, describedBy, invalid }) =>
              field.options ? (
                <select id={id} className="input select" value={values[field.name] ?? field.initial ?? ''} aria-describedby={describedBy} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.multiline ? (
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
                    placeholder={(field.secret && preset?.keyPlaceholder) || field.placeholder}
                    value={values[field.name] ?? ''}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                  />
                  {field.secret ? (
                    <button type="button" className="input-action" onClick={() => setReveal(!reveal)} aria-pressed={reveal}>
                      {reveal ? 'Hide' : 'Show'}
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
          Add {preset?.displayName ?? provider.label} key
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
