import { describe, expect, it } from 'vitest';
import { applyPreset, buildKeyEntry, KEY_PROVIDERS, parseModels, validateKeyForm, VENDOR_PRESETS } from './key-providers.js';

const provider = (id: string) => KEY_PROVIDERS.find((item) => item.id === id)!;

describe('paste-an-API-key forms', () => {
  it('names each missing or malformed field', () => {
    expect(validateKeyForm(provider('codex'), { 'api-key': '', 'base-url': 'ftp://x' })).toEqual({
      'api-key': 'API key is required.',
      'base-url': 'Use a full URL starting with http:// or https://.',
    });
    expect(validateKeyForm(provider('claude'), { 'api-key': 'sk-ant', prefix: 'team/a' }).prefix).toMatch(/no slashes/);
    expect(validateKeyForm(provider('openai-compatible'), { name: 'openrouter', 'base-url': 'https://x/v1', 'api-key': 'k', models: 'a' }, ['openrouter']).name).toMatch(/exists already/);
  });

  it('builds the config.yaml entry each list expects', () => {
    expect(buildKeyEntry(provider('claude'), { 'api-key': ' sk-ant-1 ', 'base-url': '', prefix: 'work' })).toEqual({ 'api-key': 'sk-ant-1', prefix: 'work' });
    expect(buildKeyEntry(provider('openai-compatible'), { name: 'openrouter', 'base-url': 'https://openrouter.ai/api/v1', 'api-key': 'sk-or', models: 'meta/llama-3=llama\nqwen/qwen3' })).toEqual({
      name: 'openrouter',
      'base-url': 'https://openrouter.ai/api/v1',
      'api-key-entries': [{ 'api-key': 'sk-or' }],
      models: [
        { name: 'meta/llama-3', alias: 'llama' },
        { name: 'qwen/qwen3', alias: 'qwen/qwen3' },
      ],
    });
  });

  it('needs no model names for an OpenAI-compatible server: the entry then has no models and the live list fills it', () => {
    const values = { name: 'deepseek', 'base-url': 'https://api.deepseek.com', 'api-key': 'sk-deep', models: '  ' };
    expect(validateKeyForm(provider('openai-compatible'), values)).toEqual({});
    expect(buildKeyEntry(provider('openai-compatible'), values)).toEqual({
      name: 'deepseek',
      'base-url': 'https://api.deepseek.com',
      'api-key-entries': [{ 'api-key': 'sk-deep' }],
    });
  });

  it('an OpenAI-compatible server on the Responses API gets wire-api: responses; Chat Completions (the default) writes nothing', () => {
    const values = { name: 'acme', 'base-url': 'https://acme.example/v1', 'api-key': 'k', models: '' };
    expect(buildKeyEntry(provider('openai-compatible'), { ...values, 'wire-api': 'responses' })).toMatchObject({ 'wire-api': 'responses' });
    expect(buildKeyEntry(provider('openai-compatible'), { ...values, 'wire-api': 'chat' })).not.toHaveProperty('wire-api');
  });

  it('fills name and base URL from a vendor template, keeping the typed key, and never reuses a taken name', () => {
    const groq = VENDOR_PRESETS.find((item) => item.id === 'groq')!;
    expect(applyPreset(groq, { name: '', 'base-url': '', 'api-key': 'gsk_1', models: '' }, [])).toEqual({
      name: 'groq',
      'base-url': 'https://api.groq.com/openai/v1',
      'api-key': 'gsk_1',
      models: '',
    });
    expect(applyPreset(groq, {}, ['groq', 'groq-2']).name).toBe('groq-3');
    expect(VENDOR_PRESETS.map((item) => item.displayName)).toEqual(expect.arrayContaining(['DeepSeek', 'Groq', 'Mistral', 'OpenRouter', 'Together AI', 'Fireworks AI', 'SiliconFlow', 'Novita AI', 'MiniMax', 'Moonshot (Kimi API)', 'Zhipu GLM (Z.ai)']));
  });

  it('an xAI key is a Codex-shaped xai-api-key entry whose base URL starts filled in', () => {
    const xai = provider('xai');
    expect(xai.list).toBe('xai-api-key');
    const values = Object.fromEntries(xai.fields.map((field) => [field.name, field.initial ?? '']));
    expect(validateKeyForm(xai, values)).toEqual({ 'api-key': 'API key is required.' });
    expect(buildKeyEntry(xai, { ...values, 'api-key': ' xai-123 ' })).toEqual({ 'api-key': 'xai-123', 'base-url': 'https://api.x.ai/v1' });
  });

  it('a Vertex AI key is a vertex-api-key entry; the base URL is only written when given', () => {
    const vertex = provider('vertex');
    expect(vertex.list).toBe('vertex-api-key');
    expect(buildKeyEntry(vertex, { 'api-key': 'AQ.vertex-1', 'base-url': '', prefix: '' })).toEqual({ 'api-key': 'AQ.vertex-1' });
  });

  it('reads models one per line or comma-separated', () => {
    expect(parseModels('a, b\n\n c=d ')).toEqual([
      { name: 'a', alias: 'a' },
      { name: 'b', alias: 'b' },
      { name: 'c', alias: 'd' },
    ]);
  });
});
