import type { Router } from '../router.js';
import { registerAccountRoutes } from './routes-accounts.js';
import { registerConfigRoutes } from './routes-config.js';
import { registerCredentialRoutes } from './routes-credentials.js';
import { registerDiagnosticsRoutes } from './routes-diagnostics.js';
import { registerModelListRoutes } from './routes-model-lists.js';
import { registerModelRoutes } from './routes-models.js';
import { registerObservabilityRoutes } from './routes-observability.js';
import { registerRequestLogRoutes } from './routes-request-logs.js';
import type { ManagementServices } from './services.js';

export * from './contract.js';
export { createManagementAuth, isBcryptHash } from './management-auth.js';
export { crossOriginOf } from './respond-management.js';
export type * from './services.js';

/** Every `/v0/management/*` route. */
export function registerManagementRoutes(router: Router, services: ManagementServices): void {
  registerConfigRoutes(router, services);
  registerCredentialRoutes(router, services);
  registerModelListRoutes(router, services);
  registerModelRoutes(router, services);
  registerAccountRoutes(router, services);
  registerObservabilityRoutes(router, services);
  registerDiagnosticsRoutes(router, services);
  if (services.requestLog) registerRequestLogRoutes(router, services, services.requestLog);
}
