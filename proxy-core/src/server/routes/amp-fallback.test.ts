import { describe, expect, it } from 'vitest';
import type { AmpcodeSettings } from '../../config/proxy-config.js';
import { ampKeyForClient, mapAmpModel, planAmpModel } from './amp-fallback.js';

const served = new Set(['claude-sonnet-4-5', 'gpt-5-mini', 'gemini-2.5-pro']);
const serves = (model: string) => served.has(model.replace(/\(.*\)$/, ''));
const settings = (overrides: Partial<AmpcodeSettings> = {}): AmpcodeSettings => ({
  upstreamUrl: 'https://ampcode.com',
  upstreamApiKey: 'amp-default',
  restrictManagementToLocalhost: false,
  upstreamApiKeys: [],
  modelMappings: [
    { from: 'claude-opus-4-5', to: 'claude-sonnet-4-5', regex: false },
    { from: '^gpt-5\\.1-.*$', to: 'gpt-5-mini', regex: true },
    { from: 'g25p', to: 'gemini-2.5-pro(8192)', regex: false },
    { from: 'gpt-5-mini', to: 'claude-sonnet-4-5', regex: false },
  ],
  forceModelMappings: false,
  ...overrides,
});

describe('mapAmpModel', () => {
  it('matches exact names in any case and regexes case-insensitively', () => {
    expect(mapAmpModel(settings().modelMappings, 'CLAUDE-OPUS-4-5', serves)).toBe('claude-sonnet-4-5');
    expect(mapAmpModel(settings().modelMappings, 'GPT-5.1-codex', serves)).toBe('gpt-5-mini');
    expect(mapAmpModel(settings().modelMappings, 'unknown', serves)).toBeUndefined();
  });

  it('keeps the caller’s thinking suffix unless the target has its own', () => {
    expect(mapAmpModel(settings().modelMappings, 'claude-opus-4-5(high)', serves)).toBe('claude-sonnet-4-5(high)');
    expect(mapAmpModel(settings().modelMappings, 'g25p(1024)', serves)).toBe('gemini-2.5-pro(8192)');
  });

  it('skips a rule whose target nothing serves', () => {
    expect(mapAmpModel([{ from: 'a', to: 'missing', regex: false }], 'a', serves)).toBeUndefined();
  });
});

describe('planAmpModel', () => {
  it('local account first, then a mapping, then Amp’s servers', () => {
    expect(planAmpModel(settings(), 'gpt-5-mini', serves)).toEqual({ kind: 'local', model: 'gpt-5-mini' });
    expect(planAmpModel(settings(), 'claude-opus-4-5', serves)).toEqual({ kind: 'local', model: 'claude-sonnet-4-5', mappedFrom: 'claude-opus-4-5' });
    expect(planAmpModel(settings(), 'other', serves)).toEqual({ kind: 'upstream' });
    expect(planAmpModel(settings({ upstreamUrl: '' }), 'other', serves)).toEqual({ kind: 'local', model: 'other' });
  });

  it('force-model-mappings maps even a model an account serves', () => {
    expect(planAmpModel(settings({ forceModelMappings: true }), 'gpt-5-mini', serves)).toEqual({ kind: 'local', model: 'claude-sonnet-4-5', mappedFrom: 'gpt-5-mini' });
  });
});

describe('ampKeyForClient', () => {
  it('a client key listed in upstream-api-keys gets that Amp key; others the default', () => {
    const labelOf = (key: string) => ({ 'sk-team': 'key 2', 'sk-solo': 'key 1' })[key];
    const amp = settings({ upstreamApiKeys: [{ upstreamApiKey: 'amp-team', apiKeys: ['sk-team'] }] });
    expect(ampKeyForClient(amp, 'key 2', labelOf)).toBe('amp-team');
    expect(ampKeyForClient(amp, 'key 1', labelOf)).toBe('amp-default');
    expect(ampKeyForClient(amp, undefined, labelOf)).toBe('amp-default');
  });
});
