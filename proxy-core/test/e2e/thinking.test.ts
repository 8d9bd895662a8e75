import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// The model(value) suffix, clamping to the model's limits, and the two debug lines the triage row reads.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    `${configWith(`gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fake.url}"
  - api-key: "AIza-listed"
    base-url: "${fake.url}"
    models: [{ name: "gemini-2.5-pro", alias: "listed-pro" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fake.url}"
`)}debug: true\n`,
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const ask = (model: string, extra: Record<string, unknown> = {}) =>
  new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: 'user', content: 'think' }], ...extra });
const lastBody = () => fake.requests.at(-1)!.body as Record<string, any>;

describe('thinking controls', () => {
  it('a model(high) suffix overrides the body and becomes a clamped Gemini budget; both debug lines are logged', async () => {
    await ask('gemini-2.5-pro(high)', { reasoning_effort: 'low' });
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(24576);
    const lines = proxy.logs.filter((line) => line.includes('thinking:'));
    expect(lines.some((line) => line.includes('thinking: original config'))).toBe(true);
    expect(lines.some((line) => line.includes('thinking: processed config') && line.includes('24576'))).toBe(true);
  });

  it('clamps a budget above the model maximum and turns "none" into the minimum where thinking cannot be off', async () => {
    await ask('gemini-2.5-pro(100000)');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(32768);
    await ask('gemini-2.5-pro(none)');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(128);
    await ask('gemini-2.5-flash(none)');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(0);
  });

  it('a level on a Claude budget model becomes enabled thinking with the matching budget', async () => {
    await ask('claude-sonnet-4-5-20250929(medium)', { max_tokens: 20000 });
    expect(lastBody().thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
  });

  it('a model listed in config.yaml (models: of a key) skips the limits: the suffix is sent as asked', async () => {
    // The same upstream model as above, but the user described it: like the reference, no validation.
    await ask('listed-pro(100000)');
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(fake.requests.at(-1)!.apiKey).toBe('AIza-listed');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(100000);
    await ask('listed-pro(none)');
    expect(lastBody().generationConfig.thinkingConfig.thinkingBudget).toBe(0);
    await ask('listed-pro(high)');
    expect(lastBody().generationConfig.thinkingConfig).toEqual({ thinkingLevel: 'HIGH' });
  });

  it('an invalid suffix is a 400 that lists the valid values', async () => {
    await expect(ask('gemini-2.5-pro(turbo)')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('minimal, low, medium, high') });
  });
});
