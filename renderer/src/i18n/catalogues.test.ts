import { describe, expect, it } from 'vitest';
import { CATALOGUES, NAMESPACES } from './catalogues.js';
import { KEY_PROVIDERS } from '../features/accounts/key-providers.js';
import { SETTING_SECTIONS } from '../features/settings/settings-fields.js';
import { createI18n } from './create-i18n.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf as "a.b.c" → text; plural forms collapse to their base key (Chinese has only `_other`). */
function leaves(value: unknown, prefix = ''): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') {
      const base = path.replace(PLURAL, '');
      result.set(base, [...(result.get(base) ?? []), child]);
    } else {
      for (const [childKey, texts] of leaves(child, path)) result.set(childKey, [...(result.get(childKey) ?? []), ...texts]);
    }
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\w+)>/g)].map((match) => match[1] ?? `<${match[2]}>`).sort();
/** Text that stays the same in Chinese: names, file names, words Chinese UIs keep in English ("Token", "Base URL"). */
const UNTRANSLATED = new Set(['common:shell.documentTitle', 'overview:connect.baseUrl', 'settings:tab.yaml', 'usage:stat.tokens', 'accounts:keyForm.field.base-url', 'accounts:facts.state.and']);

describe('message catalogues', () => {
  for (const namespace of NAMESPACES) {
    const english = leaves(CATALOGUES.en[namespace]);
    const chinese = leaves(CATALOGUES['zh-CN'][namespace]);

    it(`${namespace}: every key exists in English and in Simplified Chinese`, () => {
      expect(english.size).toBeGreaterThan(0);
      expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${namespace}: the Chinese text is Chinese and keeps every placeholder`, () => {
      for (const [key, texts] of english) {
        const translated = chinese.get(key) ?? [];
        for (const text of translated) {
          expect(placeholders(text), `${namespace}:${key}`).toEqual(placeholders(texts[0]));
          if (!UNTRANSLATED.has(`${namespace}:${key}`) && /[A-Za-z]{3}/.test(texts[0].replace(/\{\{\w+\}\}|<\/?\w+>|config\.yaml|CLIProxy\w*/g, ''))) {
            expect(text, `${namespace}:${key} has no Chinese characters`).toMatch(/\p{Script=Han}/u);
          }
        }
      }
    });
  }

  it('settings: every section and field of the form has its title, label and help in both languages', () => {
    const missing: string[] = [];
    for (const language of ['en', 'zh-CN'] as const) {
      const settings = leaves(CATALOGUES[language].settings);
      for (const section of SETTING_SECTIONS) {
        for (const part of ['title', 'description']) if (!settings.has(`section.${section.id}.${part}`)) missing.push(`${language} section.${section.id}.${part}`);
        for (const field of section.fields) {
          for (const part of ['label', 'help']) if (!settings.has(`field.${field.key.replace(/\./g, '_')}.${part}`)) missing.push(`${language} field.${field.key}.${part}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(createI18n('zh-CN').t('field.request-log.label', { ns: 'settings' })).toBe('请求日志');
  });

  it('accounts: the API-key forms say in English what key-providers.ts says, and every text is in Chinese too', () => {
    const differences: string[] = [];
    for (const language of ['en', 'zh-CN'] as const) {
      const texts = leaves(CATALOGUES[language].accounts);
      const text = (key: string) => texts.get(key)?.[0];
      const compare = (key: string, english: string) => {
        if (text(key) === undefined) differences.push(`${language} ${key} is missing`);
        else if (language === 'en' && text(key) !== english) differences.push(`${key}: "${text(key)}" ≠ "${english}"`);
      };
      for (const provider of KEY_PROVIDERS) {
        compare(`keyForm.description.${provider.id}`, provider.description);
        if (texts.has(`keyForm.label.${provider.id}`)) compare(`keyForm.label.${provider.id}`, provider.label);
        for (const field of provider.fields) {
          compare(`keyForm.field.${field.name}`, field.label);
          if (field.help) compare(texts.has(`keyForm.help.${field.name}-${provider.id}`) ? `keyForm.help.${field.name}-${provider.id}` : `keyForm.help.${field.name}`, field.help);
          if (field.multiline && field.placeholder) compare(`keyForm.placeholder.${field.name}`, field.placeholder);
          for (const option of field.options ?? []) compare(`keyForm.option.${field.name}.${option.value}`, option.label);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('plural forms: English "1 account is" / "2 accounts are", Chinese one form', () => {
    const english = createI18n('en');
    expect(english.t('attention.allReady', { ns: 'overview', count: 1 })).toBe('The 1 account is ready');
    expect(english.t('attention.allReady', { ns: 'overview', count: 3 })).toBe('All 3 accounts are ready');
    const chinese = createI18n('zh-CN');
    expect(chinese.t('attention.allReady', { ns: 'overview', count: 1 })).toBe('全部 1 个账号都可用');
    expect(chinese.t('nav.accounts')).toBe('账号');
  });
});
