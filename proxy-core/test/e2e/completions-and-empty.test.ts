import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'Legacy hello.' });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "m", alias: "m" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('legacy /v1/completions', () => {
  it('answers text_completion from a chat upstream, stream and non-stream', async () => {
    const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    const completion = await client.completions.create({ model: 'm', prompt: 'Say hi', max_tokens: 20 });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0].text).toBe('Legacy hello.');
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/chat/completions');
    expect((upstream.body as { messages: Array<{ role: string; content: unknown }> }).messages[0]).toMatchObject({ role: 'user' });
    let text = '';
    for await (const chunk of await client.completions.create({ model: 'm', prompt: 'Say hi', stream: true })) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Legacy hello.');
  });
});

describe('a proxy with no accounts', () => {
  it('answers 503 saying how to add one', async () => {
    const empty = await startTestProxy(configWith(''));
    try {
      const response = await fetch(`${empty.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'anything', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('no_credentials');
      expect(body.error.message).toMatch(/claude-api-key|Log in/);
    } finally {
      await empty.close();
    }
  });
});
