import type { FormEvent } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Button, Card, Field, Loading, Notice, Switch } from '../../components/index.js';
import { withoutLocation } from '../../format/index.js';
import { readSetting, SETTING_SECTIONS, type SettingField } from './settings-fields.js';

export function SettingsForm() {
  const model = useModel();
  const state = useStore(model.settings);
  const restartRequired = useStore(model.status, (current) => current.status.data?.restartRequired ?? []);
  const config = state.config.data?.config;
  const dirty = Object.keys(state.draft).length > 0;
  const invalid = Object.keys(state.fieldErrors).length > 0;

  if (!state.config.data) {
    return state.config.error ? <Notice tone="error" title="Settings could not be loaded">{state.config.error.message}</Notice> : <Loading label="Loading settings…" />;
  }

  const value = (field: SettingField) => (field.key in state.draft ? state.draft[field.key] : readSetting(config, field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void state.save();
  };

  return (
    <form onSubmit={submit} noValidate className="settings-form" aria-label="General settings">
      {state.formError ? (
        <Notice tone="error" title="The settings were not saved">
          {state.formError.line ? `config.yaml line ${state.formError.line}${state.formError.column ? `, column ${state.formError.column}` : ''}: ` : ''}
          {state.formError.line ? withoutLocation(state.formError.message) : state.formError.message}
        </Notice>
      ) : null}
      {SETTING_SECTIONS.map((section) => (
        <Card key={section.title} title={section.title} description={section.description}>
          <div className="settings-grid">
            {section.fields.map((field) => (
              <Field key={field.key} label={field.label} help={helpFor(field, restartRequired)} error={state.fieldErrors[field.key]}>
                {({ id, describedBy, invalid: fieldInvalid }) => {
                  const current = value(field);
                  if (field.kind === 'readonly') {
                    return (
                      <div className="readonly-value">
                        <input id={id} className="input mono" value={String(current)} readOnly aria-describedby={describedBy} />
                        <span className="tag">{restartRequired.includes(field.key) ? 'Restart pending' : 'Needs restart'}</span>
                      </div>
                    );
                  }
                  if (field.kind === 'boolean') {
                    return (
                      <div className="switch-row" id={id}>
                        <Switch checked={Boolean(current)} label={field.label} describedBy={describedBy} onChange={(checked) => state.setField(field.key, checked)} />
                        <span className="small muted">{current ? 'On' : 'Off'}</span>
                      </div>
                    );
                  }
                  if (field.kind === 'select') {
                    return (
                      <select id={id} className="input select" value={String(current)} aria-describedby={describedBy} onChange={(event) => state.setField(field.key, event.target.value)}>
                        {field.options!.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    );
                  }
                  return (
                    <div className={field.kind === 'number' ? 'input-unit' : undefined}>
                      <input
                        id={id}
                        className={`input${field.kind === 'text' ? ' mono' : ''}`}
                        inputMode={field.kind === 'number' ? 'numeric' : undefined}
                        type="text"
                        value={String(current ?? '')}
                        placeholder={field.key === 'proxy-url' ? 'socks5://127.0.0.1:1080' : undefined}
                        aria-describedby={describedBy}
                        aria-invalid={fieldInvalid || undefined}
                        onChange={(event) => state.setField(field.key, event.target.value)}
                      />
                      {field.unit ? <span className="unit">{field.unit}</span> : null}
                    </div>
                  );
                }}
              </Field>
            ))}
          </div>
        </Card>
      ))}
      {/* Floats at the bottom of the window only while there is something to save. */}
      <div className={dirty ? 'form-footer form-footer-floating' : 'form-footer'}>
        <span className="small muted">{dirty ? `${Object.keys(state.draft).length} unsaved change${Object.keys(state.draft).length === 1 ? '' : 's'}` : 'No changes'}</span>
        <Button variant="ghost" disabled={!dirty || state.saving} onClick={state.discard}>
          Discard
        </Button>
        <Button type="submit" variant="primary" busy={state.saving} disabled={!dirty || invalid}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

function helpFor(field: SettingField, restartRequired: string[]): string {
  if (field.kind === 'readonly' && restartRequired.includes(field.key)) return `${field.help} config.yaml has a new value; restart the proxy to use it.`;
  return field.help;
}
