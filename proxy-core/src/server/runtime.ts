import type { ProxyConfig, ConfigWarning } from '../config/proxy-config.js';
import { createCooldownStore, type CooldownStore } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import { createAffinitySelector, type AffinityStats } from '../credentials/affinity.js';
import { createSelector, type Selector } from '../credentials/selector.js';
import { credentialsFromConfig } from '../credentials/synthesize.js';
import { buildModelRegistry, type ModelRegistry } from '../pipeline/model-registry.js';
import type { ModelInfo, ProviderDefinition } from '../providers/provider-definition.js';
import { createClientKeyRing, type ClientKeyRing } from './client-auth.js';

/** Everything derived from one config version; swapped atomically on reload. */
export interface RuntimeState {
  version: number;
  config: ProxyConfig;
  configText: string;
  warnings: ConfigWarning[];
  keyRing: ClientKeyRing;
  credentials: Credential[];
  credentialsById: Map<string, Credential>;
  registry: ModelRegistry;
  selector: Selector;
  /** Every secret the config holds, for log redaction. */
  secrets: string[];
}

export interface Runtime {
  current(): RuntimeState;
  /** Installs a new config (validated by the caller). */
  apply(config: ProxyConfig, text: string, warnings: ConfigWarning[]): RuntimeState;
  /** Credentials from auth-dir files (OAuth providers), merged with config keys. */
  setFileCredentials(credentials: Credential[]): RuntimeState;
  /** Credentials that exist only while connected (AI Studio relay tabs), merged with the others. */
  setRuntimeCredentials(credentials: Credential[]): RuntimeState;
  /** Runtime enable/disable that could not be saved to disk. */
  setDisabledOverride(credentialId: string, disabled: boolean | undefined): RuntimeState;
  /** Installs new live model lists (by credential id) and rebuilds the model registry from them. */
  setLiveModels(lists: ReadonlyMap<string, readonly ModelInfo[]>): RuntimeState;
  readonly cooldowns: CooldownStore;
  readonly providers: ReadonlyMap<string, ProviderDefinition>;
  /** Session affinity hits and misses since start (`routing.session-affinity`). */
  affinity(): AffinityStats;
}

/** `transient-error-cooldown-seconds`: 0 = the reference's 60 s, -1 (any negative) = none, else seconds. */
export function transientCooldownMs(seconds: number): number {
  if (seconds === 0) return 60_000;
  return seconds < 0 ? 0 : seconds * 1000;
}

/** Conversations session affinity remembers at most (least recently used forgotten first). */
const AFFINITY_CAPACITY = 10_000;

export function createRuntime(
  providers: ReadonlyMap<string, ProviderDefinition>,
  initial: { config: ProxyConfig; text: string; warnings: ConfigWarning[] },
  now: () => number = Date.now,
): Runtime {
  // Read when a request fails, long after `state` is set below: a reload applies to the next failure.
  const cooldowns = createCooldownStore({ transientMs: () => transientCooldownMs(state.config.transientErrorCooldownSeconds) });
  let fileCredentials: Credential[] = [];
  let runtimeCredentials: Credential[] = [];
  const overrides = new Map<string, boolean>();
  let selector: Selector | undefined;
  let selectorShape: string | undefined;
  const affinityStats: AffinityStats = { hits: 0, misses: 0 };
  let state: RuntimeState;
  let version = 0;
  let liveModels: ReadonlyMap<string, readonly ModelInfo[]> = new Map();

  const build = (config: ProxyConfig, text: string, warnings: ConfigWarning[]): RuntimeState => {
    const credentials = [...credentialsFromConfig(config), ...fileCredentials, ...runtimeCredentials].map((credential) =>
      overrides.has(credential.id) ? { ...credential, disabled: overrides.get(credential.id)! } : credential,
    );
    // Rebuilt only when the strategy or affinity settings change, so rotation cursors and pins survive other edits.
    const shape = `${config.routingStrategy} ${config.sessionAffinity.enabled} ${config.sessionAffinity.ttlMs}`;
    if (!selector || selectorShape !== shape) {
      const base = createSelector(config.routingStrategy);
      selector = config.sessionAffinity.enabled
        ? createAffinitySelector(base, { ttlMs: config.sessionAffinity.ttlMs, capacity: AFFINITY_CAPACITY, now, stats: affinityStats })
        : base;
      selectorShape = shape;
    }
    cooldowns.retain(new Set(credentials.map((credential) => credential.id)));
    const secrets = [...config.apiKeys, ...credentials.map((credential) => credential.secret)];
    if (config.remoteManagement.secretKey) secrets.push(config.remoteManagement.secretKey);
    if (config.ampcode.upstreamApiKey) secrets.push(config.ampcode.upstreamApiKey);
    for (const entry of config.ampcode.upstreamApiKeys) secrets.push(entry.upstreamApiKey);
    return {
      version: ++version,
      config,
      configText: text,
      warnings,
      keyRing: createClientKeyRing(config.apiKeys),
      credentials,
      credentialsById: new Map(credentials.map((credential) => [credential.id, credential])),
      registry: buildModelRegistry(credentials, providers, config, liveModels),
      selector,
      secrets,
    };
  };

  state = build(initial.config, initial.text, initial.warnings);
  return {
    current: () => state,
    apply(config, text, warnings) {
      state = build(config, text, warnings);
      return state;
    },
    setFileCredentials(credentials) {
      fileCredentials = credentials;
      state = build(state.config, state.configText, state.warnings);
      return state;
    },
    setRuntimeCredentials(credentials) {
      runtimeCredentials = credentials;
      state = build(state.config, state.configText, state.warnings);
      return state;
    },
    setDisabledOverride(credentialId, disabled) {
      if (disabled === undefined) overrides.delete(credentialId);
      else overrides.set(credentialId, disabled);
      state = build(state.config, state.configText, state.warnings);
      return state;
    },
    setLiveModels(lists) {
      liveModels = lists;
      state = { ...state, version: ++version, registry: buildModelRegistry(state.credentials, providers, state.config, liveModels) };
      return state;
    },
    cooldowns,
    providers,
    affinity: () => ({ ...affinityStats }),
  };
}
