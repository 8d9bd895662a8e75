/**
 * The sentences stores put into toasts and notes, in the dashboard's language: a key of the toasts catalogue
 * with its values filled in. The app passes one bound to its i18n instance (it follows a language switch);
 * without one the English catalogue is read directly, so tests and callers without i18n get the same English.
 */
import english from '../i18n/locales/en/toasts.json' with { type: 'json' };

export type Say = (key: string, values?: Record<string, unknown>) => string;

function lookup(key: string): string {
  let value: unknown = english;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'string' ? value : key;
}

export const ENGLISH_SAY: Say = (key, values = {}) => lookup(key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
