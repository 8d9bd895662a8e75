import type { ApiKeyEntry, ProxyConfig } from '../config/proxy-config.js';
import { maskSecret } from '../shared/mask.js';
import { sha256Hex } from '../shared/ids.js';
import type { Credential } from './credential.js';

const YAML_KEYS = { gemini: 'gemini-api-key', claude: 'claude-api-key', codex: 'codex-api-key', xai: 'xai-api-key', vertex: 'vertex-api-key' } as const;

/** Turns config.yaml key entries into credentials. Ids depend on the key and base URL, not on list order. */
export function credentialsFromConfig(config: ProxyConfig): Credential[] {
  const credentials: Credential[] = [];
  const fromEntry = (entry: ApiKeyEntry): Credential => {
    const seed = `${entry.kind}|${entry.baseUrl ?? ''}|${entry.apiKey}`;
    const hash = sha256Hex(seed);
    return {
      id: `${entry.kind}:${hash.slice(0, 12)}`,
      authIndex: hash.slice(0, 16),
      provider: entry.kind,
      group: entry.kind,
      kind: 'api-key',
      label: maskSecret(entry.apiKey),
      priority: entry.priority,
      weight: entry.weight,
      prefix: entry.prefix,
      baseUrl: entry.baseUrl,
      proxyUrl: entry.proxyUrl || config.proxyUrl || undefined,
      headers: entry.headers,
      models: entry.models,
      excludedModels: entry.excludedModels,
      disabled: entry.disabled,
      secret: entry.apiKey,
      source: { type: 'config', yamlKey: entry.yamlKey ?? YAML_KEYS[entry.kind], index: entry.index },
    };
  };
  for (const entry of [...config.geminiApiKeys, ...config.claudeApiKeys, ...config.codexApiKeys, ...config.xaiApiKeys, ...config.vertexApiKeys]) credentials.push(fromEntry(entry));

  for (const entry of config.openAiCompatibility) {
    entry.keys.forEach((key, keyIndex) => {
      const hash = sha256Hex(`openai-compatibility|${entry.name}|${entry.baseUrl}|${key.apiKey}`);
      credentials.push({
        id: `openai-compatibility:${hash.slice(0, 12)}`,
        authIndex: hash.slice(0, 16),
        provider: entry.wireApi === 'responses' ? 'openai-compatible-responses' : 'openai-compatible',
        group: entry.name,
        kind: 'api-key',
        label: `${entry.name} ${maskSecret(key.apiKey)}`,
        priority: entry.priority,
        weight: key.weight,
        prefix: entry.prefix,
        baseUrl: entry.baseUrl,
        proxyUrl: key.proxyUrl || entry.proxyUrl || config.proxyUrl || undefined,
        headers: entry.headers,
        models: entry.models,
        excludedModels: entry.excludedModels,
        disabled: entry.disabled || key.disabled,
        secret: key.apiKey,
        source: entry.yamlKey
          ? { type: 'config', yamlKey: entry.yamlKey, index: entry.index }
          : { type: 'config', yamlKey: 'openai-compatibility', index: entry.index, keyIndex },
      });
    });
  }
  return credentials;
}
