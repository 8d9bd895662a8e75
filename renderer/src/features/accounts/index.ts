export { AccountsPage } from './accounts-page.js';
export { buildKeyEntry, KEY_PROVIDERS, parseModels, validateKeyForm, type KeyProvider, type KeyProviderId } from './key-providers.js';
