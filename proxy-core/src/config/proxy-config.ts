/** The runtime configuration: camelCase, defaults applied, legacy keys migrated, entries normalised. */
import { OPENAI_COMPATIBLE_PRESETS } from './openai-compatible-presets.js';
import type { ConfigFile } from './schema.js';

/** `payload` rules (applied by pipeline/payload-rules.ts). */
export interface PayloadModelRule {
  name: string;
  protocol?: string;
  fromProtocol?: string;
  headers?: Record<string, string>;
  match?: Array<Record<string, unknown>>;
  notMatch?: Array<Record<string, unknown>>;
  exist?: string[];
  notExist?: string[];
}
export interface PayloadSetRule {
  models: PayloadModelRule[];
  params: Record<string, unknown>;
}
export interface PayloadFilterRule {
  models: PayloadModelRule[];
  params: string[];
}
export interface PayloadRules {
  default: PayloadSetRule[];
  defaultRaw: PayloadSetRule[];
  override: PayloadSetRule[];
  overrideRaw: PayloadSetRule[];
  filter: PayloadFilterRule[];
}


type PresetConfigKey = 'minimax' | 'roo' | 'kilo' | 'deepseek' | 'groq' | 'mistral' | 'siliconflow' | 'openrouter' | 'together' | 'fireworks' | 'novita';

export type ApiKeyProviderKind = 'gemini' | 'claude' | 'codex' | 'xai' | 'vertex';

export interface ModelAlias {
  /** The upstream model name. */
  name: string;
  /** What clients ask for; defaults to `name`. */
  alias: string;
}

export interface ApiKeyEntry {
  kind: ApiKeyProviderKind;
  /** Position in its YAML list (for management PATCH/DELETE by index). */
  index: number;
  /** The YAML list it comes from when that is not the kind's own (legacy `generative-language-api-key`). */
  yamlKey?: string;
  apiKey: string;
  priority: number;
  /** `weight` for weighted-round-robin (default 1; ≤ 0 = never picked by that strategy). */
  weight: number;
  prefix?: string;
  baseUrl?: string;
  proxyUrl?: string;
  headers: Record<string, string>;
  models: ModelAlias[];
  excludedModels: string[];
  disabled: boolean;
}

export interface OpenAiCompatibilityEntry {
  index: number;
  /** The YAML list it comes from when not `openai-compatibility` (a preset key such as `deepseek`). */
  yamlKey?: string;
  name: string;
  priority: number;
  disabled: boolean;
  prefix?: string;
  baseUrl: string;
  proxyUrl?: string;
  keys: Array<{ apiKey: string; proxyUrl?: string; weight: number; disabled: boolean }>;
  models: ModelAlias[];
  headers: Record<string, string>;
  excludedModels: string[];
  /** `wire-api`: which OpenAI API the vendor is called with. */
  wireApi: 'chat' | 'responses';
}

