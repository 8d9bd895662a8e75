/**
 * The words store helpers put into sentences (account states, token facts, quota lines), in the dashboard's
 * language. Components pass the i18n translator for the accounts catalogue; without one the English
 * catalogue is read directly, so tests and callers without i18n get the same English as before.
 */
import english from '../i18n/locales/en/accounts.json' with { type: 'json' };

export interface Words {
  /** A key of the accounts catalogue (e.g. `facts.token.expired`) with its values filled in. */
  t(key: string, values?: Record<string, unknown>): string;
  /** For dates and durations (format.ts). */
  language: string;
}

function lookup(key: string): string {
  let value: unknown = english;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' ? value : key;
}

export const ENGLISH_WORDS: Words = {
  t: (key, values = {}) => lookup(key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? '')),
  language: 'en',
};
