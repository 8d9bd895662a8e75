import type { ProxyConfig } from '../config/proxy-config.js';
import type { Binding } from '../credentials/selector.js';
import type { Credential } from '../credentials/credential.js';
import type { ModelInfo, ProviderDefinition } from '../providers/provider-definition.js';
import { compileGlob } from '../shared/glob.js';

export interface ListedModel {
  id: string;
  /** Provider groups serving it (e.g. `claude`, `openrouter`). */
  ownedBy: string;
  displayName?: string;
  created: number;
  contextLength?: number;
  maxOutputTokens?: number;
}

export interface ModelRegistry {
  /** Bindings of enabled credentials for a client-facing model id. */
  bindings(modelId: string): readonly Binding[] | undefined;
  /** Bindings of disabled credentials (to explain why a model is missing). */
  disabledBindings(modelId: string): readonly Binding[] | undefined;
  list(): readonly ListedModel[];
  /** Every model a credential serves (client-facing ids). */
  modelsOf(credentialId: string): readonly string[];
  /**
   * The model a provider with credentials here serves instead of `modelId` (its `modelFallbacks`), and that
   * provider; undefined when none declares one.
   */
  fallbackFor?(modelId: string): { model: string; provider: string } | undefined;
  readonly credentialCount: number;
}

/** Fixed timestamp for `created` so lists are stable across restarts (2025-01-01). */
const CREATED = 1_735_689_600;

/**
 * Builds the client-facing model inventory from credentials: per credential, its `models` aliases or the
 * provider catalogue, minus excluded models (globs, matched against upstream name and alias), OAuth model
 * aliases (OAuth only), then `prefix/` variants (the bare id too unless `force-model-prefix`).
 */
export function buildModelRegistry(
  credentials: readonly Credential[],
  providers: ReadonlyMap<string, ProviderDefinition>,
  config: Pick<ProxyConfig, 'forceModelPrefix' | 'oauthExcludedModels' | 'oauthModelAlias'>,
): ModelRegistry {
  const enabled = new Map<string, Binding[]>();
  const disabled = new Map<string, Binding[]>();
  const listed = new Map<string, ListedModel>();
  const byCredential = new Map<string, string[]>();

  for (const credential of credentials) {
    const provider = providers.get(credential.provider);
    if (!provider) continue;
    const models = provider.catalogFor?.(credential) ?? provider.catalog;
    const catalog = new Map<string, ModelInfo>(models.map((model) => [model.id, model]));
    let pairs: Array<{ alias: string; name: string; info?: ModelInfo }> =
      credential.models.length > 0
        ? credential.models.map((model) => ({ alias: model.alias, name: model.name, info: catalog.get(model.name) }))
        : models.map((model) => ({ alias: model.id, name: model.id, info: model }));

    const excluded = [...credential.excludedModels, ...(credential.kind === 'oauth' ? (config.oauthExcludedModels[credential.provider] ?? []) : [])];
    if (excluded.length > 0) {
      const matchers = excluded.map(compileGlob);
      pairs = pairs.filter((pair) => !matchers.some((match) => match(pair.alias) || match(pair.name)));
    }
    if (credential.kind === 'oauth') pairs = applyOAuthAliases(pairs, config.oauthModelAlias[credential.provider] ?? []);

    const ids: string[] = [];
    for (const pair of pairs) {
      const names: string[] = [];
      if (credential.prefix) {
        names.push(`${credential.prefix}/${pair.alias}`);
        if (!config.forceModelPrefix || credential.prefix === pair.alias) names.push(pair.alias);
      } else {
        names.push(pair.alias);
      }
      for (const id of names) {
        const target = credential.disabled ? disabled : enabled;
        const list = target.get(id);
        const binding: Binding = { credential, upstreamModel: pair.name };
        if (list) list.push(binding);
        else target.set(id, [binding]);
        ids.push(id);
        if (credential.disabled) continue;
        const existing = listed.get(id);
        if (existing) {
          if (!existing.ownedBy.split(',').includes(credential.group)) existing.ownedBy += `,${credential.group}`;
        } else {
          listed.set(id, {
            id,
            ownedBy: credential.group,
            displayName: pair.info?.displayName,
            created: pair.info?.created ?? CREATED,
            contextLength: pair.info?.contextLength,
            maxOutputTokens: pair.info?.maxOutputTokens,
          });
        }
      }
    }
    byCredential.set(credential.id, ids);
  }

  const sortedList = [...listed.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fallbacks = new Map<string, { model: string; provider: string }>();
  for (const id of new Set(credentials.map((credential) => credential.provider))) {
    for (const [from, to] of Object.entries(providers.get(id)?.modelFallbacks ?? {})) if (!fallbacks.has(from)) fallbacks.set(from, { model: to, provider: id });
  }
  return {
    bindings: (id) => enabled.get(id),
    disabledBindings: (id) => disabled.get(id),
    list: () => sortedList,
    modelsOf: (id) => byCredential.get(id) ?? [],
    fallbackFor: (id) => fallbacks.get(id),
    credentialCount: credentials.length,
  };
}

function applyOAuthAliases(
  pairs: Array<{ alias: string; name: string; info?: ModelInfo }>,
  aliases: ReadonlyArray<{ name: string; alias: string; fork: boolean }>,
): Array<{ alias: string; name: string; info?: ModelInfo }> {
  if (aliases.length === 0) return pairs;
  const result: Array<{ alias: string; name: string; info?: ModelInfo }> = [];
  for (const pair of pairs) {
    const matches = aliases.filter((alias) => alias.name.toLowerCase() === pair.alias.toLowerCase());
    if (matches.length === 0 || matches.some((alias) => alias.fork)) result.push(pair);
    for (const alias of matches) result.push({ ...pair, alias: alias.alias });
  }
  return result;
}
