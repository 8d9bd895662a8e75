export { OPENAI_COMPATIBLE_PRESETS, PRESET_CONFIG_KEYS, type OpenAiCompatiblePreset } from './openai-compatible-presets.js';
export { configFileSchema, KNOWN_TOP_LEVEL_KEYS, RESTART_KEYS, type ConfigFile, type ConfigFileInput } from './schema.js';
export {
  toProxyConfig,
  type ApiKeyEntry,
  type ApiKeyProviderKind,
  type ConfigWarning,
  type ModelAlias,
  type OpenAiCompatibilityEntry,
  type ProxyConfig,
} from './proxy-config.js';
export {
  APP_FOLDER_NAME,
  DATA_DIR_ENV,
  UNIX_FOLDER_NAME,
  defaultConfigDir,
  defaultDataDir,
  expandHome,
  type Environment,
  type PlatformContext,
} from './paths.js';
export {
  CONFIG_FILE_NAME,
  CONFIG_PATH_ENV_NAMES,
  resolveConfigPath,
  type ConfigPathSource,
  type ResolveConfigPathOptions,
  type ResolvedConfigPath,
} from './resolve-config-path.js';
export { ConfigError, formatConfigProblem, type ConfigProblem } from './config-error.js';
export { loadConfigFile, parseConfigText, type LoadConfigFileOptions, type LoadedConfig, type ParseConfigOptions } from './load.js';
export {
  ensureConfigFile,
  generateConfigKey,
  renderDefaultConfig,
  type DefaultConfigKeys,
  type EnsureConfigFileOptions,
  type EnsureConfigFileResult,
  type EnsureConfigFileSystem,
  type KeyPurpose,
} from './default-config.js';
export {
  applyConfigChanges,
  validateConfigText,
  writeFileAtomic,
  type AtomicWriteFileSystem,
  type ConfigChange,
  type ValidateConfigResult,
  type WriteFileAtomicOptions,
  type WriteResult,
} from './write.js';
export { watchConfigFile, type ConfigWatcher, type WatchConfigFileOptions, type WatchFileSystem, type WatchLogger } from './watch.js';
