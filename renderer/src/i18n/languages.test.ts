import { describe, expect, it } from 'vitest';
import { createI18n } from './create-i18n.js';
import { createLanguageStore } from './language-store.js';
import { LANGUAGE_STORAGE_KEY, matchLanguage, resolveLanguage, systemLanguage } from './languages.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('language choice', () => {
  it('maps OS language tags to the catalogues we have', () => {
    expect(matchLanguage('zh-CN')).toBe('zh-CN');
    expect(matchLanguage('zh')).toBe('zh-CN');
    expect(matchLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(matchLanguage('zh_CN.UTF-8')).toBe('zh-CN');
    expect(matchLanguage('zh-TW')).toBeNull();
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('de-DE')).toBeNull();
    expect(systemLanguage(['de-DE', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(systemLanguage(['fr-FR'])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
  });

  it('follows the OS until one is chosen; the choice is saved, sent to the tray, and "system" forgets it', async () => {
    const storage = memoryStorage();
    const sent: string[] = [];
    const i18n = createI18n('zh-CN');
    const store = createLanguageStore({ storage, systemLanguages: ['zh-CN'], i18n, desktop: { setLanguage: async (preference) => void sent.push(preference) } });
    expect(store.getState()).toMatchObject({ preference: 'system', language: 'zh-CN' });
    expect(sent).toEqual([]);

    store.getState().setPreference('en');
    expect(store.getState()).toMatchObject({ preference: 'en', language: 'en' });
    expect(storage.values.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(i18n.language).toBe('en');
    expect(i18n.t('nav.settings')).toBe('Settings');
    expect(sent).toEqual(['en']);

    // A new page load reads the saved choice and tells the tray at once.
    const again = createLanguageStore({ storage, systemLanguages: ['zh-CN'], i18n: createI18n('en'), desktop: { setLanguage: async (preference) => void sent.push(preference) } });
    expect(again.getState().language).toBe('en');
    expect(sent).toEqual(['en', 'en']);

    store.getState().setPreference('system');
    expect(storage.values.has(LANGUAGE_STORAGE_KEY)).toBe(false);
    expect(store.getState().language).toBe('zh-CN');
    expect(i18n.t('nav.settings')).toBe('设置');
  });

  it('ignores a damaged saved value', () => {
    const store = createLanguageStore({ storage: memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'klingon' }), systemLanguages: ['en-US'], i18n: createI18n('en') });
    expect(store.getState()).toMatchObject({ preference: 'system', language: 'en' });
  });
});
