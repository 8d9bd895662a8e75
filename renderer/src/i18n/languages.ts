/**
 * The dashboard's languages and how one is chosen: a saved choice (Settings → Language) wins, else the first
 * of the browser's / OS's languages we have (navigator.languages), else English.
 */
export const LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
] as const;

export type Language = (typeof LANGUAGES)[number]['id'];
/** 'system' follows the OS; anything else is a fixed choice. */
export type LanguagePreference = Language | 'system';

export const LANGUAGE_STORAGE_KEY = 'cliproxy.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.id === value);
}

/** 'zh', 'zh-CN', 'zh-Hans-CN', 'zh-SG' → zh-CN; 'en-GB' → en; others → null. Traditional Chinese stays unmatched. */
export function matchLanguage(tag: string): Language | null {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-sg') || lower.startsWith('zh-hans')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

export function systemLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

export function resolveLanguage(preference: LanguagePreference, systemTags: readonly string[]): Language {
  return preference === 'system' ? systemLanguage(systemTags) : preference;
}
