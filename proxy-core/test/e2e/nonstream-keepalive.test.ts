import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeResponse, type FakeUpstream } from '../../src/testing/index.js';
import { answerByDefault } from '../../src/testing/default-routes.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';

// nonstream-keepalive-interval: while a non-stream answer is pending, "\n" goes out every N seconds; the official
// SDKs still parse the body. The fake upstream answers after 1.5 s, so a 1 s interval sends one newline first
// (both timers run on this process's event loop, so the 1 s one fires first).
let fake: FakeUpstream;
let proxy: TestProxy;

const slow = (request: Parameters<typeof answerByDefault>[0]): FakeResponse => ({ ...(answerByDefault(request, { text: 'slow hello', tools: false }) as Extract<FakeResponse, { kind: 'json' }>), delayMs: 1500 });

beforeAll(async () => {
  fake = await startFakeUpstream({});
  proxy = await startTestProxy(`nonstream-keepalive-interval: 1\n${crossDialectConfig(fake.url)}`);
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('nonstream-keepalive-interval', () => {
  it('writes "\\n" before the JSON body while the upstream is slow', async () => {
    fake.script({}, slow, { times: 1 });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/);
    const text = await response.text();
    expect(text.startsWith('\n')).toBe(true);
    expect((JSON.parse(text) as { object: string }).object).toBe('chat.completion');
  });

  it('the OpenAI, Anthropic and Google SDKs parse such bodies', async () => {
    fake.script({}, slow, { times: 3 });
    const chat = await new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.choices[0]!.message.content).toBeTruthy();
    const message = await new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 }).messages.create({ model: 'claude-model', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]!.type).toBe('text');
    const gemini = await new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } }).models.generateContent({ model: 'gemini-model', contents: 'hi' });
    expect(gemini.text).toBeTruthy();
  });

  it('an error after the newlines arrives as the JSON error object in the body', async () => {
    fake.script({}, { kind: 'json', status: 400, body: { error: { message: 'bad thing', type: 'invalid_request_error' } }, delayMs: 1500 }, { times: 1 });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('\n')).toBe(true);
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toContain('bad thing');
  });
});
