import type { ProxyConfig } from '../config/proxy-config.js';
import type { Credential } from '../credentials/credential.js';
import type { Binding } from '../credentials/selector.js';
import { compileGlob } from '../shared/glob.js';

export type ModelFamily = 'claude' | 'openai' | 'gemini' | 'xai';

/** Provider ids that speak for each family (API keys and subscription logins alike). */
const FAMILY_PROVIDERS: Readonly<Record<ModelFamily, readonly string[]>> = {
  claude: ['claude'],
  openai: ['codex'],
  gemini: ['gemini', 'gemini-cli', 'antigravity'],
  xai: ['xai'],
};

/** The family an id plainly belongs to: `claude-*`; `gpt-*`, `o<digit>*`, `codex-*`; `gemini-*`; `grok-*`. */
export function familyOf(model: string): ModelFamily | undefined {
  const lowered = model.toLowerCase();
  if (lowered.startsWith('claude-')) return 'claude';
  if (lowered.startsWith('gpt-') || lowered.startsWith('codex-') || /^o\d/.test(lowered)) return 'openai';
  if (lowered.startsWith('gemini-')) return 'gemini';
  if (lowered.startsWith('grok-')) return 'xai';
  return undefined;
}

export type FamilyResolver = (model: string) => readonly Binding[];

/**
 * Family pass-through (`model-passthrough`): an id no account lists but of a known family goes to that family's
 * enabled credentials that have no explicit `models:` list (a list is the user's whole offer; openai-compatibility
 * entries never take it). Exclusions still apply, and with `force-model-prefix` prefixed credentials are left out.
 * The id is sent upstream as asked, so cooldowns key on it.
 */
export function createFamilyResolver(credentials: readonly Credential[], config: Pick<ProxyConfig, 'forceModelPrefix' | 'oauthExcludedModels'>): FamilyResolver {
  const byFamily = new Map<ModelFamily, Array<{ credential: Credential; excluded: Array<(value: string) => boolean> }>>();
  for (const [family, providers] of Object.entries(FAMILY_PROVIDERS) as Array<[ModelFamily, readonly string[]]>) {
    const members = credentials
      .filter((credential) => providers.includes(credential.provider) && !credential.disabled && credential.models.length === 0)
      .filter((credential) => !(credential.prefix && config.forceModelPrefix))
      .map((credential) => ({
        credential,
        excluded: [...credential.excludedModels, ...(credential.kind === 'oauth' ? (config.oauthExcludedModels[credential.provider] ?? []) : [])].map(compileGlob),
      }));
    byFamily.set(family, members);
  }
  return (model) => {
    const family = familyOf(model);
    if (!family) return [];
    return (byFamily.get(family) ?? []).filter(({ excluded }) => !excluded.some((match) => match(model))).map(({ credential }) => ({ credential, upstreamModel: model }));
  };
}
