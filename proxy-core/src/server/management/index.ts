import type { Router } from '../router.js';
import { registerAccountRoutes } from './routes-accounts.js';
import { registerBackupRoutes } from './routes-backup.js';
import { registerClientRoutes } from './routes-clients.js';
import { registerConfigRoutes } from './routes-config.js';
import { registerCredentialRoutes } from './routes-credentials.js';
import { registerDiagnosticsRoutes } from './routes-diagnostics.js';
import { registerKiroQuotaRoutes } from './routes-kiro-quota.js';
import { registerModelListRoutes } from './routes-model-lists.js';
import { registerModelRoutes } from './routes-models.js';
import { registerNetworkRoutes } from './routes-network.js';
import { registerObservabilityRoutes } from './routes-observability.js';
import { registerVertexRoutes } from './routes-vertex.js';
import { registerControlPanelRoute } from './routes-control-panel.js';
import { registerReferenceApiCallRoute } from './routes-reference-api-call.js';
import { registerReferenceOAuthRoutes } from './routes-reference-oauth.js';
import { registerReferenceAuthFileRoutes } from './routes-reference-auth-files.js';
import { registerReferenceObservabilityRoutes } from './routes-reference-observability.js';
import { registerReferenceSettingRoutes } from './routes-reference-settings.js';
import { registerRequestLogRoutes } from './routes-request-logs.js';
import { registerAmpcodeRoutes } from './routes-ampcode.js';
import type { ManagementServices } from './services.js';

export * from './contract.js';
export { createManagementAuth, isBcryptHash } from './management-auth.js';
export { crossOriginOf } from './respond-management.js';
export { clientSetupViews, proxySetupTarget } from './routes-clients.js';
export type * from './services.js';

/** Every `/v0/management/*` route, CLIProxyAPI's own beside ours, and its web panel at `/management.html`. */
export function registerManagementRoutes(router: Router, services: ManagementServices): void {
  registerConfigRoutes(router, services);
  registerCredentialRoutes(router, services);
  registerModelListRoutes(router, services);
  registerModelRoutes(router, services);
  registerAccountRoutes(router, services);
  registerVertexRoutes(router, services);
  registerObservabilityRoutes(router, services);
  registerDiagnosticsRoutes(router, services);
  registerBackupRoutes(router, services);
  registerNetworkRoutes(router, services);
  registerClientRoutes(router, services);
  registerReferenceSettingRoutes(router, services);
  registerAmpcodeRoutes(router, services);
  registerReferenceObservabilityRoutes(router, services);
  registerReferenceAuthFileRoutes(router, services);
  registerReferenceApiCallRoute(router, services);
  registerReferenceOAuthRoutes(router, services);
  registerControlPanelRoute(router, services);
  registerKiroQuotaRoutes(router, services);
  if (services.requestLog) registerRequestLogRoutes(router, services, services.requestLog);
}
