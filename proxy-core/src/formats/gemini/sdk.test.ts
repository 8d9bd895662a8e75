/**
 * Acceptance: what our Gemini encoders write is what the official `@google/genai` SDK understands. A tiny
 * loopback server decodes the SDK's real request with our decoder and answers with our encoders' output
 * (non-stream JSON, or SSE for `streamGenerateContent?alt=sse`). genai 3.x calls `/v1/models/…` by
 * default; `httpOptions.apiVersion: 'v1beta'` gives the paths older clients and Gemini CLI use.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IrRequest, IrResponse, StreamPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import type { EncodeContext } from '../wire-format.js';
import { geminiFormat } from './index.js';

interface Seen {
  path: string;
  request: IrRequest;
}
type Answer = { status?: number; json?: unknown; events?: Array<{ data: string }> };

const servers: Server[] = [];
// The SDK warns on `.text` of a response that also holds a function call; that is expected here.
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A server that records what the SDK sent and answers with `answer(request, stream)`. */
async function serve(answer: (request: IrRequest, stream: boolean) => Answer, apiVersion?: string): Promise<{ client: GoogleGenAI; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (incoming, response) => {
    const path = incoming.url ?? '';
    const stream = path.includes(':streamGenerateContent');
    let reply: Answer;
    try {
      const request = geminiFormat.decodeRequest(await readBody(incoming));
      request.model = /models\/([^:]+):/.exec(path)?.[1] ?? '';
      seen.push({ path, request });
      reply = answer(request, stream);
    } catch (error) {
      const encoded = geminiFormat.encodeError(error as ProxyError);
      reply = { status: encoded.status, json: encoded.body };
    }
    if (reply.events) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of reply.events) response.write(`data: ${event.data}\n\n`);
      response.end();
      return;
    }
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.json));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const httpOptions = { baseUrl: `http://127.0.0.1:${port}`, ...(apiVersion ? { apiVersion } : {}), retryOptions: { attempts: 1 } };
  return { client: new GoogleGenAI({ apiKey: 'test-key', httpOptions }), seen };
}

const contextFor = (request: IrRequest): EncodeContext => ({ model: request.model, requestId: 'req-1', created: 1750000000, request });

function streamAnswer(parts: StreamPart[]) {
  return (request: IrRequest): Answer => {
    const encoder = geminiFormat.createStreamEncoder(contextFor(request));
    return { events: [...parts.flatMap((part) => encoder.push(part)), ...encoder.flush()] };
  };
}

/** An answer from another vendor (as the IR): thinking, text, a tool call, usage with reasoning tokens. */
const toolAnswer: IrResponse = {
  id: 'msg_01',
  model: 'claude-sonnet-4-5',
  candidates: [
    {
      index: 0,
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      content: [
        { type: 'reasoning', text: 'The user wants the weather.' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      ],
    },
  ],
  usage: { inputTokens: 50, outputTokens: 25, reasoningTokens: 5, cachedInputTokens: 10 },
};

const weatherTool = {
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] },
    },
  ],
};

