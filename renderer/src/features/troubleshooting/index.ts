export { createDiagnosticsStore, type DiagnosticsState, type DiagnosticsStore } from './diagnostics-store.js';
export { TroubleshootingPage } from './troubleshooting-page.js';
