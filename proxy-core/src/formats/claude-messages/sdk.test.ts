/**
 * Acceptance: what our encoders write is what the official `@anthropic-ai/sdk` understands. A tiny loopback
 * server decodes the SDK's real request with our decoder and answers with our encoders' output.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { IrRequest, IrResponse, StreamPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { serializeSseEvent } from '../shared/sse-parser.js';
import type { EncodeContext, SseEvent } from '../wire-format.js';
import { claudeMessagesFormat, decodeCountTokensRequest, encodeCountTokensResponse } from './index.js';

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

async function serve(handler: Handler): Promise<Anthropic> {
  const server = createServer(async (request, response) => {
    const answer = handler(request.url ?? '', await readBody(request));
    if (answer.events) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const event of answer.events) response.write(serializeSseEvent(event));
      response.end();
      return;
    }
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.json));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The Anthropic SDK's base URL has no `/v1`.
  return new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'sk-test', maxRetries: 0 });
}

const contextFor = (request: IrRequest): EncodeContext => ({ model: request.model, requestId: 'req-1', created: 1750000000, request });

/** An answer from another vendor (as the IR): a Gemini thought, text, a tool call, usage with cache reads. */
const answer: IrResponse = {
  model: 'gemini-2.5-pro',
  candidates: [
    {
      index: 0,
      finishReason: { unified: 'stop', raw: 'STOP' },
      content: [
        { type: 'reasoning', text: 'I should read it.', signature: { family: 'claude', value: 'EqQBCkgIARAB' } },
        { type: 'text', text: 'Reading the file.' },
        { type: 'tool-call', id: 'call_01', name: 'read_file', arguments: '{"path":"README.md"}' },
      ],
    },
  ],
  usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
};

const answerParts: StreamPart[] = [
  { type: 'stream-start' },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'I should ' },
  { type: 'reasoning-delta', id: 'r', delta: 'read it.' },
  { type: 'reasoning-end', id: 'r', signature: { family: 'claude', value: 'EqQBCkgIARAB' } },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Reading ' },
  // A tool call that starts before the text block ends: the encoder must sequence the blocks.
  { type: 'tool-input-start', id: 'call_01', name: 'read_file' },
  { type: 'tool-input-delta', id: 'call_01', delta: '{"path":' },
  { type: 'text-delta', id: 't', delta: 'the file.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-delta', id: 'call_01', delta: '"README.md"}' },
  { type: 'tool-input-end', id: 'call_01' },
  { type: 'tool-call', id: 'call_01', name: 'read_file', arguments: '{"path":"README.md"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: answer.usage },
];

const tools: Anthropic.Tool[] = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }];

describe('@anthropic-ai/sdk reads our Claude encoders', () => {
  it('messages.create (non-stream): text, tool_use with parsed input, usage, stop_reason', async () => {
    let seen: IrRequest | undefined;
    const client = await serve((path, body) => {
      expect(path).toBe('/v1/messages');
      seen = claudeMessagesFormat.decodeRequest(body);
      return { json: claudeMessagesFormat.encodeResponse(answer, contextFor(seen)) };
    });
    const message = await client.messages.create({
      model: 'my-model',
      max_tokens: 1024,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Open the readme.' }],
      tools,
    });
    expect(seen?.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(message.id).toBe('msg_req-1');
    expect(message.model).toBe('my-model');
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    const call = message.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({ id: 'call_01', name: 'read_file', input: { path: 'README.md' } });
    expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 100 });
  });

  it('messages.stream → finalMessage: thinking with its signature, text, tool_use input, usage, stop reason', async () => {
    const client = await serve((_path, body) => {
      const request = claudeMessagesFormat.decodeRequest(body);
      expect(request.stream).toBe(true);
      expect(request.reasoning).toEqual({ mode: 'budget', budgetTokens: 2048, includeThoughts: true });
      const encoder = claudeMessagesFormat.createStreamEncoder(contextFor(request));
      return { events: [...answerParts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = client.messages.stream({
      model: 'my-model',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Open the readme.' }],
      tools,
    });
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const final = await stream.finalMessage();
    expect(texts).toEqual(['Reading ', 'the file.']);
    expect(final.content).toEqual([
      { type: 'thinking', thinking: 'I should read it.', signature: 'EqQBCkgIARAB' },
      { type: 'text', text: 'Reading the file.' },
      { type: 'tool_use', id: 'call_01', name: 'read_file', input: { path: 'README.md' } },
    ]);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage).toMatchObject({ input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 });
  });

  it('messages.countTokens: our decoder reads the body, the SDK reads {input_tokens}', async () => {
    const client = await serve((path, body) => {
      expect(path).toBe('/v1/messages/count_tokens');
      const request = decodeCountTokensRequest(body);
      return { json: encodeCountTokensResponse(request.messages.length * 10 + request.system.length) };
    });
    const count = await client.messages.countTokens({ model: 'my-model', system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }], tools });
    expect(count.input_tokens).toBe(11);
  });

  it('raises an APIError for our in-band stream error', async () => {
    const client = await serve((_path, body) => {
      const encoder = claudeMessagesFormat.createStreamEncoder(contextFor(claudeMessagesFormat.decodeRequest(body)));
      const parts: StreamPart[] = [
        { type: 'text-delta', id: 't', delta: 'Hel' },
        { type: 'error', status: 529, message: 'The upstream is overloaded; retry shortly.', code: 'upstream_error' },
      ];
      return { events: [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
    });
    const stream = client.messages.stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalMessage()).rejects.toMatchObject({ message: expect.stringContaining('The upstream is overloaded') });
  });

  it('raises the matching SDK error class for our error body', async () => {
    const error = new ProxyError('All credentials for this model are cooling down.', { status: 429, code: 'model_cooldown', retryAfterSeconds: 30 });
    const client = await serve(() => {
      const encoded = claudeMessagesFormat.encodeError(error);
      return { status: encoded.status, json: encoded.body };
    });
    await expect(client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(Anthropic.RateLimitError);
  });
});
