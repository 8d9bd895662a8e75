export { createI18n } from './create-i18n.js';
export { CATALOGUES, NAMESPACES, type Namespace } from './catalogues.js';
export { createLanguageStore, readPreference, type LanguageBridge, type LanguageState, type LanguageStore, type PreferenceStorage } from './language-store.js';
export { isLanguage, LANGUAGE_STORAGE_KEY, LANGUAGES, matchLanguage, resolveLanguage, systemLanguage, type Language, type LanguagePreference } from './languages.js';
export { useAccountWords } from './use-account-words.js';