export interface ProxyConfig {
  host: string;
  port: number;
  /** `~` already expanded. */
  authDir: string;
  apiKeys: string[];
  debug: boolean;
  loggingToFile: boolean;
  logsMaxTotalSizeMb: number;
  usageStatisticsEnabled: boolean;
  /** `ws-auth`: the AI Studio relay (/v1/ws) requires a client key. */
  wsAuth: boolean;
  /** `request-log` and its caps (observability/request-log). */
  requestLog: { enabled: boolean; errorMaxFiles: number; maxFiles: number; bodyLimitBytes: number };
  /** `model-prices`: USD per million tokens, ahead of the built-in list. */
  modelPrices: Array<{ model: string; input: number; output: number; cachedInput?: number }>;
  usageRetentionDays: number;
  proxyUrl: string;
  requestRetry: number;
  maxRetryInterval: number;
  maxRetryCredentials: number;
  disableCooling: boolean;
  /** `transient-error-cooldown-seconds` (0 = 60 s, -1 = none). */
  transientErrorCooldownSeconds: number;
  /** `passthrough-headers`: forward the upstream's response headers (filtered). */
  passthroughHeaders: boolean;
  /** `nonstream-keepalive-interval` in seconds (0 = off). */
  nonstreamKeepaliveInterval: number;
  /** `payload`: default / override / filter rules for upstream bodies. */
  payload: PayloadRules;
  forceModelPrefix: boolean;
  requestBodyLimitBytes: number;
  /** `model-list-refresh` in ms (0 = live model lists are asked only when an account appears or on demand). */
  modelListRefreshMs: number;
  /** `upstream-body-limit-mb`: the most of one upstream answer held in memory. */
  upstreamBodyLimitBytes: number;
  /** `max-connections`: client connections held open at once. */
  maxConnections: number;
  /** `timeouts.*` in milliseconds; 0 = no limit. */
  timeouts: TimeoutSettings;
  routingStrategy: 'round-robin' | 'fill-first' | 'weighted-round-robin';
  /** `routing.session-affinity` / `session-affinity-ttl` (milliseconds). */
  sessionAffinity: { enabled: boolean; ttlMs: number };
  /** `model-passthrough`: unlisted ids of a known family go to that family's keys without a models list. */
  modelPassthrough: boolean;
  modelMappings: ModelMapping[];
  modelChains: ModelChain[];
  remoteManagement: { allowRemote: boolean; secretKey: string; disableControlPanel: boolean };
  streaming: { keepaliveSeconds: number; bootstrapRetries: number };
  quotaExceeded: { switchProject: boolean; switchPreviewModel: boolean };
  geminiApiKeys: ApiKeyEntry[];
  claudeApiKeys: ApiKeyEntry[];
  codexApiKeys: ApiKeyEntry[];
  xaiApiKeys: ApiKeyEntry[];
  vertexApiKeys: ApiKeyEntry[];
  openAiCompatibility: OpenAiCompatibilityEntry[];
  oauthExcludedModels: Record<string, string[]>;
  oauthModelAlias: Record<string, Array<{ name: string; alias: string; fork: boolean }>>;
  /** Per OAuth channel: endpoint name → URL (`oauth-endpoints`, with `oauth-upstream` as `api`). */
  oauthEndpoints: Record<string, Record<string, string>>;
  /** `ampcode`: where Amp's own API lives (empty: not passed on) and the Amp key sent there. */
  ampcode: AmpcodeSettings;
}

/** One `ampcode.model-mappings` rule: `from` is an exact name (any case) or, with `regex`, a case-insensitive pattern. */
export interface AmpModelMapping {
  from: string;
  to: string;
  regex: boolean;
}

export interface AmpcodeSettings {
  upstreamUrl: string;
  upstreamApiKey: string;
  restrictManagementToLocalhost: boolean;
  /** Client key → the Amp key sent upstream for that caller (`upstream-api-keys`). */
  upstreamApiKeys: Array<{ upstreamApiKey: string; apiKeys: string[] }>;
  modelMappings: AmpModelMapping[];
  forceModelMappings: boolean;
}

/** One `model-mappings` rule (order matters: the first that matches wins). */
export interface ModelMapping {
  /** 1-based position in the list (logs say "mapping 2"). */
  position: number;
  from: string;
  regex: boolean;
  to: string;
  /** Empty: every client key. */
  clientKeys: string[];
}

/** One `model-chains` entry: a virtual model whose members are tried in order. */
export interface ModelChain {
  name: string;
  models: string[];
}

export interface TimeoutSettings {
  /** A client must finish sending its request headers within this. */
  requestHeadersMs: number;
  /** Longest silence between two chunks of a request body (not the whole upload). */
  requestBodyIdleMs: number;
  /** An idle kept-alive client connection is closed after this. */
  keepAliveMs: number;
  upstreamConnectMs: number;
  /** From sending a request upstream to its response headers. */
  upstreamFirstByteMs: number;
  /** Longest silence between two chunks of an upstream answer. */
  upstreamIdleMs: number;
}

export interface ConfigWarning {
  /** Dotted key path, e.g. `codex-api-key.0.base-url`. */
  key: string;
  line?: number;
  message: string;
}

