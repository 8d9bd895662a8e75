/**
 * Acceptance: what our encoders write is what the official `openai` SDK understands. A tiny loopback server
 * decodes the SDK's real request with our decoder and answers with our encoders' output.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { IrRequest, IrResponse, StreamPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import type { EncodeContext, SseEvent } from '../wire-format.js';
import { legacyCompletions, openAiChatFormat } from './index.js';

type Answer = { status?: number; json?: unknown; events?: SseEvent[] };
type Handler = (path: string, body: Record<string, unknown>) => Answer;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function serve(handler: Handler): Promise<OpenAI> {
  const server = createServer(async (request, response) => {
    const answer = handler(request.url ?? '', await readBody(request));
    if (answer.events) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of answer.events) response.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
      response.end();
      return;
    }
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.json));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test', maxRetries: 0 });
}

const contextFor = (request: IrRequest): EncodeContext => ({ model: request.model, requestId: 'req-1', created: 1750000000, request });

/** An answer from a Claude upstream (as the IR): thinking, text, a tool call, usage with cache reads. */
const answer: IrResponse = {
  model: 'claude-sonnet-4-5',
  candidates: [
    {
      index: 0,
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      content: [
        { type: 'reasoning', text: 'I should read it.' },
        { type: 'text', text: 'Reading the file.' },
        { type: 'tool-call', id: 'toolu_01', name: 'read_file', arguments: '{"path":"README.md"}' },
      ],
    },
  ],
  usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
};

const answerParts: StreamPart[] = [
  { type: 'stream-start' },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'I should read it.' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Reading ' },
  { type: 'text-delta', id: 't', delta: 'the file.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-start', id: 'toolu_01', name: 'read_file' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '{"path":' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '"README.md"}' },
  { type: 'tool-input-end', id: 'toolu_01' },
  { type: 'tool-call', id: 'toolu_01', name: 'read_file', arguments: '{"path":"README.md"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: answer.usage },
];

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
];

describe('openai SDK reads our Chat encoders', () => {
  it('chat.completions.create (non-stream): text, reasoning, tool call with parseable arguments, usage', async () => {
    let seen: IrRequest | undefined;
    const client = await serve((_path, body) => {
      seen = openAiChatFormat.decodeRequest(body);
      return { json: openAiChatFormat.encodeResponse(answer, contextFor(seen)) };
    });
    const completion = await client.chat.completions.create({
      model: 'my-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Open the readme.' },
      ],
      tools,
    });
    expect(seen?.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(completion.id).toBe('chatcmpl-req-1');
    expect(completion.model).toBe('my-model');
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Reading the file.');
    expect((choice.message as unknown as { reasoning_content: string }).reasoning_content).toBe('I should read it.');
    const call = choice.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ path: 'README.md' });
    expect(call?.id).toBe('toolu_01');
    expect(completion.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } });
  });

  it('chat.completions.stream: deltas accumulate into the tool call, finish reason and usage', async () => {
    const client = await serve((_path, body) => {
      const request = openAiChatFormat.decodeRequest(body);
      const encoder = openAiChatFormat.createStreamEncoder(contextFor(request));
      return { events: [...answerParts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = client.chat.completions.stream({
      model: 'my-model',
      messages: [{ role: 'user', content: 'Open the readme.' }],
      tools,
      stream_options: { include_usage: true },
    });
    const contentDeltas: string[] = [];
    stream.on('content.delta', ({ delta }) => contentDeltas.push(delta));
    const final = await stream.finalChatCompletion();
    expect(contentDeltas).toEqual(['Reading ', 'the file.']);
    const choice = final.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Reading the file.');
    const call = choice.message.tool_calls?.[0];
    expect(call).toMatchObject({ id: 'toolu_01', type: 'function', function: { name: 'read_file', arguments: '{"path":"README.md"}' } });
    expect(final.usage).toMatchObject({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
  });

  it('chat.completions.create (stream: true) ends cleanly at [DONE]; no usage chunk unless asked', async () => {
    const client = await serve((_path, body) => {
      const request = openAiChatFormat.decodeRequest(body);
      const encoder = openAiChatFormat.createStreamEncoder(contextFor(request));
      return { events: [...answerParts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = await client.chat.completions.create({ model: 'my-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    let usageSeen = false;
    const finishReasons: string[] = [];
    for await (const chunk of stream) {
      if (chunk.usage) usageSeen = true;
      for (const choice of chunk.choices) {
        text += choice.delta.content ?? '';
        if (choice.finish_reason) finishReasons.push(choice.finish_reason);
      }
    }
    expect(text).toBe('Reading the file.');
    expect(finishReasons).toEqual(['tool_calls']);
    expect(usageSeen).toBe(false);
  });

  it('raises an APIError for our in-band stream error (no [DONE] after it)', async () => {
    const client = await serve((_path, body) => {
      const encoder = openAiChatFormat.createStreamEncoder(contextFor(openAiChatFormat.decodeRequest(body)));
      const parts: StreamPart[] = [
        { type: 'text-delta', id: 't', delta: 'Hel' },
        { type: 'error', status: 503, message: 'The upstream is overloaded; retry shortly.', code: 'upstream_error' },
      ];
      return { events: [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toMatchObject({ message: expect.stringContaining('The upstream is overloaded') });
  });

  it('raises the matching SDK error class for our error body', async () => {
    const error = new ProxyError('All credentials for this model are cooling down.', {
      status: 429,
      code: 'model_cooldown',
      retryAfterSeconds: 30,
    });
    const client = await serve(() => {
      const encoded = openAiChatFormat.encodeError(error);
      return { status: encoded.status, json: encoded.body };
    });
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });
});

describe('openai SDK reads our legacy completions encoders', () => {
  const textAnswer: IrResponse = {
    model: 'x',
    candidates: [{ index: 0, finishReason: { unified: 'length', raw: 'max_tokens' }, content: [{ type: 'text', text: 'Once upon a time' }] }],
    usage: { inputTokens: 4, outputTokens: 4 },
  };

  it('completions.create (non-stream)', async () => {
    const client = await serve((path, body) => {
      expect(path).toBe('/v1/completions');
      const request = legacyCompletions.decodeCompletionsRequest(body);
      return { json: legacyCompletions.encodeCompletionsResponse(textAnswer, contextFor(request)) };
    });
    const completion = await client.completions.create({ model: 'my-model', prompt: 'Tell a story', max_tokens: 4 });
    expect(completion).toMatchObject({
      id: 'cmpl-req-1',
      object: 'text_completion',
      model: 'my-model',
      choices: [{ text: 'Once upon a time', index: 0, finish_reason: 'length' }],
      usage: { prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 },
    });
  });

  it('completions.create (stream) with usage', async () => {
    const client = await serve((_path, body) => {
      const encoder = legacyCompletions.createCompletionsStreamEncoder(contextFor(legacyCompletions.decodeCompletionsRequest(body)));
      const parts: StreamPart[] = [
        { type: 'stream-start' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Once ' },
        { type: 'text-delta', id: 't', delta: 'upon' },
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason: { unified: 'stop' }, usage: { inputTokens: 3, outputTokens: 2 } },
      ];
      return { events: [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = await client.completions.create({ model: 'm', prompt: 'Tell', stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let total: number | undefined;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        text += choice.text;
        finish = choice.finish_reason ?? finish;
      }
      total = chunk.usage?.total_tokens ?? total;
    }
    expect(text).toBe('Once upon');
    expect(finish).toBe('stop');
    expect(total).toBe(5);
  });
});
