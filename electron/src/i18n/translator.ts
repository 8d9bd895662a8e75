/**
 * The main process's messages (tray menu, tooltip, notifications) in English and Simplified Chinese, from
 * JSON catalogues in the same i18next format as the dashboard's. One plain i18next instance per language,
 * created on demand; no module singleton.
 */
import { createInstance, type TFunction } from 'i18next';
import enDesktop from './locales/en/desktop.json' with { type: 'json' };
import enNotifications from './locales/en/notifications.json' with { type: 'json' };
import enTray from './locales/en/tray.json' with { type: 'json' };
import zhDesktop from './locales/zh-CN/desktop.json' with { type: 'json' };
import zhNotifications from './locales/zh-CN/notifications.json' with { type: 'json' };
import zhTray from './locales/zh-CN/tray.json' with { type: 'json' };

export const APP_LANGUAGES = ['en', 'zh-CN'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];
export type LanguagePreference = AppLanguage | 'system';

export const MAIN_CATALOGUES = {
  en: { tray: enTray, notifications: enNotifications, desktop: enDesktop },
  'zh-CN': { tray: zhTray, notifications: zhNotifications, desktop: zhDesktop },
} as const;

/** A translate function: `t('tray:menu.quit', { app })`. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Electron's app.getLocale() ('zh-CN', 'zh', 'en-US', …) → one of our languages; English otherwise. */
export function languageFromLocale(locale: string): AppLanguage {
  const lower = locale.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-sg') || lower.startsWith('zh-hans')) return 'zh-CN';
  return 'en';
}

export function resolveAppLanguage(preference: LanguagePreference, systemLocale: string): AppLanguage {
  return preference === 'system' ? languageFromLocale(systemLocale) : preference;
}

export function createTranslator(language: AppLanguage): Translate {
  const instance = createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    ns: ['tray', 'notifications', 'desktop'],
    defaultNS: 'tray',
    resources: MAIN_CATALOGUES,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const t: TFunction = instance.t.bind(instance);
  return (key, options) => String(t(key, options ?? {}));
}

/** Translators by language, made once each. */
export function createTranslators(): (language: AppLanguage) => Translate {
  const made = new Map<AppLanguage, Translate>();
  return (language) => {
    let translate = made.get(language);
    if (!translate) made.set(language, (translate = createTranslator(language)));
    return translate;
  };
}