/** Turn the validated file into the runtime shape. Entries that cannot work are dropped with a warning. */
export function toProxyConfig(file: ConfigFile, expandHome: (path: string) => string): { config: ProxyConfig; warnings: ConfigWarning[] } {
  const warnings: ConfigWarning[] = [];
  const aliases = (models: Array<{ name: string; alias?: string }> | undefined): ModelAlias[] =>
    (models ?? []).map((model) => ({ name: model.name, alias: model.alias || model.name }));

  type Positioned = { entry: ConfigFile['gemini-api-key'][number]; index: number; yamlKey: string };
  const positioned = (list: ConfigFile['gemini-api-key'], yamlKey: string): Positioned[] => list.map((entry, index) => ({ entry, index, yamlKey }));
  const keyEntries = (kind: ApiKeyProviderKind, list: Positioned[], ownKey: string): ApiKeyEntry[] => {
    const result: ApiKeyEntry[] = [];
    list.forEach(({ entry, index, yamlKey }) => {
      if (!entry['api-key']) {
        warnings.push({ key: `${yamlKey}.${index}.api-key`, message: 'entry has an empty api-key and is ignored' });
        return;
      }
      if ((kind === 'codex' || kind === 'xai') && !entry['base-url']) {
        const example = kind === 'codex' ? 'https://api.openai.com/v1' : 'https://api.x.ai/v1';
        warnings.push({
          key: `${yamlKey}.${index}.base-url`,
          message: `${yamlKey} entries need a base-url (e.g. ${example}); this entry is ignored`,
        });
        return;
      }
      result.push({
        kind,
        index,
        ...(yamlKey !== ownKey ? { yamlKey } : {}),
        apiKey: entry['api-key'],
        priority: entry.priority ?? 0,
        weight: entry.weight ?? 1,
        prefix: entry.prefix || undefined,
        baseUrl: entry['base-url'] || undefined,
        proxyUrl: entry['proxy-url'] || undefined,
        headers: entry.headers ?? {},
        models: aliases(entry.models),
        excludedModels: entry['excluded-models'] ?? [],
        disabled: entry.disabled ?? false,
      });
    });
    return result;
  };

  // Duplicates (same key and base-url) are dropped, as in the reference; legacy bare keys are migrated. Each
  // entry keeps its own list and position, so management edits the line it came from.
  const gemini: Positioned[] = [];
  const legacyGemini: Positioned[] = (file['generative-language-api-key'] ?? []).map((key, index) => ({ entry: { 'api-key': key }, index, yamlKey: 'generative-language-api-key' }));
  for (const item of [...positioned(file['gemini-api-key'], 'gemini-api-key'), ...legacyGemini]) {
    const { entry } = item;
    if (!gemini.some(({ entry: kept }) => kept['api-key'] === entry['api-key'] && (kept['base-url'] ?? '') === (entry['base-url'] ?? ''))) gemini.push(item);
  }

  const openAiCompatibility: OpenAiCompatibilityEntry[] = [];
  file['openai-compatibility'].forEach((entry, index) => {
    if (!entry['base-url']) {
      warnings.push({
        key: `openai-compatibility.${index}.base-url`,
        message: `openai-compatibility entry "${entry.name}" has no base-url and is ignored`,
      });
      return;
    }
    const keys = (entry['api-key-entries'] ?? []).map((key) => ({
      apiKey: key['api-key'],
      proxyUrl: key['proxy-url'] || undefined,
      weight: key.weight ?? 1,
      disabled: key.disabled ?? false,
    }));
    for (const legacy of entry['api-keys'] ?? []) keys.push({ apiKey: legacy, proxyUrl: undefined, weight: 1, disabled: false });
    openAiCompatibility.push({
      index,
      name: entry.name,
      priority: entry.priority ?? 0,
      disabled: entry.disabled ?? false,
      prefix: entry.prefix || undefined,
      baseUrl: entry['base-url'].replace(/\/+$/, ''),
      proxyUrl: entry['proxy-url'] || undefined,
      keys: keys.filter((key) => key.apiKey.length > 0),
      models: aliases(entry.models),
      headers: entry.headers ?? {},
      excludedModels: entry['excluded-models'] ?? [],
      wireApi: entry['wire-api'] ?? 'chat',
    });
  });

  // cliproxyapi-plusplus's vendor shortcuts (`deepseek:`, `groq:`, …): one entry per key, named after the list.
  for (const preset of OPENAI_COMPATIBLE_PRESETS) {
    if (!preset.configKey) continue;
    const list = file[preset.id as PresetConfigKey] ?? [];
    list.forEach((entry, index) => {
      if (!entry['api-key']) {
        const reason = entry['token-file'] ? 'token-file is not read by this app; paste the key itself as api-key' : 'it has no api-key';
        warnings.push({ key: `${preset.id}.${index}.api-key`, message: `${preset.id} entry ${index + 1} is ignored: ${reason}` });
        return;
      }
      openAiCompatibility.push({
        index,
        yamlKey: preset.id,
        name: preset.id,
        priority: entry.priority ?? 0,
        disabled: entry.disabled ?? false,
        prefix: entry.prefix || undefined,
        baseUrl: (entry['base-url'] || preset.baseUrl).replace(/\/+$/, ''),
        proxyUrl: entry['proxy-url'] || undefined,
        keys: [{ apiKey: entry['api-key'], proxyUrl: undefined, weight: entry.weight ?? 1, disabled: false }],
        models: aliases(entry.models),
        headers: entry.headers ?? {},
        excludedModels: entry['excluded-models'] ?? [],
        wireApi: 'chat',
      });
    });
  }

  const management = file['remote-management'];
  const oauthEndpoints: Record<string, Record<string, string>> = {};
  for (const [channel, url] of Object.entries(file['oauth-upstream'])) (oauthEndpoints[channel.toLowerCase()] ??= {}).api = url.replace(/\/+$/, '');
  for (const [channel, endpoints] of Object.entries(file['oauth-endpoints'])) Object.assign((oauthEndpoints[channel.toLowerCase()] ??= {}), endpoints);
  const config: ProxyConfig = {
    host: file.host,
    port: file.port,
    authDir: expandHome(file['auth-dir']),
    apiKeys: [...new Set(file['api-keys'].filter((key) => key.length > 0))],
    debug: file.debug,
    loggingToFile: file['logging-to-file'],
    logsMaxTotalSizeMb: file['logs-max-total-size-mb'],
    usageStatisticsEnabled: file['usage-statistics-enabled'],
    wsAuth: file['ws-auth'],
    modelPrices: file['model-prices'].map((price) => ({
      model: price.model,
      input: price.input,
      output: price.output,
      ...(price['cached-input'] !== undefined ? { cachedInput: price['cached-input'] } : {}),
    })),
    requestLog: {
      enabled: file['request-log'],
      errorMaxFiles: file['error-logs-max-files'],
      maxFiles: file['request-log-max-files'],
      bodyLimitBytes: file['request-log-body-limit-kb'] * 1024,
    },
    usageRetentionDays: file['usage-retention-days'],
    proxyUrl: file['proxy-url'],
    requestRetry: file['request-retry'],
    maxRetryInterval: file['max-retry-interval'],
    maxRetryCredentials: file['max-retry-credentials'],
    disableCooling: file['disable-cooling'],
    transientErrorCooldownSeconds: file['transient-error-cooldown-seconds'],
    passthroughHeaders: file['passthrough-headers'],
    nonstreamKeepaliveInterval: file['nonstream-keepalive-interval'],
    payload: toPayloadRules(file.payload),
    forceModelPrefix: file['force-model-prefix'],
    requestBodyLimitBytes: Math.round(file['request-body-limit-mb'] * 1024 * 1024),
    modelListRefreshMs: file['model-list-refresh'],
    upstreamBodyLimitBytes: Math.round(file['upstream-body-limit-mb'] * 1024 * 1024),
    maxConnections: file['max-connections'],
    timeouts: toTimeoutSettings(file.timeouts),
    routingStrategy: file.routing.strategy as ProxyConfig['routingStrategy'],
    sessionAffinity: { enabled: file.routing['session-affinity'], ttlMs: file.routing['session-affinity-ttl'] },
    modelPassthrough: file['model-passthrough'],
    modelMappings: file['model-mappings'].map((rule, index) => ({
      position: index + 1,
      from: rule.from,
      regex: rule.regex ?? false,
      to: rule.to,
      clientKeys: rule['client-keys'] ?? [],
    })),
    modelChains: file['model-chains'].map((chain) => ({ name: chain.name, models: chain.models })),
    remoteManagement: {
      allowRemote: management['allow-remote'],
      secretKey: management['secret-key'],
      disableControlPanel: management['disable-control-panel'],
    },
    streaming: {
      keepaliveSeconds: file.streaming['keepalive-seconds'],
      bootstrapRetries: file.streaming['bootstrap-retries'],
    },
    quotaExceeded: {
      switchProject: file['quota-exceeded']['switch-project'],
      switchPreviewModel: file['quota-exceeded']['switch-preview-model'],
    },
    geminiApiKeys: keyEntries('gemini', gemini, 'gemini-api-key'),
    claudeApiKeys: keyEntries('claude', positioned(file['claude-api-key'], 'claude-api-key'), 'claude-api-key'),
    codexApiKeys: keyEntries('codex', positioned(file['codex-api-key'], 'codex-api-key'), 'codex-api-key'),
    xaiApiKeys: keyEntries('xai', positioned(file['xai-api-key'], 'xai-api-key'), 'xai-api-key'),
    vertexApiKeys: keyEntries('vertex', positioned(file['vertex-api-key'], 'vertex-api-key'), 'vertex-api-key'),
    openAiCompatibility,
    oauthExcludedModels: Object.fromEntries(Object.entries(file['oauth-excluded-models']).map(([channel, list]) => [channel.toLowerCase(), list])),
    oauthModelAlias: Object.fromEntries(
      Object.entries(file['oauth-model-alias']).map(([channel, list]) => [
        channel.toLowerCase(),
        list.map((item) => ({ name: item.name, alias: item.alias, fork: item.fork ?? false })),
      ]),
    ),
    oauthEndpoints,
    ampcode: {
      upstreamUrl: (file.ampcode['upstream-url'] ?? '').replace(/\/+$/, ''),
      upstreamApiKey: file.ampcode['upstream-api-key'],
      restrictManagementToLocalhost: file.ampcode['restrict-management-to-localhost'],
      upstreamApiKeys: file.ampcode['upstream-api-keys'].map((entry) => ({ upstreamApiKey: entry['upstream-api-key'], apiKeys: entry['api-keys'] })),
      modelMappings: file.ampcode['model-mappings'].filter((rule, index) => {
        if (!rule.regex) return true;
        try {
          new RegExp(rule.from, 'i');
          return true;
        } catch (error) {
          warnings.push({ key: `ampcode.model-mappings.${index}.from`, message: `is not a valid regular expression (${(error as Error).message}); this mapping is ignored` });
          return false;
        }
      }),
      forceModelMappings: file.ampcode['force-model-mappings'],
    },
  };
  return { config, warnings };
}

