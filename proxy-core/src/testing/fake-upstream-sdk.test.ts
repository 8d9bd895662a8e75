/**
 * The fake's default answers must be accepted by the official SDKs exactly as they accept the vendors' own, so the
 * proxy's end-to-end tests fail only for the proxy's faults. Each SDK here talks straight to the fake.
 */
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.js';

const TEXT = 'The quick brown fox jumps over the lazy dog.';
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const openAi = () => new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: fake.url, apiKey: 'sk-ant-test', maxRetries: 0 });
const genai = (apiVersion?: string) =>
  new GoogleGenAI({ apiKey: 'goog-test', httpOptions: apiVersion ? { baseUrl: fake.url, apiVersion } : { baseUrl: fake.url } });

describe('openai SDK against the fake', () => {
  it('reads a chat completion with usage', async () => {
    const completion = await openAi().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('gpt-test');
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', apiKey: 'sk-test' });
  });

  it('streams a chat completion in several content chunks and ends with a usage chunk', async () => {
    const stream = await openAi().chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usageChunk: OpenAI.Chat.Completions.ChatCompletionChunk | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) deltas.push(delta);
      if (chunk.usage) usageChunk = chunk;
    }
    expect(deltas.join('')).toBe(TEXT);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('runs the responses.stream() helper to a final response', async () => {
    const stream = openAi().responses.stream({ model: 'gpt-test', input: 'hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(TEXT);
    expect(deltas.join('')).toBe(TEXT);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(0);
    expect(fake.requests[0].headers['x-stainless-helper-method']).toBe('stream');
  });

  it('reads a non-streamed response, a compaction and the model list', async () => {
    const client = openAi();
    const response = await client.responses.create({ model: 'gpt-test', input: 'hi' });
    expect(response.output_text).toBe(TEXT);
    const compacted = await client.responses.compact({ model: 'gpt-test', input: [{ role: 'user', content: 'remember me' }] });
    expect(compacted.object).toBe('response.compaction');
    expect(compacted.output.map((item) => item.type)).toEqual(['message', 'compaction']);
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-5');
  });
});

describe('@anthropic-ai/sdk against the fake', () => {
  it('reads a message and counts tokens', async () => {
    const client = anthropic();
    const message = await client.messages.create({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: TEXT }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.id).toMatch(/^msg_01/);
    const count = await client.messages.countTokens({ model: 'claude-test', messages: [{ role: 'user', content: 'hi' }] });
    expect(count.input_tokens).toBeGreaterThan(0);
    // The 1.x SDK sends its key as a Bearer token; the fake records it either way.
    expect(fake.requests.map((request) => [request.path, request.apiKey])).toEqual([
      ['/v1/messages', 'sk-ant-test'],
      ['/v1/messages/count_tokens', 'sk-ant-test'],
    ]);
  });

  it('streams through the .stream() helper', async () => {
    const stream = anthropic().messages.stream({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.join('')).toBe(TEXT);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBeGreaterThan(1);
  });
});

describe('@google/genai against the fake', () => {
  for (const apiVersion of [undefined, 'v1beta']) {
    const prefix = `/${apiVersion ?? 'v1'}/models`;
    it(`generates and streams content on ${prefix}`, async () => {
      const client = genai(apiVersion);
      const response = await client.models.generateContent({ model: 'gemini-test', contents: 'hi' });
      expect(response.text).toBe(TEXT);
      expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
      const pieces: string[] = [];
      for await (const chunk of await client.models.generateContentStream({ model: 'gemini-test', contents: 'hi' })) pieces.push(chunk.text ?? '');
      expect(pieces.join('')).toBe(TEXT);
      expect(pieces.length).toBeGreaterThanOrEqual(2);
      expect(fake.requests.map((request) => `${request.path}${request.query.alt ? `?alt=${request.query.alt}` : ''}`)).toEqual([
        `${prefix}/gemini-test:generateContent`,
        `${prefix}/gemini-test:streamGenerateContent?alt=sse`,
      ]);
      expect(fake.requests[0].apiKey).toBe('goog-test');
    });
  }

  it('counts tokens and lists models, also on the v1 path the OpenAI list shares', async () => {
    const client = genai();
    const count = await client.models.countTokens({ model: 'gemini-test', contents: 'hello there' });
    expect(count.totalTokens).toBeGreaterThan(0);
    const names: string[] = [];
    for await (const model of await client.models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini-2.5-flash');
    expect(fake.requests[1]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('answers JSON that fits responseJsonSchema when JSON output is requested', async () => {
    const response = await genai('v1beta').models.generateContent({
      model: 'gemini-test',
      contents: 'route this',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { reasoning: { type: 'string' }, model_choice: { type: 'string', enum: ['flash', 'pro'] }, confidence: { type: 'number' } },
          required: ['reasoning', 'model_choice'],
        },
      },
    });
    expect(JSON.parse(response.text ?? '')).toEqual({ reasoning: 'example', model_choice: 'flash', confidence: 1 });
  });

  it('raises the SDK error for a Gemini-shaped 401 from a fake that enforces keys', async () => {
    const strict = await startFakeUpstream({ apiKeys: ['right'] });
    try {
      const client = new GoogleGenAI({ apiKey: 'wrong', httpOptions: { baseUrl: strict.url } });
      const failure = await client.models.generateContent({ model: 'gemini-test', contents: 'hi' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).status).toBe(401);
      expect((failure as ApiError).message).toContain('UNAUTHENTICATED');
    } finally {
      await strict.close();
    }
  });
});
