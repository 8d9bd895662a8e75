export { createSettingsStore, type SettingsState, type SettingsStore } from './settings-store.js';
export { SettingsPage } from './settings-page.js';
