import type { ProviderDefinition } from './provider-definition.js';

export type EndpointResolver = (name: string) => string;

/** `CLIPROXY_<PROVIDER>_<NAME>_URL`, e.g. `CLIPROXY_CLAUDE_TOKEN_URL`, `CLIPROXY_ANTIGRAVITY_API_FALLBACK_URL`. */
export function endpointEnvName(providerId: string, name: string): string {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return `CLIPROXY_${providerId}_${snake}_URL`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * A provider's named endpoints: the environment (`CLIPROXY_<PROVIDER>_<NAME>_URL`) wins, then config.yaml
 * (`oauth-endpoints`, and `oauth-upstream` for `api`), then the provider's default. Unknown names throw,
 * so a typo in provider code is found by its tests.
 */
export function createEndpointResolver(
  provider: ProviderDefinition,
  overrides: { env: Readonly<Record<string, string | undefined>>; config: Readonly<Record<string, Readonly<Record<string, string>>>> },
): EndpointResolver {
  const defaults = provider.accounts?.endpoints ?? {};
  const configured = overrides.config[provider.id] ?? {};
  return (name) => {
    const fromEnv = overrides.env[endpointEnvName(provider.id, name)]?.trim();
    const value = fromEnv || configured[name] || defaults[name];
    if (!value) throw new Error(`${provider.id} has no endpoint named "${name}"`);
    return value.replace(/\/+$/, '');
  };
}
