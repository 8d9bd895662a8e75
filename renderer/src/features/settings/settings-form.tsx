import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Button, Card, Field, Loading, Notice, Switch } from '../../components/index.js';
import { withoutLocation } from '../../format/index.js';
import { LanCard } from './lan-card.js';
import { LanguageCard } from './language-card.js';
import { readSetting, SETTING_SECTIONS, type SettingField } from './settings-fields.js';

/** A stable empty list: a selector returning a fresh `[]` makes React re-render forever (opening #/settings directly). */
const NONE: string[] = [];

export function SettingsForm() {
  const model = useModel();
  const state = useStore(model.settings);
  const { t } = useTranslation('settings');
  const restartRequired = useStore(model.status, (current) => current.status.data?.restartRequired ?? NONE);
  const config = state.config.data?.config;
  const dirty = Object.keys(state.draft).length > 0;
  const invalid = Object.keys(state.fieldErrors).length > 0;

  if (!state.config.data) {
    return state.config.error ? <Notice tone="error" title={t('form.loadFailed')}>{state.config.error.message}</Notice> : <Loading label={t('form.loading')} />;
  }

  const fieldText = (field: SettingField, part: 'label' | 'help') => t(`field.${field.key.replace(/\./g, '_')}.${part}`, { defaultValue: field[part] });
  const value = (field: SettingField) => (field.key in state.draft ? state.draft[field.key] : readSetting(config, field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void state.save();
  };

  return (
    <form onSubmit={submit} noValidate className="settings-form" aria-label={t('form.label')}>
      {state.formError ? (
        <Notice tone="error" title={t('form.saveFailed')}>
          {state.formError.line ? t(state.formError.column ? 'form.positionColumn' : 'form.position', { line: state.formError.line, column: state.formError.column }) : ''}
          {state.formError.line ? withoutLocation(state.formError.message) : state.formError.message}
        </Notice>
      ) : null}
      <LanguageCard />
      <LanCard />
      {SETTING_SECTIONS.map((section) => (
        <Card key={section.id} title={t(`section.${section.id}.title`)} description={t(`section.${section.id}.description`)}>
          <div className="settings-grid">
            {section.fields.map((field) => (
              <Field key={field.key} label={fieldText(field, 'label')} help={helpFor(field, restartRequired, fieldText(field, 'help'), t)} error={state.fieldErrors[field.key]}>
                {({ id, describedBy, invalid: fieldInvalid }) => {
                  const current = value(field);
                  if (field.kind === 'readonly') {
                    return (
                      <div className="readonly-value">
                        <input id={id} className="input mono" value={String(current)} readOnly aria-describedby={describedBy} />
                        <span className="tag">{restartRequired.includes(field.key) ? t('form.restartPending') : t('form.needsRestart')}</span>
                      </div>
                    );
                  }
                  if (field.kind === 'boolean') {
                    return (
                      <div className="switch-row" id={id}>
                        <Switch checked={Boolean(current)} label={fieldText(field, 'label')} describedBy={describedBy} onChange={(checked) => state.setField(field.key, checked)} />
                        <span className="small muted">{current ? t('common:action.on') : t('common:action.off')}</span>
                      </div>
                    );
                  }
                  if (field.kind === 'select') {
                    return (
                      <select id={id} className="input select" value={String(current)} aria-describedby={describedBy} onChange={(event) => state.setField(field.key, event.target.value)}>
                        {field.options!.map((option) => (
                          <option key={option.value} value={option.value}>
                            {t(`option.${option.value}`, { defaultValue: option.label })}
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
                      {field.unit ? <span className="unit">{t(`unit.${field.unit}`, { defaultValue: field.unit })}</span> : null}
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
        <span className="small muted">{dirty ? t('form.unsaved', { count: Object.keys(state.draft).length }) : t('form.noChanges')}</span>
        <Button variant="ghost" disabled={!dirty || state.saving} onClick={state.discard}>
          {t('form.discard')}
        </Button>
        <Button type="submit" variant="primary" busy={state.saving} disabled={!dirty || invalid}>
          {t('form.save')}
        </Button>
      </div>
    </form>
  );
}

function helpFor(field: SettingField, restartRequired: string[], help: string, t: (key: string, options: Record<string, unknown>) => string): string {
  if (field.kind === 'readonly' && restartRequired.includes(field.key)) return t('form.restartHelp', { help });
  return help;
}
