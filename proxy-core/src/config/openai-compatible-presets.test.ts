import { describe, expect, it } from 'vitest';
import { credentialsFromConfig } from '../credentials/synthesize.js';
import { parseConfigText } from './load.js';
import { OPENAI_COMPATIBLE_PRESETS, PRESET_CONFIG_KEYS } from './openai-compatible-presets.js';
import { KNOWN_TOP_LEVEL_KEYS } from './schema.js';

const parse = (text: string) => parseConfigText(text, '/home/ana/config.yaml', { home: '/home/ana' });

describe('cliproxyapi-plusplus vendor shortcuts (deepseek:, groq:, …)', () => {
  it('are read as OpenAI-compatible keys at the vendor’s default base URL, with no "ignored" warning', () => {
    const loaded = parse(
      'deepseek:\n  - api-key: sk-deep-0001\ngroq:\n  - api-key: gsk_0002\n    base-url: https://gateway.example/groq/v1/\n    prefix: fast\n',
    );
    expect(loaded.warnings).toEqual([]);
    const credentials = credentialsFromConfig(loaded.config);
    expect(credentials.map((item) => [item.provider, item.group, item.baseUrl, item.prefix, item.secret, item.source])).toEqual([
      ['openai-compatible', 'deepseek', 'https://api.deepseek.com', undefined, 'sk-deep-0001', { type: 'config', yamlKey: 'deepseek', index: 0 }],
      ['openai-compatible', 'groq', 'https://gateway.example/groq/v1', 'fast', 'gsk_0002', { type: 'config', yamlKey: 'groq', index: 0 }],
    ]);
    expect(credentials[0].label).toBe('deepseek sk-d…0001');
    // No models typed: the live list (`{base-url}/models`) fills them in.
    expect(credentials[0].models).toEqual([]);
  });

  it('say why an entry with only a token-file is skipped', () => {
    const loaded = parse('openrouter:\n  - token-file: ~/.or-key\n');
    expect(loaded.warnings).toEqual([
      { key: 'openrouter.0.api-key', line: 2, message: 'openrouter entry 1 is ignored: token-file is not read by this app; paste the key itself as api-key' },
    ]);
    expect(loaded.config.openAiCompatibility).toEqual([]);
  });

  it('cover every key the fork generates, each a known top-level key', () => {
    expect([...PRESET_CONFIG_KEYS].sort()).toEqual(['deepseek', 'fireworks', 'groq', 'kilo', 'minimax', 'mistral', 'novita', 'openrouter', 'roo', 'siliconflow', 'together']);
    for (const key of PRESET_CONFIG_KEYS) expect(KNOWN_TOP_LEVEL_KEYS.has(key), key).toBe(true);
    for (const preset of OPENAI_COMPATIBLE_PRESETS) expect(preset.baseUrl, preset.id).toMatch(/^https:\/\/[^/]+/);
    expect(new Set(OPENAI_COMPATIBLE_PRESETS.map((preset) => preset.id)).size).toBe(OPENAI_COMPATIBLE_PRESETS.length);
  });
});
