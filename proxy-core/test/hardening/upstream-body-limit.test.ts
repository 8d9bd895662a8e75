import { Readable } from 'node:stream';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFormatRegistry } from '../../src/formats/registry.js';
import { aggregateStream } from '../../src/pipeline/collect-stream.js';
import { parseSseText, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;
const MiB = 1024 * 1024;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`upstream-body-limit-mb: 1
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }, { api-key: "key-b" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

/** A valid chat completion whose text is `size` bytes long. */
function hugeCompletion(size: number): string {
  return JSON.stringify({
    id: 'chatcmpl-huge',
    object: 'chat.completion',
    created: 1,
    model: 'upstream-chat',
    choices: [{ index: 0, message: { role: 'assistant', content: 'x'.repeat(size) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

const limitMessage = 'The upstream answer is larger than 1 MiB (upstream-body-limit-mb in config.yaml) and was dropped. Ask for a stream ("stream": true) or raise upstream-body-limit-mb.';
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('upstream-body-limit-mb', () => {
  it('a non-stream answer past the limit is a 502 in the OpenAI dialect naming the key, and is not retried elsewhere', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: hugeCompletion(3 * MiB) });
    const error = await new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 }).chat.completions
      .create({ model: 'chat-model', messages: hi })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ message: limitMessage });
    // The same answer would not fit from the other key either.
    expect(fake.requests).toHaveLength(1);
  });

  it('a translated non-stream answer past the limit is a 502 in the Anthropic dialect', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: hugeCompletion(2 * MiB) });
    const error = await new Anthropic({ apiKey: CLIENT_KEY, baseURL: proxy.url, maxRetries: 0 }).messages
      .create({ model: 'chat-model', max_tokens: 10, messages: hi })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'api_error', message: limitMessage } });
  });

  it('an answer just under the limit still comes through whole', async () => {
    fake.script({ path: '/chat/completions' }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json' }, body: hugeCompletion(MiB - 1024) });
    const completion = await new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'chat-model', messages: hi });
    expect(completion.choices[0].message.content).toHaveLength(MiB - 1024);
  });

  it('streams are never held whole: a 3 MiB stream passes a 1 MiB limit', async () => {
    const piece = 'y'.repeat(64 * 1024);
    const events = Array.from({ length: 48 }, () => ({
      data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'upstream-chat', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }),
    }));
    fake.script({ path: '/chat/completions' }, { kind: 'sse', events: [...events, { data: '[DONE]' }] });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: hi, stream: true }),
    });
    const received = parseSseText(await response.text());
    const text = received.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data).choices[0].delta.content as string).join('');
    expect(text.length).toBe(48 * 64 * 1024);
    expect(received.at(-1)?.data).toBe('[DONE]');
  });

  it('collecting a stream for a non-stream client stops at the limit too', async () => {
    const format = createFormatRegistry().get('openai-chat')!;
    const chunk = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'z'.repeat(60_000) }, finish_reason: null }] })}\n\n`;
    let sent = 0;
    const body = new Readable({
      read() {
        sent++;
        this.push(sent <= 100 ? chunk : null);
      },
    });
    const error = await aggregateStream(body, format, { model: 'm', requestId: 'r1', created: 1 }, MiB).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, message: limitMessage });
    // It stopped reading at the limit instead of collecting all 100 chunks.
    expect(sent).toBeLessThan(25);
    expect(body.destroyed).toBe(true);
  });
});
