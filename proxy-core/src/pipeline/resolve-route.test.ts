import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { buildModelRegistry } from './model-registry.js';
import { resolveRoute } from './resolve-route.js';

const config = { forceModelPrefix: false, oauthExcludedModels: {}, oauthModelAlias: {} };

function provider(id: string, models: string[], modelFallbacks?: Record<string, string>): ProviderDefinition {
  return {
    id,
    displayName: id,
    format: 'openai-responses',
    catalog: models.map((model) => ({ id: model })),
    operations: ['generate'],
    buildRequest: () => ({ url: 'http://127.0.0.1:9', method: 'POST', headers: {} }),
    ...(modelFallbacks ? { modelFallbacks } : {}),
  };
}

function credential(id: string, providerId: string, overrides: Partial<Credential> = {}): Credential {
  return {
    id,
    authIndex: id,
    provider: providerId,
    group: providerId,
    kind: 'api-key',
    label: id,
    priority: 0,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: 's',
    source: { type: 'config', yamlKey: 'x', index: 0 },
    ...overrides,
  };
}

const FALLBACKS = { spark: 'codex', codex: 'five' };

function registryOf(providers: ProviderDefinition[], credentials: Credential[]) {
  return buildModelRegistry(credentials, new Map(providers.map((item) => [item.id, item])), config);
}

describe('resolveRoute model fallbacks', () => {
  it('a served model never falls back', () => {
    const registry = registryOf([provider('vendor', ['spark', 'codex'], FALLBACKS)], [credential('a', 'vendor')]);
    const route = resolveRoute(registry, 'spark', 1);
    expect(route).toMatchObject({ model: 'spark' });
    expect(route.warning).toBeUndefined();
  });

  it('an unserved model goes to its fallback, and says so', () => {
    const registry = registryOf([provider('vendor', ['codex', 'five'], FALLBACKS)], [credential('a', 'vendor')]);
    const route = resolveRoute(registry, 'spark', 1);
    expect(route.model).toBe('codex');
    expect(route.bindings.map((binding) => binding.upstreamModel)).toEqual(['codex']);
    expect(route.warning).toBe('model spark is not offered by any account; served by codex instead');
  });

  it('follows the chain past a fallback nobody serves, naming the step', () => {
    const registry = registryOf([provider('vendor', ['five'], FALLBACKS)], [credential('a', 'vendor')]);
    const route = resolveRoute(registry, 'spark', 1);
    expect(route.model).toBe('five');
    expect(route.warning).toBe('model spark is not offered by any account; served by five instead (via codex)');
  });

  it('never moves the request to another provider, even when that one serves the fallback model', () => {
    const registry = registryOf([provider('vendor', ['other'], FALLBACKS), provider('elsewhere', ['codex', 'five'])], [credential('a', 'vendor'), credential('b', 'elsewhere')]);
    expect(() => resolveRoute(registry, 'spark', 2)).toThrow(/not served by any enabled account/);
  });

  it('only applies the fallbacks of providers that have credentials', () => {
    const registry = registryOf([provider('vendor', [], FALLBACKS), provider('elsewhere', ['codex'])], [credential('b', 'elsewhere')]);
    expect(() => resolveRoute(registry, 'spark', 1)).toThrow(/not served by any enabled account/);
  });

  it('ends on a cycle with the ordinary 404', () => {
    const registry = registryOf([provider('vendor', ['x'], { a: 'b', b: 'a' })], [credential('a', 'vendor')]);
    expect(() => resolveRoute(registry, 'a', 1)).toThrow(/Model "a" is not served/);
  });

  it('keeps a thinking suffix on the fallback model; an invalid suffix is still refused', () => {
    const registry = registryOf([provider('vendor', ['codex'], FALLBACKS)], [credential('a', 'vendor')]);
    const route = resolveRoute(registry, 'spark(high)', 1);
    expect(route).toMatchObject({ model: 'codex', reasoning: { mode: 'level', level: 'high' }, suffix: 'high' });
    expect(route.warning).toContain('served by codex');
    expect(() => resolveRoute(registry, 'spark(loud)', 1)).toThrow(/thinking suffix "\(loud\)"/);
  });

  it('a disabled credential does not count as serving the fallback', () => {
    const registry = registryOf([provider('vendor', ['codex'], FALLBACKS)], [credential('a', 'vendor', { disabled: true })]);
    expect(() => resolveRoute(registry, 'spark', 1)).toThrow(/not served by any enabled account/);
  });
});
