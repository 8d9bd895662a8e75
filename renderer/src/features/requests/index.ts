export { RequestsPage } from './requests-page.js';
export { createRequestsStore, recentQuery, type RequestsStore } from './requests-store.js';
