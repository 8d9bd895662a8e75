/**
 * The dashboard's language: the saved preference (localStorage, so it survives restarts of the browser or
 * the app) or the OS's language. Inside the desktop app the choice is also sent to the main process so the
 * tray and notifications follow it.
 */
import type { i18n } from 'i18next';
import { createStore } from 'zustand/vanilla';
import { isLanguage, LANGUAGE_STORAGE_KEY, resolveLanguage, type Language, type LanguagePreference } from './languages.js';

export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of `window.desktop` that carries the language to the tray (absent in a browser and in older apps). */
export interface LanguageBridge {
  setLanguage?(preference: LanguagePreference): Promise<unknown>;
}

export interface LanguageState {
  preference: LanguagePreference;
  language: Language;
  setPreference(preference: LanguagePreference): void;
}

export interface LanguageStoreDeps {
  storage: PreferenceStorage;
  /** navigator.languages (the OS's order of preference). */
  systemLanguages: readonly string[];
  i18n: i18n;
  desktop?: LanguageBridge;
}

export function readPreference(storage: PreferenceStorage): LanguagePreference {
  try {
    const saved = storage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function createLanguageStore(deps: LanguageStoreDeps) {
  const preference = readPreference(deps.storage);
  const store = createStore<LanguageState>()((set) => ({
    preference,
    language: resolveLanguage(preference, deps.systemLanguages),
    setPreference(next) {
      const language = resolveLanguage(next, deps.systemLanguages);
      try {
        if (next === 'system') deps.storage.removeItem(LANGUAGE_STORAGE_KEY);
        else deps.storage.setItem(LANGUAGE_STORAGE_KEY, next);
      } catch {
        // Storage can be disabled (private windows); the choice then lasts for this page only.
      }
      void deps.i18n.changeLanguage(language);
      void deps.desktop?.setLanguage?.(next).catch(() => undefined);
      set({ preference: next, language });
    },
  }));
  // The tray follows the dashboard's saved choice from the first load on.
  if (preference !== 'system') void deps.desktop?.setLanguage?.(preference).catch(() => undefined);
  return store;
}

export type LanguageStore = ReturnType<typeof createLanguageStore>;
