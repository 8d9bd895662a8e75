import { describe, expect, it } from 'vitest';
import { createTranslator, languageFromLocale, MAIN_CATALOGUES, resolveAppLanguage } from './translator.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
function keys(value: unknown, prefix = ''): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`.replace(PLURAL, '')] : keys(child, `${prefix}${key}.`),
  );
}

describe('tray and notification catalogues', () => {
  for (const namespace of ['tray', 'notifications', 'desktop'] as const) {
    it(`${namespace}: every key exists in English and in Simplified Chinese`, () => {
      const english = [...new Set(keys(MAIN_CATALOGUES.en[namespace]))].sort();
      expect(english.length).toBeGreaterThan(5);
      expect([...new Set(keys(MAIN_CATALOGUES['zh-CN'][namespace]))].sort()).toEqual(english);
    });
  }

  it('picks the language from Electron locales, and a saved choice wins', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh-CN');
    expect(languageFromLocale('zh')).toBe('zh-CN');
    expect(languageFromLocale('zh-TW')).toBe('en');
    expect(languageFromLocale('de')).toBe('en');
    expect(resolveAppLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveAppLanguage('en', 'zh-CN')).toBe('en');
  });

  it('plurals and interpolation', () => {
    const english = createTranslator('en');
    expect(english('status.relogin', { count: 1 })).toBe('1 account needs a new login');
    expect(english('status.relogin', { count: 2 })).toBe('2 accounts need a new login');
    const chinese = createTranslator('zh-CN');
    expect(chinese('status.relogin', { count: 2 })).toBe('2 个账号需要重新登录');
    expect(chinese('notifications:low', { name: 'Claude me@x.io' })).toBe('Claude me@x.io：额度不足');
  });
});
