import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSseText, startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { eventually } from './accounts-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

const chatChunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  data: JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] }),
});
const streamRequest = (body: Record<string, unknown>, path = '/v1/chat/completions', signal?: AbortSignal) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', signal, headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ stream: true, ...body }) });

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`streaming:
  keepalive-seconds: 1
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }, { api-key: "key-b" }]
    models: [{ name: "m", alias: "m" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fake.url}"
    models: [{ name: "c", alias: "c" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

describe('streams', () => {
  it('a client that disconnects mid-stream makes the proxy close its upstream request at once', async () => {
    fake.script({ path: /chat\/completions/ }, { kind: 'sse', delayMs: 300, events: Array.from({ length: 30 }, (_, index) => chatChunk({ content: `t${index} ` })) });
    const controller = new AbortController();
    const response = await streamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, undefined, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await fake.waitFor((requests) => requests.length === 1 && requests[0].aborted, 3000);
    expect(fake.requests[0].aborted).toBe(true);
  });

  it('an upstream that closes without [DONE] still gives OpenAI clients a complete stream ending in [DONE]', async () => {
    fake.script({ path: /chat\/completions/ }, { kind: 'sse', events: [chatChunk({ role: 'assistant', content: '' }), chatChunk({ content: 'partial answer' }), chatChunk({}, 'stop')] });
    const text = await (await streamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).text();
    const events = parseSseText(text);
    expect(events.at(-1)?.data).toBe('[DONE]');
    let assembled = '';
    const stream = await new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    for await (const chunk of stream) assembled += chunk.choices[0]?.delta?.content ?? '';
    expect(assembled).toBe('partial answer');
  });

  it('an upstream whose whole stream arrives in one chunk is answered to the end, passthrough and translated', async () => {
    // Short answers from a fast upstream often come as one TCP chunk that ends the body at once.
    const chatBody = [chatChunk({ role: 'assistant', content: 'one chunk' }), chatChunk({}, 'stop'), { data: '[DONE]' }].map((event) => `data: ${event.data}\n\n`).join('');
    fake.script({ path: /chat\/completions/ }, { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: chatBody });
    const passthrough = await (await streamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, undefined, AbortSignal.timeout(5000))).text();
    expect(parseSseText(passthrough).at(-1)?.data).toBe('[DONE]');
    expect(passthrough).toContain('one chunk');

    const claudeBody = [
      ['message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'c', content: [], usage: { input_tokens: 3, output_tokens: 0 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'one chunk' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }],
      ['message_stop', { type: 'message_stop' }],
    ]
      .map(([name, payload]) => `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
      .join('');
    fake.script({ path: /messages/ }, { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: claudeBody });
    const translated = await (await streamRequest({ model: 'c', messages: [{ role: 'user', content: 'hi' }] }, undefined, AbortSignal.timeout(5000))).text();
    expect(parseSseText(translated).at(-1)?.data).toBe('[DONE]');
    expect(translated).toContain('one chunk');
  });

  it('an upstream connection reset mid-stream becomes an in-band error the SDK raises', async () => {
    fake.script({ path: /chat\/completions/ }, { kind: 'sse', destroyAfter: 2, delayMs: 20, events: Array.from({ length: 10 }, (_, index) => chatChunk({ content: `t${index}` })) });
    const stream = await new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toThrow(/upstream stream broke/i);
  });

  it('a Claude stream cut before message_stop ends with an in-band error event, not a hang', async () => {
    const events = [
      { event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'c', content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } } }) },
      { event: 'content_block_start', data: JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) },
      { event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } }) },
    ];
    fake.script({ path: /messages/ }, { kind: 'sse', events });
    const stream = new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 }).messages.stream({ model: 'c', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/closed the stream before it finished/);
  });

  it('a stream whose first key answers 429 fails over before any byte reaches the client', async () => {
    fake.script({ apiKey: 'key-a' }, vendorError('openai', 429, 'slow down', { retryAfterSeconds: 60 }));
    for (let index = 0; index < 2; index++) {
      const response = await streamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      expect(response.status).toBe(200);
      expect(parseSseText(await response.text()).at(-1)?.data).toBe('[DONE]');
    }
    expect(fake.requests.map((request) => request.apiKey)).toEqual(expect.arrayContaining(['key-a', 'key-b']));
    expect(fake.requests.filter((request) => request.apiKey === 'key-a')).toHaveLength(1);
  });

  it('sends ": keep-alive" comments while the upstream is silent (streaming.keepalive-seconds)', async () => {
    fake.script({ path: /chat\/completions/ }, { kind: 'sse', delayMs: 2300, events: [chatChunk({ content: 'slow' }), chatChunk({}, 'stop'), { data: '[DONE]' }] });
    const text = await (await streamRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).text();
    expect(text).toContain(': keep-alive\n\n');
    expect(parseSseText(text).map((event) => event.data).at(-1)).toBe('[DONE]');
  });

  it('counts a stream whose upstream sent no usage, with estimated tokens', async () => {
    fake.script({ path: /chat\/completions/ }, { kind: 'sse', events: [chatChunk({ content: 'four words right here' }), chatChunk({}, 'stop'), { data: '[DONE]' }] });
    const body = JSON.stringify({ stream: true, model: 'm', messages: [{ role: 'user', content: 'count me' }] });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body });
    await response.text();
    const requestId = response.headers.get('x-request-id');
    type Recent = { requests: Array<{ requestId: string; estimated: boolean; inputTokens: number; outputTokens: number; stream: boolean; requestedModel: string }> };
    const recent = await eventually(
      async () => (await (await fetch(`${proxy.url}/v0/management/usage/recent?limit=10`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as Recent,
      (value) => value.requests.some((record) => record.requestId === requestId),
    );
    // 4 characters a token: the request body, and the 21 characters of text the client got.
    expect(recent.requests.find((record) => record.requestId === requestId)).toMatchObject({
      estimated: true,
      stream: true,
      requestedModel: 'm',
      inputTokens: Math.ceil(Buffer.byteLength(body) / 4),
      outputTokens: Math.ceil('four words right here'.length / 4),
    });
  });
});
