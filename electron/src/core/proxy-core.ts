/**
 * The only door from the desktop main process into proxy-core (enforced by electron/test/electron-imports.test.ts):
 * the SDK entry (`startProxy`, errors, config helpers), the config lookup `cliproxyctl serve` uses, the port
 * diagnostics, the dashboard's CSP, and the management contract's response types.
 */
export {
  startProxy,
  ProxyError,
  ConfigError,
  ensureConfigFile,
  defaultDataDir,
  type RunningProxy,
  type ProxyDeps,
  type StartProxyConfig,
} from '../../../proxy-core/src/index.js';
export { locateConfig, displayPath, type CliEnvironment } from '../../../proxy-core/src/cli/environment.js';
export { writeLocalControl } from '../../../proxy-core/src/cli/local-control.js';
export { findFreePortNear, findPortOwner, isPortFree, probeCliproxy, type PortOwner } from '../../../proxy-core/src/diagnostics/index.js';
export { DASHBOARD_CSP } from '../../../proxy-core/src/server/routes/dashboard.js';
export type {
  AccountView,
  ClientApplyResponse,
  ClientRevertResponse,
  ClientSetupView,
  ClientsResponse,
  CredentialPatchResult,
  CredentialView,
  HiddenModelView,
  LoginProviderView,
  LoginView,
  ModelPatchResult,
  ModelView,
  QuotaBucketView,
  StatusResponse,
  UsageResponse,
  WriteResult,
} from '../../../proxy-core/src/server/management/contract.js';
