import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// An xAI API key (`xai-api-key`): Grok over xAI's Responses API, reached from all four client dialects.
const XAI_KEY = 'xai-upstream-secret-0001';
const TEXT = 'Grok says hello.';
const MODEL = 'grok-4.5';
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT, tools: true, apiKeys: [XAI_KEY] });
  proxy = await startTestProxy(
    configWith(`xai-api-key:
  - api-key: "${XAI_KEY}"
    base-url: "${fake.url}/xai/v1"
    headers: { X-Team: blue }
  - api-key: "xai-without-base-url"
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const upstream = () => fake.requests.filter((request) => request.method === 'POST');

function expectXaiCalls(count: number): void {
  const calls = upstream();
  expect(calls.map((call) => [call.path, call.apiKey, call.headers['x-team']])).toEqual(Array.from({ length: count }, () => ['/xai/v1/responses', XAI_KEY, 'blue']));
  for (const call of calls) expect((call.body as { model: string }).model).toBe(MODEL);
}

describe('xai-api-key', () => {
  it('serves the reference’s Grok catalogue; an entry without base-url is ignored with a warning, as the reference drops it', async () => {
    const ids = (await openai().models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['grok-4.6', 'grok-4.5', 'grok-4.3', 'grok-3-mini']));
    expect(proxy.logs.join('\n')).toContain('xai-api-key entries need a base-url (e.g. https://api.x.ai/v1); this entry is ignored');
  });

  it('OpenAI Chat SDK: non-stream, stream and a tool round trip, all sent to {base-url}/responses', async () => {
    const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(completion.choices[0].finish_reason).toBe('stop');
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(TEXT);

    const tool = { type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };
    const first = await openai().chat.completions.create({ model: MODEL, tools: [tool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('read_file');
    const second = await openai().chat.completions.create({
      model: MODEL,
      tools: [tool],
      messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    });
    expect(second.choices[0].message.content).toContain('file contents here');
    expectXaiCalls(4);
  });

  it('OpenAI Responses SDK (same dialect): create, stream and a function call round trip; fields xAI refuses are dropped', async () => {
    const response = await openai().responses.create({ model: MODEL, input: 'hi', safety_identifier: 'user-7', prompt_cache_retention: '24h' } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(response.output_text).toBe(TEXT);
    const sent = upstream()[0].body as Record<string, unknown>;
    expect(sent).not.toHaveProperty('safety_identifier');
    expect(sent).not.toHaveProperty('prompt_cache_retention');
    expect(sent.input).toBe('hi');

    const streamed = await openai().responses.stream({ model: MODEL, input: [{ role: 'user', content: 'hi' }] }).finalResponse();
    expect(streamed.output_text).toBe(TEXT);

    const readFile = { type: 'function' as const, name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }, strict: false };
    const first = await openai().responses.create({ model: MODEL, tools: [readFile], input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && call.name).toBe('read_file');
    const second = await openai()
      .responses.stream({
        model: MODEL,
        tools: [readFile],
        input: [{ role: 'user', content: 'read it' }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' }],
      })
      .finalResponse();
    expect(second.output_text).toContain('file contents here');
    expectXaiCalls(4);
  });

  it('Anthropic SDK: create, stream and a tool_use round trip; count_tokens is estimated locally', async () => {
    const message = await anthropic().messages.create({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0].type === 'text' && message.content[0].text).toBe(TEXT);
    expect(message.stop_reason).toBe('end_turn');
    const final = await anthropic().messages.stream({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toBe(TEXT);

    const tools = [{ name: 'read_file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model: MODEL, max_tokens: 200, tools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    const second = await anthropic()
      .messages.stream({
        model: MODEL,
        max_tokens: 200,
        tools,
        messages: [
          { role: 'user', content: 'read it' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: (use as { id: string }).id, content: 'file contents here' }] },
        ],
      })
      .finalMessage();
    expect(second.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
    expectXaiCalls(4);

    const counted = await anthropic().messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'count these words please' }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(upstream()).toHaveLength(4);
  });

  it('Google GenAI SDK: generateContent, stream and function calling over two turns', async () => {
    const result = await google().models.generateContent({ model: MODEL, contents: 'hi' });
    expect(result.text).toBe(TEXT);
    let text = '';
    for await (const chunk of await google().models.generateContentStream({ model: MODEL, contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe(TEXT);

    const declaration: FunctionDeclaration = { name: 'read_file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const first = await google().models.generateContent({ model: MODEL, contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    const second = await google().models.generateContent({
      model: MODEL,
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [
        { role: 'user', parts: [{ text: 'read it' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] },
      ],
    });
    expect(second.text).toContain('file contents here');
    expectXaiCalls(4);
  });

  it('asks xAI’s /models with the key: a newly listed grok id is served without an update', async () => {
    fake.listedModels = ['grok-5-preview'];
    const refreshed = await fetch(`${proxy.url}/v0/management/model-lists/refresh`, { method: 'POST', headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
    expect(refreshed.status).toBe(200);
    expect(fake.requests.map((request) => [request.method, request.path, request.apiKey])).toEqual([['GET', '/xai/v1/models', XAI_KEY]]);
    expect((await openai().models.list()).data.map((model) => model.id)).toContain('grok-5-preview');
    const completion = await openai().chat.completions.create({ model: 'grok-5-preview', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(upstream().map((call) => (call.body as { model: string }).model)).toEqual(['grok-5-preview']);
  });

  it('a grok-* id nobody lists still reaches the xAI key (family pass-through), sent upstream as asked', async () => {
    const completion = await openai().chat.completions.create({ model: 'grok-9-unlisted', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(upstream().map((call) => [call.path, (call.body as { model: string }).model])).toEqual([['/xai/v1/responses', 'grok-9-unlisted']]);
  });

  it('management: POST /xai-api-key appends a key that serves at once; GET ?masked=true (as the dashboard asks) lists the entries masked', async () => {
    const headers = { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' };
    const added = await fetch(`${proxy.url}/v0/management/xai-api-key`, { method: 'POST', headers, body: JSON.stringify({ 'api-key': XAI_KEY, 'base-url': `${fake.url}/xai-second/v1` }) });
    expect(added.status).toBe(200);
    const listed = (await (await fetch(`${proxy.url}/v0/management/xai-api-key?masked=true`, { headers })).json()) as Record<string, Array<Record<string, unknown>>>;
    const entries = Object.values(listed).flat();
    expect(entries.map((entry) => entry['base-url'] ?? null)).toEqual([`${fake.url}/xai/v1`, null, `${fake.url}/xai-second/v1`]);
    expect(JSON.stringify(listed)).not.toContain(XAI_KEY);
    for (let index = 0; index < 2; index++) await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream().map((call) => call.path).sort()).toEqual(['/xai-second/v1/responses', '/xai/v1/responses']);
  });

  it('a rate-limited xAI key fails over to the next one before the client sees anything, then rests', async () => {
    fake.script({ path: '/xai/v1/responses' }, vendorError('openai', 429, 'Rate limit reached for grok-4.5', { retryAfterSeconds: 600 }));
    for (let index = 0; index < 3; index++) {
      const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(TEXT);
    }
    const paths = upstream().map((call) => call.path);
    expect(paths.filter((path) => path === '/xai/v1/responses')).toHaveLength(1);
    expect(paths.filter((path) => path === '/xai-second/v1/responses')).toHaveLength(3);
  });
});
