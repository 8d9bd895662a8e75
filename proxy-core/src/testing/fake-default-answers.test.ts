/** The exact wire shapes of the default answers, read with plain fetch (what a proxy's stream decoder sees). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSseText, startFakeUpstream, type FakeUpstream } from './index.js';

const TEXT = 'one two three four five six';
let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

async function postSse(path: string, body: unknown) {
  const response = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return parseSseText(await response.text());
}

type GeminiChunk = { candidates: Array<{ content: { parts: Array<{ text: string }> }; finishReason?: string }> };

const chatBody = { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true };

describe('OpenAI chat stream', () => {
  it('sends a role chunk, about three content chunks, a finish chunk, a usage chunk and [DONE]', async () => {
    const events = await postSse('/v1/chat/completions', { ...chatBody, stream_options: { include_usage: true } });
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const contents = chunks.slice(1, -2).map((chunk) => chunk.choices[0].delta.content);
    expect(contents).toEqual(['one two ', 'three four ', 'five six']);
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { completion_tokens: expect.any(Number) } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('omits usage entirely without stream_options.include_usage', async () => {
    const events = await postSse('/v1/chat/completions', chatBody);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });
});

describe('OpenAI Responses stream', () => {
  it('names every event after its type, numbers them in order and keeps one response id', async () => {
    const events = await postSse('/v1/responses', { model: 'gpt-test', input: 'hi', stream: true });
    const payloads = events.map((event) => JSON.parse(event.data));
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(payloads.map((payload) => payload.type)).toEqual(events.map((event) => event.event));
    expect(payloads.map((payload) => payload.sequence_number)).toEqual(payloads.map((_, index) => index));
    expect(payloads[0].response).toMatchObject({ object: 'response', status: 'in_progress', model: 'gpt-test' });
    expect(payloads.at(-1).response).toMatchObject({
      id: payloads[0].response.id,
      status: 'completed',
      output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: TEXT }] }],
      usage: { input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    });
  });
});

describe('Claude messages stream', () => {
  it('sends message_start, a block with a ping and deltas, message_delta with stop_reason, message_stop', async () => {
    const events = await postSse('/v1/messages?beta=true', { model: 'claude-test', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const payloads = events.map((event) => JSON.parse(event.data));
    expect(payloads.map((payload) => payload.type)).toEqual(events.map((event) => event.event));
    expect(payloads[0].message).toMatchObject({ role: 'assistant', model: 'claude-test', content: [], stop_reason: null, usage: { output_tokens: 1 } });
    expect(payloads.slice(3, 6).map((payload) => payload.delta.text).join('')).toBe(TEXT);
    expect(payloads[7]).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: expect.any(Number) } });
  });

  it('counts tokens from the body length', async () => {
    const short = await (await fetch(`${fake.url}/v1/messages/count_tokens`, { method: 'POST', body: JSON.stringify({ model: 'c', messages: [] }) })).json();
    const long = await (await fetch(`${fake.url}/v1/messages/count_tokens`, { method: 'POST', body: JSON.stringify({ model: 'c', messages: [{ role: 'user', content: 'x'.repeat(400) }] }) })).json();
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 90);
  });
});

describe('Gemini', () => {
  const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

  it('streams a JSON array without alt=sse (Google default) and SSE with it, on v1 and v1beta', async () => {
    const array = await (await fetch(`${fake.url}/v1/models/gemini-test:streamGenerateContent`, { method: 'POST', body: JSON.stringify(body) })).json();
    expect(Array.isArray(array)).toBe(true);
    expect((array as GeminiChunk[]).map((chunk) => chunk.candidates[0].content.parts[0].text).join('')).toBe(TEXT);
    expect(array.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: { candidatesTokenCount: expect.any(Number) }, modelVersion: 'gemini-test' });
    expect(array[0].candidates[0].finishReason).toBeUndefined();
    const events = await postSse('/v1beta/models/gemini-test:streamGenerateContent?alt=sse', body);
    expect(events.map((event) => JSON.parse(event.data).candidates[0].content.parts[0].text).join('')).toBe(TEXT);
    expect(events.every((event) => event.event === undefined)).toBe(true);
  });

  it('tells a Gemini model list from an OpenAI or Anthropic one on GET /v1/models by the headers', async () => {
    const list = (headers: Record<string, string>) => fetch(`${fake.url}/v1/models`, { headers }).then((response) => response.json());
    expect((await list({ 'x-goog-api-key': 'k' })).models[0].name).toBe('models/gemini-2.5-flash');
    expect((await list({ 'anthropic-version': '2023-06-01' })).data[0]).toMatchObject({ type: 'model', id: expect.stringMatching(/^claude-/) });
    expect((await list({ authorization: 'Bearer k' })).object).toBe('list');
    expect((await (await fetch(`${fake.url}/v1beta/models`)).json()).models).toHaveLength(2);
  });
});
