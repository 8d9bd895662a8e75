import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Each official SDK against a provider that speaks its own dialect: the proxy passes bytes through.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'Hello from fake.', tools: true });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-openai" }]
    models: [{ name: "upstream-chat-model", alias: "chat-model" }]
claude-api-key:
  - api-key: "sk-ant-upstream-claude"
    base-url: "${fake.url}"
    models: [{ name: "claude-upstream", alias: "claude-model" }]
gemini-api-key:
  - api-key: "AIza-upstream-gemini"
    base-url: "${fake.url}"
    models: [{ name: "gemini-upstream", alias: "gemini-model" }]
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${fake.url}/v1"
    models: [{ name: "codex-upstream", alias: "codex-model" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });

describe('OpenAI SDK → OpenAI-compatible upstream (passthrough)', () => {
  it('non-stream: the SDK gets the text and usage; the upstream gets its own key and model name', async () => {
    const completion = await openai().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from fake.');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/chat/completions');
    expect(upstream.apiKey).toBe('sk-upstream-openai');
    expect((upstream.body as { model: string }).model).toBe('upstream-chat-model');
  });

  it('forwards the body byte for byte apart from the model name', async () => {
    const raw = '{ "messages" : [ {"role":"user","content":"spacing   kept ✓"} ],\n  "model":"chat-model", "temperature": 0.50, "custom_field": {"x": [1,2]} }';
    const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: raw });
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)!.rawBody.toString('utf8')).toBe(raw.replace('"chat-model"', '"upstream-chat-model"'));
  });

  it('stream: the SDK assembles the text; the stream ends with [DONE] and x-accel-buffering: no', async () => {
    const stream = await openai().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hello from fake.');
    const raw = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(raw.headers.get('x-accel-buffering')).toBe('no');
    expect((await raw.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('tool calls pass through in both directions over two turns', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'list_directory', description: 'ls', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } }];
    const first = await openai().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'list' }], tools });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('list_directory');
    const second = await openai().chat.completions.create({
      model: 'chat-model',
      tools,
      messages: [
        { role: 'user', content: 'list' },
        first.choices[0].message,
        { role: 'tool', tool_call_id: call!.id, content: 'file-a.txt' },
      ],
    });
    expect(second.choices[0].message.content).toContain('file-a.txt');
  });
});

describe('Anthropic SDK → Claude key (passthrough)', () => {
  const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });

  it('messages.create and .stream() return the text; the upstream gets x-api-key-style auth and the real model', async () => {
    const message = await anthropic().messages.create({ model: 'claude-model', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0].type === 'text' && message.content[0].text).toBe('Hello from fake.');
    expect(fake.requests.at(-1)!.apiKey).toBe('sk-ant-upstream-claude');
    expect((fake.requests.at(-1)!.body as { model: string }).model).toBe('claude-upstream');
    const final = await anthropic().messages.stream({ model: 'claude-model', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(final.content[0].type === 'text' && final.content[0].text).toBe('Hello from fake.');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('tool_use comes back with parsed input', async () => {
    const message = await anthropic().messages.create({
      model: 'claude-model',
      max_tokens: 100,
      tools: [{ name: 'Bash', description: 'run', input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } }],
      messages: [{ role: 'user', content: 'run it' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    const block = message.content.find((part) => part.type === 'tool_use');
    expect(block?.type === 'tool_use' && block.name).toBe('Bash');
  });

  it('count_tokens asks the Claude upstream', async () => {
    const counted = await anthropic().messages.countTokens({ model: 'claude-model', messages: [{ role: 'user', content: 'hello there' }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(fake.requests.at(-1)!.path).toBe('/v1/messages/count_tokens');
  });
});

describe('Google GenAI SDK → Gemini key (passthrough)', () => {
  it('v1 (the 3.x default) and v1beta: generateContent and generateContentStream', async () => {
    for (const apiVersion of [undefined, 'v1beta']) {
      const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url, ...(apiVersion ? { apiVersion } : {}) } });
      const result = await google.models.generateContent({ model: 'gemini-model', contents: 'hi' });
      expect(result.text).toBe('Hello from fake.');
      expect(result.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
      const upstream = fake.requests.at(-1)!;
      expect(upstream.path).toBe('/v1beta/models/gemini-upstream:generateContent');
      expect(upstream.headers['x-goog-api-key']).toBe('AIza-upstream-gemini');
      let text = '';
      for await (const chunk of await google.models.generateContentStream({ model: 'gemini-model', contents: 'hi' })) text += chunk.text ?? '';
      expect(text).toBe('Hello from fake.');
    }
  });

  it('GET /v1/models answers in Gemini shape for the SDK', async () => {
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
    const names: string[] = [];
    for await (const model of await google.models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini-model');
  });
});

describe('OpenAI SDK Responses → Codex key (passthrough)', () => {
  it('responses.create and responses.stream()', async () => {
    const response = await openai().responses.create({ model: 'codex-model', input: 'hi' });
    expect(response.output_text).toBe('Hello from fake.');
    expect(fake.requests.at(-1)!.path).toBe('/v1/responses');
    const final = await openai().responses.stream({ model: 'codex-model', input: 'hi' }).finalResponse();
    expect(final.output_text).toBe('Hello from fake.');
  });
});
