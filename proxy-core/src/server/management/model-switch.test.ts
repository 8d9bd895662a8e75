import { describe, expect, it } from 'vitest';
import { applyConfigChanges, parseConfigText } from '../../config/index.js';
import type { Credential } from '../../credentials/credential.js';
import { credentialsFromConfig } from '../../credentials/synthesize.js';
import { buildModelRegistry } from '../../pipeline/model-registry.js';
import { createProviderRegistry } from '../../providers/registry.js';
import { planModelOff, planModelOn } from './model-switch.js';

const providers = createProviderRegistry();
const account: Credential = {
  id: 'claude-me@example.com.json',
  authIndex: 'x',
  provider: 'claude',
  group: 'claude',
  kind: 'oauth',
  label: 'me@example.com',
  priority: 0,
  headers: {},
  models: [],
  excludedModels: [],
  disabled: false,
  secret: 'token',
  source: { type: 'file', path: '/auth/claude-me@example.com.json', fileName: 'claude-me@example.com.json' },
};

function registryOf(text: string) {
  const { config } = parseConfigText(text, 'config.yaml', { home: '/home/me' });
  return buildModelRegistry([...credentialsFromConfig(config), account], providers, config);
}

/** Off, then on, through the same planners and writer the route uses. */
function roundTrip(text: string, model: string) {
  const off = planModelOff(text, registryOf(text).sources(model));
  const hiddenText = applyConfigChanges(text, off.changes);
  const hidden = registryOf(hiddenText);
  const on = planModelOn(hiddenText, hidden.hiddenSources(model));
  return { off, hiddenText, hidden, on, restored: applyConfigChanges(hiddenText, on.changes) };
}

describe('model switch planning', () => {
  it('an openai-compatibility entry with several keys gets one name (its alias); off then on restores the file', () => {
    const text = `openai-compatibility:
  - name: openrouter # shared
    base-url: https://openrouter.ai/api/v1
    api-key-entries:
      - api-key: sk-or-1
      - api-key: sk-or-2
    models:
      - name: vendor/real-model
        alias: nice # what clients ask for
    excluded-models:
      - "old-*" # mine
`;
    const { off, hiddenText, hidden, on, restored } = roundTrip(text, 'nice');
    expect(off.lists).toEqual(['openai-compatibility.0.excluded-models']);
    expect(hiddenText).toContain('- "old-*" # mine\n      - nice\n');
    expect(hidden.hidden()).toEqual([{ id: 'nice', groups: ['openrouter'] }]);
    expect(on.lists).toEqual(['openai-compatibility.0.excluded-models']);
    expect(restored).toBe(text);
  });

  it('accounts share oauth-excluded-models.<provider>: created when absent, removed when emptied', () => {
    const text = `# top
claude-api-key:
  - api-key: sk-ant-1
    excluded-models: [ claude-opus-* ] # flow style, as the writer spells it
`;
    const { off, hiddenText, on, restored } = roundTrip(text, 'claude-sonnet-4-6');
    expect(off.lists).toEqual(['claude-api-key.0.excluded-models', 'oauth-excluded-models.claude']);
    expect(hiddenText).toContain('excluded-models: [ claude-opus-*, claude-sonnet-4-6 ] # flow style');
    expect(hiddenText).toMatch(/oauth-excluded-models:\n {2}claude:\n {4}- claude-sonnet-4-6\n/);
    expect(on.changes).toContainEqual({ path: ['oauth-excluded-models'], value: undefined });
    expect(restored).toBe(text);
  });

  it('keeps other channels and the channel as the user spelled it; globs and other names stay', () => {
    const text = `oauth-excluded-models:
  Claude:
    - claude-opus-* # no opus on the subscription
    - claude-haiku-4-5-20251001
  codex:
    - gpt-5
`;
    const { off, hiddenText, restored } = roundTrip(text, 'claude-sonnet-4-6');
    expect(off.lists).toEqual(['oauth-excluded-models.Claude']);
    expect(hiddenText).toContain('    - claude-haiku-4-5-20251001\n    - claude-sonnet-4-6\n  codex:');
    expect(restored).toBe(text);
    // On for haiku removes the user's own exact name too (that is what switching on means), nothing else.
    const on = planModelOn(text, registryOf(text).hiddenSources('claude-haiku-4-5-20251001'));
    expect(applyConfigChanges(text, on.changes)).toBe(`oauth-excluded-models:
  Claude:
    - claude-opus-* # no opus on the subscription
  codex:
    - gpt-5
`);
  });

  it('refuses a key that is not at its list position (legacy generative-language-api-key), naming the fix', () => {
    const text = 'generative-language-api-key: [AIza-legacy]\n';
    expect(() => planModelOff(text, registryOf(text).sources('gemini-2.5-pro'))).toThrow(/legacy generative-language-api-key list.*Move the key under gemini-api-key/);
  });
});
