import { describe, expect, it } from 'vitest';
import { doctorContext } from './__fixtures__/fake-context.js';
import { keysWithWhitespace } from './checks-clients.js';
import { createDiagnostics } from './registry.js';

describe('client keys', () => {
  it('finds keys written with surrounding whitespace in the raw YAML (which the loader trims)', () => {
    const yaml = `api-keys: ["sk-clean-key-0001", " sk-padded-key-0002", "sk-tab-key-0003\\t"]
claude-api-key:
  - api-key: "sk-ant-padded "
openai-compatibility:
  - name: x
    base-url: "http://x/v1"
    api-key-entries: [{ api-key: " sk-compat" }]
`;
    expect(keysWithWhitespace(yaml)).toEqual(['api-keys.1', 'api-keys.2', 'claude-api-key.0.api-key', 'openai-compatibility.0.api-key-entries.0.api-key']);
    expect(keysWithWhitespace('xai-api-key:\n  - api-key: " xai-1"\nvertex-api-key:\n  - api-key: "AQ.2 "\ndeepseek:\n  - api-key: " sk-3"\n')).toEqual(['xai-api-key.0.api-key', 'vertex-api-key.0.api-key', 'deepseek.0.api-key']);
    expect(keysWithWhitespace('api-keys: [sk-plain]\n')).toEqual([]);
    expect(keysWithWhitespace(': : not yaml [')).toEqual([]);
  });

  it('warns with the YAML paths and masked keys, never the keys themselves', async () => {
    const check = (await createDiagnostics(doctorContext('api-keys: [" sk-padded-client-key-0002 "]\n')).run('client-keys'))!;
    expect(check.status).toBe('warn');
    expect(check.evidence).toEqual({ count: 1, keys: ['sk-p…0002'], keysWithSurroundingSpaces: ['api-keys.0'] });
    expect(JSON.stringify(check)).not.toContain('sk-padded-client-key-0002');
  });
});
