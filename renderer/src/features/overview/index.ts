export { OverviewPage } from './overview-page.js';
export { explainLogEntry } from './explain-log-entry.js';
