/**
 * One i18next instance per mounted app (no module singleton): English and Simplified Chinese catalogues,
 * bundled (no network loading), one namespace per area of the dashboard.
 */
import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, NAMESPACES } from './catalogues.js';
import type { Language } from './languages.js';

export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources: CATALOGUES,
    initAsync: false,
    // React escapes output already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
