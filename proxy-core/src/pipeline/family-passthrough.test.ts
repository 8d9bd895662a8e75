import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import { createFamilyResolver, familyOf } from './family-passthrough.js';
import { nearestModels } from './nearest-models.js';

const credential = (id: string, provider: string, extra: Partial<Credential> = {}): Credential =>
  ({ id, provider, group: provider, kind: 'api-key', models: [], excludedModels: [], disabled: false, priority: 0, headers: {}, label: id, secret: 's', authIndex: id, source: { type: 'config', yamlKey: 'x', index: 0 }, ...extra }) as Credential;

describe('family pass-through', () => {
  it('knows the families by prefix', () => {
    expect(['claude-opus-4-8', 'gpt-5.6', 'o3', 'o4-mini', 'codex-mini-latest', 'gemini-3.8-flash', 'omni-1', 'grok-4', 'Claude-X'].map(familyOf)).toEqual([
      'claude', 'openai', 'openai', 'openai', 'openai', 'gemini', undefined, 'xai', 'claude',
    ]);
  });

  it('routes to enabled credentials of the family without a models list, minus exclusions and forced prefixes', () => {
    const credentials = [
      credential('claude-open', 'claude'),
      credential('claude-listed', 'claude', { models: [{ name: 'claude-opus-4-7', alias: 'claude-opus-4-7' }] }),
      credential('claude-off', 'claude', { disabled: true }),
      credential('claude-no-haiku', 'claude', { excludedModels: ['*haiku*'] }),
      credential('claude-code', 'claude', { kind: 'oauth' }),
      credential('claude-prefixed', 'claude', { prefix: 'team' }),
      credential('compat', 'openai-compatible'),
      credential('gemini-cli', 'gemini-cli', { kind: 'oauth' }),
      credential('antigravity', 'antigravity', { kind: 'oauth' }),
    ];
    const resolve = createFamilyResolver(credentials, { forceModelPrefix: true, oauthExcludedModels: { 'gemini-cli': ['gemini-3.8-*'] } });
    const ids = (model: string) => resolve(model).map((binding) => binding.credential.id);
    expect(ids('claude-opus-4-8')).toEqual(['claude-open', 'claude-no-haiku', 'claude-code']);
    expect(ids('claude-haiku-4-5')).toEqual(['claude-open', 'claude-code']);
    expect(ids('gemini-3.8-flash')).toEqual(['antigravity']);
    expect(ids('gpt-5.6')).toEqual([]);
    expect(resolve('claude-opus-4-8')[0].upstreamModel).toBe('claude-opus-4-8');
  });

  it('nearest ids: longest shared prefix first, then edit distance', () => {
    expect(nearestModels('claude-opus-4-9', ['gpt-5.5', 'claude-opus-4-7', 'claude-sonnet-4-6', 'claude-opus-4-6', 'claude-opus-4-1-20250805'])).toEqual([
      'claude-opus-4-6',
      'claude-opus-4-7',
      'claude-opus-4-1-20250805',
    ]);
    expect(nearestModels('x', [])).toEqual([]);
  });
});
