import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { namedJsonEvent } from '../../src/testing/sse-text.js';
import { eventually } from './accounts-harness.js';
import { body } from './codex-harness.js';
import { CLIENT_KEY } from './harness.js';
import { beforeAll } from 'vitest';
import type { FakeCodex } from '../../src/testing/index.js';
import type { TestProxy } from './harness.js';
import { useCodexRig } from './codex-harness.js';

// ChatGPT (Codex) subscriptions from every client dialect: the official SDKs, the Responses passthrough with the Codex CLI’s headers, compact.
const rig = useCodexRig();
const { accounts, openai, anthropic, seedAccount } = rig;
let fake: FakeCodex;
let proxy: TestProxy;
beforeAll(() => {
  fake = rig.fake;
  proxy = rig.proxy;
});

describe('Codex requests from every client dialect', () => {
  it('OpenAI SDK chat, non-stream: the ChatGPT backend gets a streamed Codex-shaped request; the client one answer with usage', async () => {
    const seeded = seedAccount({ email: 'chat@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({
      model: 'gpt-5.5',
      max_tokens: 300,
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from the fake upstream.' }, finish_reason: 'stop' });
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);

    const [request] = fake.apiRequests();
    expect(request.path).toBe('/backend-api/codex/responses');
    expect(request.headers).toMatchObject({
      authorization: `Bearer ${seeded.accessToken}`,
      'chatgpt-account-id': seeded.account.accountId,
      originator: 'codex-tui',
      'user-agent': 'codex-tui/0.146.0 (Mac OS 26.5.0; arm64) iTerm.app/3.6.10 (codex-tui; 0.146.0)',
      accept: 'text/event-stream',
    });
    const sent = body(request);
    expect(sent).toMatchObject({ model: 'gpt-5.5', stream: true, store: false, instructions: '', include: ['reasoning.encrypted_content'], reasoning: { effort: 'medium' } });
    expect(sent).not.toHaveProperty('max_output_tokens');
    expect(sent).not.toHaveProperty('temperature');
    expect(request.headers['session-id']).toBe(sent.prompt_cache_key);
    expect(sent.input[0]).toMatchObject({ role: 'developer' });

    // The key is stable: the next turn of the same client reuses it.
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'again' }] });
    expect(body(fake.apiRequests()[1]).prompt_cache_key).toBe(sent.prompt_cache_key);
  });

  it('OpenAI SDK chat, stream with a tool: the tool call arrives as deltas and the turn ends with tool_calls', async () => {
    seedAccount({ email: 'tools@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.upstream.script({ path: '/backend-api/codex/responses' }, (request) => {
      const tool = (body(request).tools as Array<{ name: string }>)[0];
      return {
        kind: 'sse',
        events: [
          namedJsonEvent('response.created', { type: 'response.created', response: { id: 'resp_tool', status: 'in_progress', output: [] } }),
          namedJsonEvent('response.output_item.added', { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: tool.name, arguments: '' } }),
          namedJsonEvent('response.function_call_arguments.delta', { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '{"city":' }),
          namedJsonEvent('response.function_call_arguments.delta', { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '"Paris"}' }),
          namedJsonEvent('response.output_item.done', { type: 'response.output_item.done', output_index: 0, item: { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: tool.name, arguments: '{"city":"Paris"}' } }),
          namedJsonEvent('response.completed', { type: 'response.completed', response: { id: 'resp_tool', status: 'completed', output: [], usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19 } } }),
        ],
      };
    }, { times: 1 });
    const stream = await openai().chat.completions.create({
      model: 'gpt-5.4',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    let args = '';
    let name = '';
    let finish: string | null = null;
    let usage: { prompt_tokens: number } | undefined;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.function?.name) name = call.function.name;
      if (call?.function?.arguments) args += call.function.arguments;
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
    expect(usage?.prompt_tokens).toBe(12);
    const sent = body(fake.apiRequests()[0]);
    expect(sent.tools[0]).toMatchObject({ type: 'function', name: 'get_weather' });
    expect(sent.parallel_tool_calls).toBe(true);
  });

  it('Anthropic SDK messages, stream with tool use: a tool_use block and stop_reason tool_use', async () => {
    seedAccount({ email: 'claude-client@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.upstream.script({ path: '/backend-api/codex/responses' }, (request) => {
      const tool = (body(request).tools as Array<{ name: string }>)[0];
      return {
        kind: 'sse',
        events: [
          namedJsonEvent('response.created', { type: 'response.created', response: { id: 'resp_a', status: 'in_progress', output: [] } }),
          namedJsonEvent('response.output_item.done', { type: 'response.output_item.done', output_index: 0, item: { id: 'fc_2', type: 'function_call', status: 'completed', call_id: 'call_2', name: tool.name, arguments: '{"path":"README.md"}' } }),
          namedJsonEvent('response.completed', { type: 'response.completed', response: { id: 'resp_a', status: 'completed', output: [], usage: { input_tokens: 20, output_tokens: 5, total_tokens: 25 } } }),
        ],
      };
    }, { times: 1 });
    const stream = anthropic().messages.stream({
      model: 'gpt-5.5',
      max_tokens: 1024,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Read the readme' }],
      tools: [{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({ name: 'read_file', input: { path: 'README.md' } });
    expect(message.usage.output_tokens).toBe(5);
    const sent = body(fake.apiRequests()[0]);
    expect(sent).toMatchObject({ stream: true, store: false, instructions: '' });
    expect(typeof sent.prompt_cache_key).toBe('string');
  });

  it('Gemini SDK (@google/genai) generateContent and a stream on a Codex subscription', async () => {
    seedAccount({ email: 'gemini-client@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    const genai = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
    const answer = await genai.models.generateContent({ model: 'gpt-5.5', contents: 'hi' });
    expect(answer.text).toBe('Hello from the fake upstream.');
    expect(answer.candidates?.[0].finishReason).toBe('STOP');
    expect(answer.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    let streamed = '';
    for await (const chunk of await genai.models.generateContentStream({ model: 'gpt-5.5', contents: 'hi' })) streamed += chunk.text ?? '';
    expect(streamed).toBe('Hello from the fake upstream.');
    expect(fake.apiRequests().every((request) => body(request).stream === true)).toBe(true);
  });

  it('a Responses client (OpenAI SDK responses.create) passes through to the subscription, with the Codex CLI’s own headers', async () => {
    const seeded = seedAccount({ email: 'responses@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    const client = new OpenAI({
      baseURL: `${proxy.url}/v1`,
      apiKey: CLIENT_KEY,
      maxRetries: 0,
      defaultHeaders: { version: '0.169.0', 'thread-id': 'thread-42', 'x-codex-turn-metadata': '{"turn":1}', 'x-codex-beta-features': 'remote_compaction_v2', 'session-id': 'session-7' },
    });
    const response = await client.responses.create({ model: 'gpt-5.5', input: 'hi', prompt_cache_key: 'session-7', max_output_tokens: 100 });
    expect(response.output_text).toBe('Hello from the fake upstream.');
    expect(response.status).toBe('completed');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);

    const stream = await client.responses.create({ model: 'gpt-5.5', input: 'hi', stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(text).toBe('Hello from the fake upstream.');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');

    const [first, second] = fake.apiRequests();
    expect(first.headers).toMatchObject({ version: '0.169.0', 'thread-id': 'thread-42', 'x-codex-turn-metadata': '{"turn":1}', 'x-codex-beta-features': 'remote_compaction_v2', 'session-id': 'session-7', 'chatgpt-account-id': seeded.account.accountId });
    expect(body(first)).toMatchObject({ prompt_cache_key: 'session-7', instructions: '', stream: true, store: false });
    expect(body(first).input).toEqual([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }]);
    expect(body(second).stream).toBe(true);
  });

  it('compact: /v1/responses/compact goes to …/responses/compact without stream, with instructions', async () => {
    seedAccount({ email: 'compact@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    const response = await fetch(`${proxy.url}/v1/responses/compact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.5', input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'long history' }] }] }),
    });
    expect(response.status).toBe(200);
    const compacted = (await response.json()) as { object: string; output: Array<{ type: string }> };
    expect(compacted.object).toBe('response.compaction');
    expect(compacted.output.at(-1)!.type).toBe('compaction');
    const [request] = fake.apiRequests();
    expect(request.path).toBe('/backend-api/codex/responses/compact');
    expect(request.headers.accept).toBe('application/json');
    expect(body(request)).not.toHaveProperty('stream');
    expect(body(request).instructions).toBe('');
  });
});

