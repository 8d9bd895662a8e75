export { createSettingsStore, type SettingsState, type SettingsStore } from './settings-store.js';
export { SettingsPage } from './settings-page.js';
export { createBackupStore, type BackupState, type BackupStore } from './backup-store.js';
export { createNetworkStore, type NetworkState, type NetworkStore } from './network-store.js';
