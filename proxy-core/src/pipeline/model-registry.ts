import type { ProxyConfig } from '../config/proxy-config.js';
import type { Binding } from '../credentials/selector.js';
import type { Credential } from '../credentials/credential.js';
import type { ModelInfo, ProviderDefinition } from '../providers/provider-definition.js';
import { compileGlob } from '../shared/glob.js';

/** Where a served id comes from: the upstream's live list, a `models:` entry in config.yaml, or the built-in catalogue. */
export type ModelOrigin = 'live' | 'configured' | 'built-in';

export interface ListedModel {
  id: string;
  /** Where the enabled credentials serving it got the id from (sorted: live, configured, built-in). */
  sources: ModelOrigin[];
  /** Provider groups serving it (e.g. `claude`, `openrouter`). */
  ownedBy: string;
  displayName?: string;
  created: number;
  contextLength?: number;
  maxOutputTokens?: number;
}

/** A credential that serves (or would serve) a model, and the model as that credential's exclusions name it. */
export interface ModelSource {
  credential: Credential;
  /**
   * The model as the credential's list names it: the entry's alias (or catalogue id), without the key's
   * prefix and before OAuth model aliases. That is what `excluded-models` / `oauth-excluded-models` take.
   */
  name: string;
  /** Where this credential got the id from. */
  origins: ModelOrigin[];
}

/** A credential that would serve a model but for exact (glob-free) entries of its switchable exclusion list. */
export interface HiddenSource {
  credential: Credential;
  /**
   * The entries hiding it, as written: from the config entry's `excluded-models` (API keys) or
   * `oauth-excluded-models.<provider>` (subscription accounts). Removing them brings the model back.
   */
  patterns: string[];
}

/** A model no enabled credential serves because exact exclusion entries hide it everywhere. */
export interface HiddenModel {
  id: string;
  /** Provider groups that would serve it. */
  groups: string[];
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
  /** Credentials (enabled or disabled) serving `modelId`, with the name their exclusions would use. */
  sources(modelId: string): readonly ModelSource[];
  /** Credentials (enabled or disabled) that would serve `modelId` but for exact exclusion entries. */
  hiddenSources(modelId: string): readonly HiddenSource[];
  /**
   * Models hidden from every enabled credential by exact exclusion entries only (no glob, no account-file
   * exclusion): the ones a UI can show switched off and switch back on.
   */
  hidden(): readonly HiddenModel[];
  readonly credentialCount: number;
}

type Pair = { alias: string; name: string; info?: ModelInfo; entryName: string; origins: ModelOrigin[] };

const ORIGIN_ORDER: readonly ModelOrigin[] = ['live', 'configured', 'built-in'];
const mergeOrigins = (into: ModelOrigin[], more: readonly ModelOrigin[]) => {
  const set = new Set([...into, ...more]);
  into.splice(0, into.length, ...ORIGIN_ORDER.filter((origin) => set.has(origin)));
};

/** Fixed timestamp for `created` so lists are stable across restarts (2025-01-01). */
const CREATED = 1_735_689_600;

/**
 * Builds the client-facing model inventory from credentials: per credential, its `models` aliases or the
 * provider catalogue, minus excluded models (globs, matched against upstream name and alias), OAuth model
 * aliases (OAuth only), then `prefix/` variants (the bare id too unless `force-model-prefix`). What exact
 * (glob-free) exclusion entries removed is recorded (`hiddenSources`, `hidden`) so a model can be switched back
 * on; this is computed here, once per config or credential change, never per request.
 * `live` holds each credential's live model list (`model-list-refresher.ts`): a credential without `models:`
 * serves its catalogue plus the ids only the upstream listed (catalogue metadata, thinking included, wins for
 * known ids).
 */
