import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// An openai-compatibility entry with `wire-api: responses`: the vendor is called on its Responses API.
const KEY = 'sk-vendor-responses-0001';
const TEXT = 'Responses vendor says hello.';
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT, tools: true, apiKeys: [KEY] });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: acme
    base-url: "${fake.url}/acme/v1"
    wire-api: responses
    api-key-entries: [{ api-key: "${KEY}" }]
    models: [{ name: "acme-large-2", alias: "acme-large" }]
  - name: plain
    base-url: "${fake.url}/plain/v1"
    api-key-entries: [{ api-key: "${KEY}" }]
    models: [{ name: "plain-1", alias: "plain-1" }]
  - name: live
    base-url: "${fake.url}/live/v1"
    wire-api: responses
    api-key-entries: [{ api-key: "${KEY}" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const posts = () => fake.requests.filter((request) => request.method === 'POST').map((request) => [request.path, (request.body as { model: string }).model]);

describe('openai-compatibility wire-api: responses', () => {
  it('Chat and Anthropic clients are served through the vendor’s /responses, streaming and not, with a tool round trip', async () => {
    const completion = await openai().chat.completions.create({ model: 'acme-large', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'acme-large', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(TEXT);
    const tools = [{ name: 'read_file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model: 'acme-large', max_tokens: 100, tools, messages: [{ role: 'user', content: 'read it' }] });
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    const second = await anthropic()
      .messages.stream({
        model: 'acme-large',
        max_tokens: 100,
        tools,
        messages: [
          { role: 'user', content: 'read it' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: (use as { id: string }).id, content: 'file contents here' }] },
        ],
      })
      .finalMessage();
    expect(second.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
    expect(posts()).toEqual(Array.from({ length: 4 }, () => ['/acme/v1/responses', 'acme-large-2']));
  });

  it('a Responses client passes through to /responses; an entry without wire-api still uses /chat/completions', async () => {
    const response = await openai().responses.create({ model: 'acme-large', input: 'hi' });
    expect(response.output_text).toBe(TEXT);
    await openai().chat.completions.create({ model: 'plain-1', messages: [{ role: 'user', content: 'hi' }] });
    expect(posts()).toEqual([
      ['/acme/v1/responses', 'acme-large-2'],
      ['/plain/v1/chat/completions', 'plain-1'],
    ]);
  });

  it('an entry without models asks {base-url}/models and serves the listed ids over /responses', async () => {
    fake.listedModels = ['live-model-9'];
    const refreshed = await fetch(`${proxy.url}/v0/management/model-lists/refresh`, { method: 'POST', headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
    expect(refreshed.status).toBe(200);
    expect(fake.requests.map((request) => [request.method, request.path])).toEqual([['GET', '/live/v1/models']]);
    const completion = await openai().chat.completions.create({ model: 'live-model-9', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(posts()).toEqual([['/live/v1/responses', 'live-model-9']]);
  });

  it('a wrong wire-api is refused with the field and the allowed values', async () => {
    const { parseConfigText } = await import('../../src/config/index.js');
    expect(() => parseConfigText('openai-compatibility:\n  - name: x\n    base-url: https://x/v1\n    wire-api: completions\n', '/tmp/config.yaml', { home: '/tmp' })).toThrow(
      /openai-compatibility\.0\.wire-api.*must be chat \(Chat Completions, the default\) or responses \(the Responses API\)/s,
    );
  });
});
