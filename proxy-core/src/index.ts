/**
 * proxy-core as a library (docs/sdk.md): start the proxy in-process, and the management contract the
 * dashboard and the desktop shell speak.
 */
export { startProxy, defaultProxyDeps, VERSION, type ProxyDeps, type RunningProxy, type StartProxyConfig } from './server/start-proxy.js';
export { ConfigError } from './config/config-error.js';
export { ensureConfigFile } from './config/default-config.js';
export { defaultConfigDir, defaultDataDir } from './config/paths.js';
export { resolveConfigPath } from './config/resolve-config-path.js';
export { ProxyError } from './shared/errors.js';
export * as management from './server/management/contract.js';
export { runLocalChecks, type CheckResult } from './diagnostics/index.js';