export function buildModelRegistry(
  credentials: readonly Credential[],
  providers: ReadonlyMap<string, ProviderDefinition>,
  config: Pick<ProxyConfig, 'forceModelPrefix' | 'oauthExcludedModels' | 'oauthModelAlias'>,
  live: ReadonlyMap<string, readonly ModelInfo[]> = new Map(),
): ModelRegistry {
  const enabled = new Map<string, Binding[]>();
  const disabled = new Map<string, Binding[]>();
  const listed = new Map<string, ListedModel>();
  const byCredential = new Map<string, string[]>();

  const sourcesById = new Map<string, ModelSource[]>();
  const hiddenById = new Map<string, HiddenSource[]>();
  const push = <T>(map: Map<string, T[]>, id: string, item: T) => {
    const list = map.get(id);
    if (list) list.push(item);
    else map.set(id, [item]);
  };

  for (const credential of credentials) {
    const provider = providers.get(credential.provider);
    if (!provider) continue;
    const models = provider.catalogFor?.(credential) ?? provider.catalog;
    const catalog = new Map<string, ModelInfo>(models.map((model) => [model.id, model]));
    const candidates: Pair[] =
      credential.models.length > 0
        ? credential.models.map((model) => ({ alias: model.alias, name: model.name, info: catalog.get(model.name), entryName: model.alias, origins: ['configured'] }))
        : provider.liveListOnly && live.get(credential.id)?.length
          ? // The account's own list is authoritative: the catalogue ids it does not list are not its to serve.
            servedWithoutList([], live.get(credential.id)!)
          : servedWithoutList(models, live.get(credential.id) ?? []);

    const { kept, hidden } = applyExclusions(candidates, credential, config);
    const expand = (list: Pair[]) => (credential.kind === 'oauth' ? applyOAuthAliases(list, config.oauthModelAlias[credential.provider] ?? []) : list);
    const clientIds = (alias: string) =>
      credential.prefix ? [`${credential.prefix}/${alias}`, ...(!config.forceModelPrefix || credential.prefix === alias ? [alias] : [])] : [alias];

    for (const { pair, patterns } of hidden) {
      for (const expanded of expand([pair])) {
        for (const id of clientIds(expanded.alias)) {
          const existing = hiddenById.get(id)?.find((source) => source.credential === credential);
          if (existing) existing.patterns.push(...patterns.filter((pattern) => !existing.patterns.includes(pattern)));
          else push(hiddenById, id, { credential, patterns: [...patterns] });
        }
      }
    }

    const ids: string[] = [];
    for (const pair of expand(kept)) {
      for (const id of clientIds(pair.alias)) {
        push(credential.disabled ? disabled : enabled, id, { credential, upstreamModel: pair.name } satisfies Binding);
        push(sourcesById, id, { credential, name: pair.entryName, origins: [...pair.origins] });
        ids.push(id);
        if (credential.disabled) continue;
        const existing = listed.get(id);
        if (existing) {
          if (!existing.ownedBy.split(',').includes(credential.group)) existing.ownedBy += `,${credential.group}`;
          mergeOrigins(existing.sources, pair.origins);
        } else {
          listed.set(id, {
            id,
            sources: [...pair.origins],
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
  const hiddenList: HiddenModel[] = [];
  for (const [id, sources] of hiddenById) {
    const active = sources.filter((source) => !source.credential.disabled);
    if (active.length === 0 || listed.has(id)) continue;
    hiddenList.push({ id, groups: [...new Set(active.map((source) => source.credential.group))] });
  }
  hiddenList.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    bindings: (id) => enabled.get(id),
    disabledBindings: (id) => disabled.get(id),
    list: () => sortedList,
    modelsOf: (id) => byCredential.get(id) ?? [],
    fallbackFor: (id) => fallbacks.get(id),
    sources: (id) => sourcesById.get(id) ?? [],
    hiddenSources: (id) => hiddenById.get(id) ?? [],
    hidden: () => hiddenList,
    credentialCount: credentials.length,
  };
}

/** The catalogue (marked live too when the upstream lists it) followed by the ids only the live list has. */
function servedWithoutList(catalog: readonly ModelInfo[], live: readonly ModelInfo[]): Pair[] {
  const liveIds = new Set(live.map((model) => model.id));
  const known = new Set(catalog.map((model) => model.id));
  return [
    ...catalog.map((model): Pair => ({ alias: model.id, name: model.id, info: model, entryName: model.id, origins: liveIds.has(model.id) ? ['live', 'built-in'] : ['built-in'] })),
    ...live.filter((model) => !known.has(model.id)).map((model): Pair => ({ alias: model.id, name: model.id, info: model, entryName: model.id, origins: ['live'] })),
  ];
}

/**
 * Splits a credential's models into those it serves and those exact entries of its switchable exclusion list
 * hide (`excluded-models` of a config entry; `oauth-excluded-models.<provider>` for accounts). A model that a
 * glob, or an account file's own exclusion, also removes is simply gone: switching it on could not bring it back.
 * Patterns match the upstream name or the alias, case-insensitively.
 */
function applyExclusions(
  pairs: Pair[],
  credential: Credential,
  config: Pick<ProxyConfig, 'oauthExcludedModels'>,
): { kept: Pair[]; hidden: Array<{ pair: Pair; patterns: string[] }> } {
  const switchable = credential.kind === 'oauth' ? (config.oauthExcludedModels[credential.provider] ?? []) : credential.excludedModels;
  const fixed = [...(credential.kind === 'oauth' ? credential.excludedModels : []), ...switchable.filter((pattern) => pattern.includes('*'))];
  const exact = switchable.filter((pattern) => !pattern.includes('*'));
  if (fixed.length === 0 && exact.length === 0) return { kept: pairs, hidden: [] };
  const matchers = fixed.map(compileGlob);
  const kept: Pair[] = [];
  const hidden: Array<{ pair: Pair; patterns: string[] }> = [];
  for (const pair of pairs) {
    if (matchers.some((match) => match(pair.alias) || match(pair.name))) continue;
    const alias = pair.alias.toLowerCase();
    const name = pair.name.toLowerCase();
    const patterns = exact.filter((pattern) => pattern.toLowerCase() === alias || pattern.toLowerCase() === name);
    if (patterns.length > 0) hidden.push({ pair, patterns });
    else kept.push(pair);
  }
  return { kept, hidden };
}

function applyOAuthAliases(pairs: Pair[], aliases: ReadonlyArray<{ name: string; alias: string; fork: boolean }>): Pair[] {
  if (aliases.length === 0) return pairs;
  const result: Pair[] = [];
  for (const pair of pairs) {
    const matches = aliases.filter((alias) => alias.name.toLowerCase() === pair.alias.toLowerCase());
    if (matches.length === 0 || matches.some((alias) => alias.fork)) result.push(pair);
    for (const alias of matches) result.push({ ...pair, alias: alias.alias });
  }
  return result;
}
