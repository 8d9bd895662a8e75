export type { CheckResult } from './check-result.js';
export { runLocalChecks, type LocalCheckInput, type LocalReport } from './local-checks.js';
export { findPortOwner, isPortFree, type PortOwner } from './port-owner.js';
