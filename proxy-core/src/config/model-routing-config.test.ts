import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfigText } from './load.js';

// model-passthrough, model-mappings, model-chains and routing.session-affinity: parsed shape and config errors.
const FILE = '/home/ana/.config/cliproxy-desktop/config.yaml';
const parse = (text: string) => parseConfigText(text, FILE, { home: '/home/ana' });

function errorOf(text: string): ConfigError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('model routing config', () => {
  it('defaults: pass-through on, no mappings or chains, affinity off with a 1h TTL', () => {
    const { config } = parse('port: 8317\n');
    expect(config.modelPassthrough).toBe(true);
    expect(config.modelMappings).toEqual([]);
    expect(config.modelChains).toEqual([]);
    expect(config.sessionAffinity).toEqual({ enabled: false, ttlMs: 3_600_000 });
  });

  it('reads the documented shape', () => {
    const { config, warnings } = parse(`model-passthrough: false
model-mappings:
  - from: "claude-*haiku*"
    to: "gpt-5.4-mini"
  - from: "^claude-(opus|sonnet)-"
    regex: true
    to: "gpt-5.5(high)"
    client-keys: ["sk-team-a"]
model-chains:
  - name: coder
    models: ["claude-opus-4-7", "gpt-5.5", "gemini-3-pro"]
routing:
  strategy: round-robin
  session-affinity: true
  session-affinity-ttl: 1h30m
`);
    expect(warnings).toEqual([]);
    expect(config.modelPassthrough).toBe(false);
    expect(config.modelMappings).toEqual([
      { position: 1, from: 'claude-*haiku*', to: 'gpt-5.4-mini', regex: false, clientKeys: [] },
      { position: 2, from: '^claude-(opus|sonnet)-', to: 'gpt-5.5(high)', regex: true, clientKeys: ['sk-team-a'] },
    ]);
    expect(config.modelChains).toEqual([{ name: 'coder', models: ['claude-opus-4-7', 'gpt-5.5', 'gemini-3-pro'] }]);
    expect(config.sessionAffinity).toEqual({ enabled: true, ttlMs: 5_400_000 });
  });

  it('a bad regular expression names the line, the field and the fix', () => {
    const error = errorOf('model-mappings:\n  - from: "claude-(opus"\n    regex: true\n    to: gpt-5.5\n');
    expect(error).toMatchObject({ line: 2, key: 'model-mappings.0.from' });
    expect(error.reason).toMatch(/^is not a valid regular expression \(.+\); fix it or drop regex: true to match it as a glob$/);
  });

  it('empty from or to, and an unknown field, are errors at their line', () => {
    expect(errorOf('model-mappings:\n  - from: ""\n    to: gpt-5.5\n')).toMatchObject({ line: 2, key: 'model-mappings.0.from' });
    const to = errorOf('model-mappings:\n  - from: claude-*\n    to: ""\n');
    expect(to).toMatchObject({ line: 3, key: 'model-mappings.0.to' });
    expect(to.reason).toMatch(/^to is required/);
    const unknown = errorOf('model-mappings:\n  - from: claude-*\n    target: gpt-5.5\n');
    expect(unknown.key).toMatch(/^model-mappings\.0/);
  });

  it('a chain that names itself, an empty chain and a duplicate name are errors', () => {
    const self = errorOf('model-chains:\n  - name: coder\n    models: [gpt-5.5, coder]\n');
    expect(self).toMatchObject({ line: 3, key: 'model-chains.0.models.1' });
    expect(self.reason).toBe('a chain cannot name itself ("coder"); list real model ids instead');
    expect(errorOf('model-chains:\n  - name: coder\n    models: []\n').key).toBe('model-chains.0.models');
    expect(errorOf('model-chains:\n  - name: a\n    models: [x]\n  - name: A\n    models: [y]\n')).toMatchObject({ key: 'model-chains.1.name' });
  });

  it('a TTL that is not a duration says how to write one', () => {
    const error = errorOf('routing:\n  session-affinity-ttl: soon\n');
    expect(error).toMatchObject({ line: 2, key: 'routing.session-affinity-ttl' });
  });
});