describe('@google/genai reads our Gemini encoders', () => {
  it('models.generateContent on the default v1 path: text, usage and finish reason', async () => {
    const answer: IrResponse = {
      model: 'gpt-4o',
      candidates: [{ index: 0, finishReason: { unified: 'stop', raw: 'stop' }, content: [{ type: 'text', text: 'Hello from the proxy.' }] }],
      usage: { inputTokens: 7, outputTokens: 5 },
    };
    const { client, seen } = await serve((request) => ({ json: geminiFormat.encodeResponse(answer, contextFor(request)) }));
    const response = await client.models.generateContent({
      model: 'my-model',
      contents: 'Say hello.',
      config: { systemInstruction: 'Be brief.', temperature: 0.2, maxOutputTokens: 100 },
    });
    expect(seen[0].path).toBe('/v1/models/my-model:generateContent');
    expect(seen[0].request).toMatchObject({ system: [{ type: 'text', text: 'Be brief.' }], temperature: 0.2, maxOutputTokens: 100 });
    expect(seen[0].request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }]);
    expect(response.text).toBe('Hello from the proxy.');
    expect(response.candidates?.[0].finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 7, candidatesTokenCount: 5, totalTokenCount: 12 });
    expect(response.modelVersion).toBe('my-model');
  });

  it('models.generateContent on v1beta: function calls with parsed args, thoughts kept out of text', async () => {
    const { client, seen } = await serve((request) => ({ json: geminiFormat.encodeResponse(toolAnswer, contextFor(request)) }), 'v1beta');
    const response = await client.models.generateContent({
      model: 'claude-sonnet-4-5',
      contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }],
      config: { tools: [weatherTool], thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } },
    });
    expect(seen[0].path).toBe('/v1beta/models/claude-sonnet-4-5:generateContent');
    expect(seen[0].request.tools?.[0]).toMatchObject({ type: 'function', name: 'get_weather', inputSchema: { required: ['city'] } });
    expect(seen[0].request.reasoning).toEqual({ mode: 'budget', budgetTokens: 2048, includeThoughts: true });
    expect(response.functionCalls).toEqual([{ id: 'toolu_01', name: 'get_weather', args: { city: 'Paris', unit: 'celsius' } }]);
    expect(response.text).toBe('Checking.');
    expect(response.candidates?.[0].content?.parts?.[0]).toEqual({ text: 'The user wants the weather.', thought: true });
    expect(response.candidates?.[0].finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 50, candidatesTokenCount: 20, thoughtsTokenCount: 5, cachedContentTokenCount: 10, totalTokenCount: 75 });
  });

  it('models.generateContent in JSON mode: responseJsonSchema reaches us and the answer parses', async () => {
    const schema = { type: 'object', properties: { complexity_reasoning: { type: 'string' }, complexity_score: { type: 'integer' } }, required: ['complexity_score'] };
    const { client, seen } = await serve((request) => {
      const json = JSON.stringify({ complexity_reasoning: 'A greeting.', complexity_score: 1 });
      const answer: IrResponse = { model: 'm', candidates: [{ index: 0, finishReason: { unified: 'stop' }, content: [{ type: 'text', text: json }] }] };
      return { json: geminiFormat.encodeResponse(answer, contextFor(request)) };
    }, 'v1beta');
    const response = await client.models.generateContent({
      model: 'gemini-3.5-flash-lite',
      contents: 'hi',
      config: { responseMimeType: 'application/json', responseJsonSchema: schema, thinkingConfig: { includeThoughts: true, thinkingLevel: 'HIGH' as never } },
    });
    expect(seen[0].request.responseFormat).toEqual({ type: 'json', schema });
    expect(seen[0].request.reasoning).toEqual({ mode: 'level', level: 'high', includeThoughts: true });
    expect(JSON.parse(response.text ?? '')).toEqual({ complexity_reasoning: 'A greeting.', complexity_score: 1 });
  });

  it('models.generateContentStream (SSE): text deltas, a function call, finish reason and usage on the last chunk', async () => {
    const parts: StreamPart[] = [
      { type: 'stream-start', id: 'msg_02' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Think.' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Let me ' },
      { type: 'text-delta', id: 't', delta: 'check.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', id: 'call_9', name: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_9', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_9', delta: '"Rome"}' },
      { type: 'tool-input-end', id: 'call_9' },
      { type: 'tool-call', id: 'call_9', name: 'get_weather', arguments: '{"city":"Rome"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 11, outputTokens: 9 } },
    ];
    for (const apiVersion of [undefined, 'v1beta']) {
      const { client, seen } = await serve(streamAnswer(parts), apiVersion);
      const stream = await client.models.generateContentStream({ model: 'gpt-5', contents: 'Weather in Rome?', config: { tools: [weatherTool] } });
      let text = '';
      const calls: unknown[] = [];
      let last: Awaited<ReturnType<typeof stream.next>>['value'] | undefined;
      for await (const chunk of stream) {
        text += chunk.text ?? '';
        calls.push(...(chunk.functionCalls ?? []));
        last = chunk;
      }
      expect(seen[0].path).toBe(`/${apiVersion ?? 'v1'}/models/gpt-5:streamGenerateContent?alt=sse`);
      expect(text).toBe('Let me check.');
      expect(calls).toEqual([{ id: 'call_9', name: 'get_weather', args: { city: 'Rome' } }]);
      expect(last?.candidates?.[0].finishReason).toBe('STOP');
      expect(last?.usageMetadata).toMatchObject({ promptTokenCount: 11, candidatesTokenCount: 9, totalTokenCount: 20 });
      expect(last?.responseId).toBe('msg_02');
    }
  });

  it('models.generateContentStream in JSON mode: the concatenated text is valid JSON', async () => {
    const json = '{"answer": "yes", "confidence": 0.9}';
    const deltas = [json.slice(0, 10), json.slice(10, 25), json.slice(25)];
    const parts: StreamPart[] = [
      { type: 'text-start', id: 't' },
      ...deltas.map((delta): StreamPart => ({ type: 'text-delta', id: 't', delta })),
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
    ];
    const { client, seen } = await serve(streamAnswer(parts), 'v1beta');
    const stream = await client.models.generateContentStream({ model: 'claude-haiku', contents: 'Answer as JSON.', config: { responseMimeType: 'application/json' } });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(seen[0].request.responseFormat).toEqual({ type: 'json' });
    expect(JSON.parse(text)).toEqual({ answer: 'yes', confidence: 0.9 });
  });

  it('surfaces our errors as ApiError with the status, before and during a stream', async () => {
    const { client } = await serve(() => {
      const encoded = geminiFormat.encodeError(new ProxyError('No credentials for this model.', { status: 429, code: 'no_credentials', retryAfterSeconds: 5 }));
      return { status: encoded.status, json: encoded.body };
    }, 'v1beta');
    const failure = await client.models.generateContent({ model: 'm', contents: 'hi' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(429);
    expect((failure as ApiError).message).toContain('No credentials for this model.');

    const midStream = await serve(
      streamAnswer([
        { type: 'text-delta', id: 't', delta: 'Part' },
        { type: 'text-delta', id: 't', delta: 'ial' },
        { type: 'error', status: 503, message: 'Upstream overloaded.' },
      ]),
      'v1beta',
    );
    const stream = await midStream.client.models.generateContentStream({ model: 'm', contents: 'hi' });
    let text = '';
    const streamFailure = await (async () => {
      for await (const chunk of stream) text += chunk.text ?? '';
    })().catch((error: unknown) => error);
    // What came before the error is delivered, then the SDK throws.
    expect(text).toBe('Partial');
    expect(streamFailure).toBeInstanceOf(ApiError);
    expect((streamFailure as ApiError).status).toBe(503);
  });

  it('400s a malformed request in the shape the SDK reports', async () => {
    const { client } = await serve(() => ({ json: {} }), 'v1beta');
    const failure = await client.models
      .generateContent({ model: 'm', contents: [{ role: 'robot', parts: [{ text: 'hi' }] }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).message).toContain('contents[0].role');
  });
});
