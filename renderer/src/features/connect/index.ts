export { ConnectPage } from './connect-page.js';
export { createConnectStore, type ConnectState, type ConnectStore } from './connect-store.js';