function toTimeoutSettings(file: ConfigFile['timeouts']): TimeoutSettings {
  const ms = (seconds: number) => Math.round(seconds * 1000);
  return {
    requestHeadersMs: ms(file['request-headers-seconds']),
    requestBodyIdleMs: ms(file['request-body-idle-seconds']),
    keepAliveMs: ms(file['keep-alive-seconds']),
    upstreamConnectMs: ms(file['upstream-connect-seconds']),
    upstreamFirstByteMs: ms(file['upstream-first-byte-seconds']),
    upstreamIdleMs: ms(file['upstream-idle-seconds']),
  };
}

type PayloadFileModel = ConfigFile['payload']['default'][number]['models'][number];

function toPayloadModels(models: PayloadFileModel[]): PayloadRules['default'][number]['models'] {
  return models.map((model) => ({
    name: model.name,
    ...(model.protocol ? { protocol: model.protocol } : {}),
    ...(model['from-protocol'] ? { fromProtocol: model['from-protocol'] } : {}),
    ...(model.headers ? { headers: model.headers } : {}),
    ...(model.match ? { match: model.match } : {}),
    ...(model['not-match'] ? { notMatch: model['not-match'] } : {}),
    ...(model.exist ? { exist: model.exist } : {}),
    ...(model['not-exist'] ? { notExist: model['not-exist'] } : {}),
  }));
}

function toPayloadRules(file: ConfigFile['payload']): PayloadRules {
  const set = (rules: Array<{ models: PayloadFileModel[]; params: Record<string, unknown> }>) => rules.map((rule) => ({ models: toPayloadModels(rule.models), params: rule.params }));
  return {
    default: set(file.default),
    defaultRaw: set(file['default-raw']),
    override: set(file.override),
    overrideRaw: set(file['override-raw']),
    filter: file.filter.map((rule) => ({ models: toPayloadModels(rule.models), params: rule.params })),
  };
}
