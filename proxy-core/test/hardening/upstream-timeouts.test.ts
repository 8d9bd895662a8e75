import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { answerByDefault } from '../../src/testing/default-routes.js';
import { DEFAULT_FAKE_TEXT, parseSseText, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`timeouts:
  upstream-first-byte-seconds: 0.4
  upstream-idle-seconds: 0.4
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
beforeEach(async () => {
  fake.reset();
  for (const credential of (await management('/credentials')).credentials) await management(`/credentials/${credential.id}/cooldowns`, { method: 'DELETE' });
});

async function management(path: string, init: RequestInit = {}): Promise<{ credentials: Array<{ id: string; label: string; cooldowns: Array<{ reason: string; status?: number }> }> }> {
  const response = await fetch(`${proxy.url}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
  return (await response.json()) as never;
}

const openai = (target = proxy) => new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${target.url}/v1`, maxRetries: 0 });
const anthropic = (target = proxy) => new Anthropic({ apiKey: CLIENT_KEY, baseURL: target.url, maxRetries: 0 });
const chatChunk = (content: string) => ({
  data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'upstream-chat', choices: [{ index: 0, delta: { content }, finish_reason: null }] }),
});
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('upstream timeouts', () => {
  it('an upstream that never sends headers is given up after timeouts.upstream-first-byte-seconds and the next credential answers', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'hang' }, { times: 1 });
    const completion = await openai().chat.completions.create({ model: 'chat-model', messages: hi });
    expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.requests.map((request) => request.aborted)).toEqual([true, false]);
    expect(new Set(fake.requests.map((request) => request.apiKey))).toEqual(new Set(['key-a', 'key-b']));
    expect(proxy.logs.some((line) => line.includes('sent no response within 0.4 s (timeouts.upstream-first-byte-seconds; raise it for very slow models)'))).toBe(true);
    const cooling = (await management('/credentials')).credentials.flatMap((credential) => credential.cooldowns);
    expect(cooling).toEqual([expect.objectContaining({ reason: 'transient', status: 504 })]);
  });

  it('with no other credential, the client gets a 504 in its own dialect that names the setting', async () => {
    fake.script({ path: '/v1/messages' }, { kind: 'hang' });
    const error = await anthropic()
      .messages.create({ model: 'claude-model', max_tokens: 10, messages: hi })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(504);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    expect((error as Error).message).toContain('sent no response within 0.4 s (timeouts.upstream-first-byte-seconds; raise it for very slow models)');
  });

  it('a non-stream answer that stops halfway is given up after timeouts.upstream-idle-seconds and the next credential answers', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"chatcmpl-1","choices":[', hang: true }, { times: 1 });
    const completion = await openai().chat.completions.create({ model: 'chat-model', messages: hi });
    expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    expect(new Set(fake.requests.map((request) => request.apiKey))).toEqual(new Set(['key-a', 'key-b']));
    expect(proxy.logs.some((line) => line.includes('stopped sending the answer: nothing for 0.4 s (timeouts.upstream-idle-seconds)'))).toBe(true);
  });

  it('a stream that sends its headers and then nothing fails over to the next credential before the client sees a byte', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'sse', events: [chatChunk('never sent')], hangAfter: 0 }, { times: 1 });
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'chat-model', messages: hi, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.requests.map((request) => request.aborted)).toEqual([true, false]);
    expect(new Set(fake.requests.map((request) => request.apiKey))).toEqual(new Set(['key-a', 'key-b']));
  });

  it('a stream that goes silent after its first bytes ends with an in-band error in the client\'s dialect (same dialect)', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'sse', events: [chatChunk('partial '), chatChunk('answer')], hangAfter: 2 });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: hi, stream: true }),
    });
    expect(response.status).toBe(200);
    const events = parseSseText(await response.text());
    expect(events.slice(0, 2).map((event) => JSON.parse(event.data).choices[0].delta.content)).toEqual(['partial ', 'answer']);
    const last = JSON.parse(events.at(-1)!.data) as { error: { message: string } };
    expect(last.error.message).toContain('stopped sending the answer: nothing for 0.4 s (timeouts.upstream-idle-seconds)');
    // Something already reached the client: no second credential is tried.
    expect(fake.requests).toHaveLength(1);
  });

  it('a stream that goes silent mid-way ends with an in-band error event for a Claude client of an OpenAI upstream', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'sse', events: [chatChunk('partial')], hangAfter: 1 });
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'chat-model', max_tokens: 10, messages: hi, stream: true }),
    });
    expect(response.status).toBe(200);
    const events = parseSseText(await response.text());
    expect(events.some((event) => event.event === 'content_block_delta' && event.data.includes('partial'))).toBe(true);
    const error = events.at(-1)!;
    expect(error.event).toBe('error');
    expect(JSON.parse(error.data).error.message).toContain('nothing for 0.4 s (timeouts.upstream-idle-seconds)');
  });
});

describe('keep-alive comments (on by default)', () => {
  let quietProxy: TestProxy;
  beforeAll(async () => {
    quietProxy = await startTestProxy(
      configWith(`streaming:
  keepalive-seconds: 1
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }]
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
  afterAll(() => quietProxy?.close());

  it('a config without streaming.keepalive-seconds sends them every 15 s', () => {
    expect(parseConfigText('port: 0\n', 'config.yaml', { home: '/home/ana' }).config.streaming.keepaliveSeconds).toBe(15);
  });

  it('keep-alive comments on a quiet stream are ignored by the OpenAI, Anthropic and Google SDKs', async () => {
    // Each answer pauses 1.2 s before every event; the proxy fills the silences with ": keep-alive" (keepalive-seconds: 1).
    fake.script({ path: /./ }, (request) => {
      const answer = answerByDefault(request, { text: 'quiet', tools: false });
      return answer.kind === 'sse' ? { ...answer, delayMs: 1200 } : answer;
    });
    const raw = fetch(`${quietProxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: hi, stream: true }),
    }).then((response) => response.text());

    const viaOpenAi = (async () => {
      let text = '';
      for await (const chunk of await openai(quietProxy).chat.completions.create({ model: 'chat-model', messages: hi, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    })();
    const viaAnthropic = (async () => {
      let text = '';
      for await (const event of await anthropic(quietProxy).messages.create({ model: 'claude-model', max_tokens: 10, messages: hi, stream: true })) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      return text;
    })();
    const viaGoogle = (async () => {
      let text = '';
      const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: quietProxy.url } });
      for await (const chunk of await google.models.generateContentStream({ model: 'gemini-model', contents: 'hi' })) text += chunk.text ?? '';
      return text;
    })();
    expect(await raw).toContain(': keep-alive\n\n');
    expect(await Promise.all([viaOpenAi, viaAnthropic, viaGoogle])).toEqual(['quiet', 'quiet', 'quiet']);
  });
});
