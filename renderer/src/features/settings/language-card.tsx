import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { Card, Field } from '../../components/index.js';
import { isLanguage, LANGUAGES, resolveLanguage, type LanguagePreference } from '../../i18n/index.js';

/** Settings → Language: follow the OS, or a fixed language; saved in localStorage, and sent to the tray in the app. */
export function LanguageCard() {
  const model = useModel();
  const { t } = useTranslation('settings');
  const { preference, setPreference } = useStore(model.language);
  const systemName = LANGUAGES.find((language) => language.id === resolveLanguage('system', model.systemLanguages))?.name ?? 'English';
  return (
    <Card title={t('language.title')} description={t('language.description')}>
      <div className="settings-grid">
        <Field label={t('language.label')} help={t('language.help')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input select"
              value={preference}
              aria-describedby={describedBy}
              onChange={(event) => setPreference(isLanguage(event.target.value) ? event.target.value : ('system' satisfies LanguagePreference))}
            >
              <option value="system">{t('language.system', { name: systemName })}</option>
              {LANGUAGES.map((language) => (
                <option key={language.id} value={language.id} lang={language.id}>
                  {language.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </Card>
  );
}
