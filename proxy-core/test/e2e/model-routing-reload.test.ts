import { readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { eventually } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Hot reload picks up model-mappings, model-chains and model-passthrough without a restart.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'reloaded' });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: one
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "k1" }]
    models: [{ name: "first" }]
claude-api-key:
  - api-key: "sk-ant-open"
    base-url: "${fake.url}"
`),
    { watch: true },
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const client = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const status = (model: string) =>
  client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => 200,
      (error: { status: number }) => error.status,
    );

describe('model routing keys reload', () => {
  it('a mapping, a chain and the pass-through switch take effect on save', async () => {
    expect(await status('my-alias')).toBe(404);
    expect(await status('claude-opus-4-8')).toBe(200);
    const original = readFileSync(proxy.configPath, 'utf8');
    writeFileSync(
      proxy.configPath,
      `${original}model-passthrough: false
model-mappings:
  - from: my-alias
    to: first
model-chains:
  - name: team
    models: [first]
`,
    );
    await eventually(() => status('my-alias'), (code) => code === 200, 5000);
    expect(await status('team')).toBe(200);
    expect(await status('claude-opus-4-8')).toBe(404);
    expect((await client().models.list()).data.map((model) => model.id)).toContain('team');
  });
});
