import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_TEXT, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`disable-cooling: true
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }, { api-key: "key-b" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fake.url}"
    models: [{ name: "claude-upstream", alias: "claude-model" }]
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fake.url}"
    models: [{ name: "gemini-upstream", alias: "gemini-model" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const hi = [{ role: 'user' as const, content: 'hi' }];
const html = { kind: 'raw' as const, status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Gateway says hello</body></html>' };
const openai = () => new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${CLIENT_KEY}` }) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('same-dialect answers that are not what the dialect promises', () => {
  it('a 200 HTML page for a non-stream request is a 502 in the OpenAI dialect, not a 200', async () => {
    fake.script({ path: '/chat/completions' }, html);
    const error = await openai()
      .chat.completions.create({ model: 'chat-model', messages: hi })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as Error).message).toContain('The upstream answered 200 with a body that is not a JSON object (text/html, 44 bytes; truncated or not an API answer).');
  });

  it('a truncated JSON answer is a 502 in the Anthropic dialect', async () => {
    fake.script({ path: '/v1/messages' }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"msg_1","type":"message","content":[{"type":"te' });
    const error = await new Anthropic({ apiKey: CLIENT_KEY, baseURL: proxy.url, maxRetries: 0 }).messages
      .create({ model: 'claude-model', max_tokens: 10, messages: hi })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('an empty 200 for a Gemini generateContent is a 502 in the Gemini dialect', async () => {
    fake.script({ path: /generateContent$/ }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '' });
    const response = await post('/v1beta/models/gemini-model:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': CLIENT_KEY });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(502);
    expect(body.error.message).toContain('not a JSON object (application/json, 0 bytes;');
  });

  it('a stream request answered with an HTML page is a 502 before any byte, in the OpenAI dialect', async () => {
    fake.script({ path: '/chat/completions' }, html);
    const response = await post('/v1/chat/completions', { model: 'chat-model', messages: hi, stream: true });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('The upstream answered a stream request with something that is not an event stream (text/html, 44 bytes in its first chunk).');
    // Both keys were tried: garbage before the first byte fails over like any upstream 502.
    expect(new Set(fake.requests.map((request) => request.apiKey))).toEqual(new Set(['key-a', 'key-b']));
  });

  it('garbage from one key is skipped and the other key\'s stream is delivered', async () => {
    fake.script({ path: '/chat/completions' }, html, { times: 1 });
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'chat-model', messages: hi, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.requests).toHaveLength(2);
  });

  it('a Claude stream request answered with plain JSON (stream ignored) is a 502 in the Anthropic dialect', async () => {
    fake.script({ path: '/v1/messages' }, { kind: 'json', body: { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'hi' }] } });
    const response = await post('/v1/messages', { model: 'claude-model', max_tokens: 10, messages: hi, stream: true }, { 'x-api-key': CLIENT_KEY, 'anthropic-version': '2023-06-01' });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(body.error.message).toContain('not an event stream (application/json,');
  });
});
