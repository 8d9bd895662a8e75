import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import { createProviderRegistry } from '../providers/registry.js';
import { buildModelRegistry } from './model-registry.js';

const providers = createProviderRegistry();
const config = { forceModelPrefix: false, oauthExcludedModels: {}, oauthModelAlias: {} };

function credential(overrides: Partial<Credential>): Credential {
  return {
    id: 'id',
    authIndex: 'x',
    provider: 'openai-compatible',
    group: 'openrouter',
    kind: 'api-key',
    label: 'k',
    priority: 0,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: 's',
    source: { type: 'config', yamlKey: 'openai-compatibility', index: 0 },
    ...overrides,
  };
}

describe('buildModelRegistry', () => {
  it('lists aliases and routes them to the upstream name', () => {
    const registry = buildModelRegistry([credential({ models: [{ name: 'vendor/real-model', alias: 'nice' }] })], providers, config);
    expect(registry.list().map((model) => model.id)).toEqual(['nice']);
    expect(registry.bindings('nice')?.[0].upstreamModel).toBe('vendor/real-model');
    expect(registry.bindings('vendor/real-model')).toBeUndefined();
  });

  it('serves the provider catalogue when a key lists no models, minus excluded globs', () => {
    const registry = buildModelRegistry([credential({ provider: 'claude', group: 'claude', excludedModels: ['*opus*', 'CLAUDE-3-7*'] })], providers, config);
    const ids = registry.list().map((model) => model.id);
    expect(ids).toContain('claude-sonnet-4-6');
    expect(ids.some((id) => id.includes('opus'))).toBe(false);
    expect(ids.some((id) => id.startsWith('claude-3-7'))).toBe(false);
  });

  it('registers prefix/model and the bare id, or only the prefixed id with force-model-prefix', () => {
    const entry = credential({ prefix: 'team-a', models: [{ name: 'm', alias: 'm' }] });
    expect(buildModelRegistry([entry], providers, config).list().map((model) => model.id)).toEqual(['m', 'team-a/m']);
    const forced = buildModelRegistry([entry], providers, { ...config, forceModelPrefix: true });
    expect(forced.list().map((model) => model.id)).toEqual(['team-a/m']);
    expect(forced.bindings('team-a/m')?.[0].upstreamModel).toBe('m');
  });

  it('pools several credentials under one model and keeps disabled ones apart', () => {
    const registry = buildModelRegistry(
      [
        credential({ id: 'a', models: [{ name: 'm', alias: 'm' }] }),
        credential({ id: 'b', group: 'groq', models: [{ name: 'm', alias: 'm' }] }),
        credential({ id: 'c', disabled: true, models: [{ name: 'only-disabled', alias: 'only-disabled' }] }),
      ],
      providers,
      config,
    );
    expect(registry.bindings('m')?.map((binding) => binding.credential.id)).toEqual(['a', 'b']);
    expect(registry.list().find((model) => model.id === 'm')?.ownedBy).toBe('openrouter,groq');
    expect(registry.bindings('only-disabled')).toBeUndefined();
    expect(registry.disabledBindings('only-disabled')?.[0].credential.id).toBe('c');
    expect(registry.list().map((model) => model.id)).not.toContain('only-disabled');
  });

  it('applies OAuth model aliases (fork keeps the original) only to OAuth credentials', () => {
    const oauth = credential({ id: 'o', kind: 'oauth', provider: 'claude', group: 'claude', models: [{ name: 'claude-sonnet-4-6', alias: 'claude-sonnet-4-6' }] });
    const aliases = { claude: [{ name: 'claude-sonnet-4-6', alias: 'sonnet', fork: true }] };
    const ids = buildModelRegistry([oauth], providers, { ...config, oauthModelAlias: aliases }).list().map((model) => model.id);
    expect(ids).toEqual(['claude-sonnet-4-6', 'sonnet']);
    const replaced = buildModelRegistry([oauth], providers, { ...config, oauthModelAlias: { claude: [{ ...aliases.claude[0], fork: false }] } });
    expect(replaced.list().map((model) => model.id)).toEqual(['sonnet']);
    const apiKey = buildModelRegistry([{ ...oauth, kind: 'api-key' }], providers, { ...config, oauthModelAlias: aliases });
    expect(apiKey.list().map((model) => model.id)).toEqual(['claude-sonnet-4-6']);
  });

  it('oauth-excluded-models hides models of OAuth credentials of that channel only, never of API keys', () => {
    const oauth = credential({ id: 'subscription', kind: 'oauth', provider: 'claude', group: 'claude' });
    const apiKey = credential({ id: 'key', kind: 'api-key', provider: 'claude', group: 'claude' });
    const registry = buildModelRegistry([oauth, apiKey], providers, { ...config, oauthExcludedModels: { claude: ['*opus*', 'claude-haiku-4-5'] } });
    const hidden = (id: string) => /opus/.test(id) || id === 'claude-haiku-4-5';
    expect(registry.modelsOf('key').some(hidden)).toBe(true);
    expect(registry.modelsOf('subscription').length).toBeGreaterThan(0);
    expect(registry.modelsOf('subscription').filter(hidden)).toEqual([]);
    // The model stays listed (the API key serves it), but only the API key is routed for it.
    const opus = registry.modelsOf('key').find((id) => id.includes('opus'))!;
    expect(registry.bindings(opus)?.map((binding) => binding.credential.id)).toEqual(['key']);
    expect(registry.bindings('claude-sonnet-4-6')?.map((binding) => binding.credential.id).sort()).toEqual(['key', 'subscription']);
    // Another channel's list does not touch Claude subscriptions.
    const other = buildModelRegistry([oauth], providers, { ...config, oauthExcludedModels: { codex: ['*'] } });
    expect(other.modelsOf('subscription').some(hidden)).toBe(true);
  });
  it('records what exact exclusion entries hide (switchable), but not what globs or account files hide', () => {
    const key = credential({ id: 'key', provider: 'claude', group: 'claude', prefix: 'team', excludedModels: ['claude-sonnet-4-6', 'claude-opus-*'] });
    const account = credential({ id: 'acct', kind: 'oauth', provider: 'claude', group: 'claude', excludedModels: ['claude-haiku-4-5-20251001'] });
    const registry = buildModelRegistry([key, account], providers, {
      ...config,
      oauthExcludedModels: { claude: ['CLAUDE-SONNET-4-6', 'claude-haiku-4-5-20251001'] },
    });
    expect(registry.list().map((model) => model.id)).not.toContain('claude-sonnet-4-6');
    expect(registry.hidden()).toEqual([
      { id: 'claude-sonnet-4-6', groups: ['claude'] },
      { id: 'team/claude-sonnet-4-6', groups: ['claude'] },
    ]);
    expect(registry.hiddenSources('claude-sonnet-4-6').map((source) => [source.credential.id, source.patterns])).toEqual([
      ['key', ['claude-sonnet-4-6']],
      ['acct', ['CLAUDE-SONNET-4-6']],
    ]);
    // The account file's own exclusion also hides haiku, so switching oauth-excluded-models could not bring it back.
    expect(registry.hiddenSources('claude-haiku-4-5-20251001')).toEqual([]);
    expect(registry.hiddenSources('team/claude-opus-4-6')).toEqual([]);
    // Served models say how each credential names them: without the prefix.
    expect(registry.sources('team/claude-haiku-4-5-20251001').map((source) => [source.credential.id, source.name])).toEqual([['key', 'claude-haiku-4-5-20251001']]);
  });

  it('names OAuth-aliased models by the name before the alias, and a model still served elsewhere is not hidden', () => {
    const account = credential({ id: 'acct', kind: 'oauth', provider: 'claude', group: 'claude', models: [{ name: 'claude-sonnet-4-6', alias: 'claude-sonnet-4-6' }] });
    const key = credential({ id: 'key', provider: 'claude', group: 'claude', models: [{ name: 'claude-sonnet-4-6', alias: 'sonnet' }], excludedModels: ['sonnet'] });
    const aliases = { claude: [{ name: 'claude-sonnet-4-6', alias: 'sonnet', fork: false }] };
    const registry = buildModelRegistry([account, key], providers, { ...config, oauthModelAlias: aliases });
    expect(registry.sources('sonnet').map((source) => [source.credential.id, source.name])).toEqual([['acct', 'claude-sonnet-4-6']]);
    expect(registry.hiddenSources('sonnet').map((source) => source.credential.id)).toEqual(['key']);
    expect(registry.hidden()).toEqual([]);
    const off = buildModelRegistry([account, key], providers, { ...config, oauthModelAlias: aliases, oauthExcludedModels: { claude: ['claude-sonnet-4-6'] } });
    expect(off.hidden()).toEqual([{ id: 'sonnet', groups: ['claude'] }]);
  });

  describe('with live model lists', () => {
    const claudeKey = credential({ id: 'claude-key', provider: 'claude', group: 'claude' });

    it('serves the catalogue plus the ids only the upstream lists, each marked with where it came from', () => {
      const live = new Map([['claude-key', [{ id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8' }, { id: 'claude-sonnet-4-6' }]]]);
      const registry = buildModelRegistry([claudeKey], providers, config, live);
      const byId = new Map(registry.list().map((model) => [model.id, model]));
      expect(byId.get('claude-opus-4-8')?.sources).toEqual(['live']);
      expect(byId.get('claude-opus-4-8')?.displayName).toBe('Claude Opus 4.8');
      expect(byId.get('claude-sonnet-4-6')?.sources).toEqual(['live', 'built-in']);
      expect(byId.get('claude-opus-4-7')?.sources).toEqual(['built-in']);
      expect(registry.bindings('claude-opus-4-8')?.[0].upstreamModel).toBe('claude-opus-4-8');
      expect(registry.sources('claude-opus-4-8')[0].origins).toEqual(['live']);
      // The catalogue's metadata (context, thinking) is kept for a known id the live list also names.
      expect(byId.get('claude-sonnet-4-6')?.contextLength).toBe(200_000);
    });

    it('applies exclusions and OAuth aliases to live ids too', () => {
      const account = credential({ id: 'acct', provider: 'claude', group: 'claude', kind: 'oauth' });
      const live = new Map([['acct', [{ id: 'claude-opus-4-8' }, { id: 'claude-haiku-5' }]]]);
      const registry = buildModelRegistry([account], providers, { ...config, oauthExcludedModels: { claude: ['claude-haiku-*'] }, oauthModelAlias: { claude: [{ name: 'claude-opus-4-8', alias: 'opus', fork: false }] } }, live);
      const ids = registry.list().map((model) => model.id);
      expect(ids).toContain('opus');
      expect(ids).not.toContain('claude-opus-4-8');
      expect(ids).not.toContain('claude-haiku-5');
      expect(registry.bindings('opus')?.[0].upstreamModel).toBe('claude-opus-4-8');
    });

    it('ignores the live list of a key with its own models: list', () => {
      const listed = credential({ id: 'listed', models: [{ name: 'vendor/m', alias: 'm' }] });
      const registry = buildModelRegistry([listed], providers, config, new Map([['listed', [{ id: 'other' }]]]));
      expect(registry.list().map((model) => [model.id, model.sources])).toEqual([['m', ['configured']]]);
    });
  });
});
