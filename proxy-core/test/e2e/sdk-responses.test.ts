import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { parseSseText } from '../../src/testing/sse-text.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';
import { ANSWER, CLAUDE_SIGNATURE, claudeThinking, GEMINI_SIGNATURE, geminiThinking, THOUGHT } from './reasoning-answers.js';

// The OpenAI SDK's Responses API (and a Codex-CLI-shaped request) against models of the other dialects.
let fake: FakeUpstream;
let proxy: TestProxy;
const TEXT = 'Translated hello.';

beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT, tools: true });
  proxy = await startTestProxy(crossDialectConfig(fake.url));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const readFile = {
  type: 'function' as const,
  name: 'read_file',
  description: 'Read a file',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  strict: false,
};

describe.each([
  ['claude-model', '/v1/messages'],
  ['gemini-model', '/v1beta/models/gemini-upstream:generateContent'],
  ['chat-model', '/v1/chat/completions'],
])('OpenAI Responses SDK → %s', (model, path) => {
  it('responses.create gives the text, usage and a completed status', async () => {
    const response = await openai().responses.create({ model, instructions: 'Be brief.', input: 'hi' });
    expect(fake.requests.at(-1)!.path).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(response.output_text).toBe(TEXT);
    expect(response.status).toBe('completed');
    expect(response.model).toBe(model);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('the responses.stream() helper runs to a final response', async () => {
    const stream = openai().responses.stream({ model, input: [{ role: 'user', content: 'hi' }] });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => (deltas += event.delta));
    const final = await stream.finalResponse();
    expect(deltas).toBe(TEXT);
    expect(final.output_text).toBe(TEXT);
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('a function call and its output over two turns', async () => {
    const first = await openai().responses.create({ model, tools: [readFile], input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && call.name).toBe('read_file');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toHaveProperty('path');
    const second = await openai()
      .responses.stream({
        model,
        tools: [readFile],
        input: [
          { role: 'user', content: 'read it' },
          ...(first.output as OpenAI.Responses.ResponseInputItem[]),
          { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' },
        ],
      })
      .finalResponse();
    expect(second.output_text).toContain('file contents here');
  });
});

describe.each([
  ['claude-model', /\/v1\/messages$/],
  ['gemini-model', /\/models\/gemini-upstream:/],
])('OpenAI Responses SDK → %s, streaming and reasoning', (model, upstream) => {
  it('responses.create({stream: true}) with tools: the function_call item arrives with its arguments, then response.completed', async () => {
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of await openai().responses.create({ model, stream: true, tools: [readFile], input: 'read it' })) events.push(event);
    expect(fake.requests.at(-1)!.path).toMatch(upstream);
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1)!.type).toBe('response.completed');
    const added = events.find((event) => event.type === 'response.output_item.added' && event.item.type === 'function_call');
    expect(added?.type === 'response.output_item.added' && added.item).toMatchObject({ type: 'function_call', name: 'read_file' });
    const argumentDeltas = events.flatMap((event) => (event.type === 'response.function_call_arguments.delta' ? [event.delta] : [])).join('');
    const done = events.find((event) => event.type === 'response.output_item.done' && event.item.type === 'function_call');
    const item = done?.type === 'response.output_item.done' ? done.item : undefined;
    expect(item).toMatchObject({ type: 'function_call', name: 'read_file', status: 'completed' });
    const call = item as OpenAI.Responses.ResponseFunctionToolCall;
    expect(JSON.parse(call.arguments)).toHaveProperty('path');
    expect(argumentDeltas).toBe(call.arguments);
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output.find((output) => output.type === 'function_call')).toMatchObject({ name: 'read_file', call_id: call.call_id, arguments: call.arguments });
  });

  it('reasoning comes back as a reasoning item (summary text, the vendor’s proof kept for the next turn), create and stream', async () => {
    fake.script({ path: upstream }, model === 'claude-model' ? claudeThinking : geminiThinking);
    const proof = model === 'claude-model' ? `claude#${CLAUDE_SIGNATURE}` : `gemini#${GEMINI_SIGNATURE}`;
    const request = { model, reasoning: { effort: 'high' as const, summary: 'auto' as const }, include: ['reasoning.encrypted_content' as const], input: 'What is 2+2?' };
    const response = await openai().responses.create(request);
    const reasoning = response.output.filter((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning');
    expect(reasoning.map((item) => item.summary.map((part) => part.text).join(''))).toEqual([THOUGHT]);
    expect(reasoning[0].encrypted_content).toBe(proof);
    expect(response.output.findIndex((item) => item.type === 'reasoning')).toBeLessThan(response.output.findIndex((item) => item.type === 'message'));
    expect(response.output_text).toBe(ANSWER);

    const stream = openai().responses.stream(request);
    let summary = '';
    stream.on('response.reasoning_summary_text.delta', (event) => (summary += event.delta));
    const final = await stream.finalResponse();
    expect(summary).toBe(THOUGHT);
    const streamed = final.output.filter((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning');
    expect(streamed.map((item) => item.summary.map((part) => part.text).join('')).join('')).toBe(THOUGHT);
    expect(streamed.map((item) => item.encrypted_content).filter(Boolean)).toEqual([proof]);
    expect(final.output_text).toBe(ANSWER);
  });
});

describe('a Codex-CLI-shaped request on a Claude model', () => {
  // What Codex 0.169 sends (real-clients §3.2): developer messages, a namespace tool, a cached-only web
  // search, reasoning summaries, encrypted reasoning, no instructions, store:false.
  const codexBody = (input: unknown[]) => ({
    model: 'claude-model',
    stream: true,
    store: false,
    input,
    tools: [
      { type: 'namespace', name: 'multi_agent_v1', description: 'Sub-agents', tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object', properties: { task: { type: 'string' } }, required: ['task'] } }] },
      { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] }, strict: false },
      { type: 'web_search', external_web_access: false },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    reasoning: { summary: 'auto' },
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'thread-1',
    client_metadata: { originator: 'codex_exec' },
  });
  const developer = { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] };
  const user = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'spawn a helper' }] };

  async function post(body: unknown) {
    const response = await fetch(`${proxy.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json', originator: 'codex_exec' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return parseSseText(await response.text());
  }

  it('namespaced tools reach Claude flat and the call comes back under its namespace, as full items', async () => {
    const events = await post(codexBody([developer, user]));
    const upstream = fake.requests.at(-1)!.body as Record<string, any>;
    expect(upstream.system).toBe('You are Codex.');
    expect(upstream.tools.map((tool: { name: string }) => tool.name)).toEqual(['multi_agent_v1__spawn_agent', 'exec_command']);

    const types = events.map((event) => event.event);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const done = events.filter((event) => event.event === 'response.output_item.done').map((event) => JSON.parse(event.data).item);
    const call = done.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'spawn_agent', namespace: 'multi_agent_v1', status: 'completed' });
    expect(JSON.parse(call.arguments)).toHaveProperty('task');
    const sequence = events.map((event) => JSON.parse(event.data).sequence_number);
    expect(sequence).toEqual(sequence.map((_, index) => index));

    // Turn two repeats the call item (with its namespace) and adds the output, as Codex does.
    const second = await post(codexBody([developer, user, call, { type: 'function_call_output', call_id: call.call_id, output: 'agent started' }]));
    const messages = (fake.requests.at(-1)!.body as Record<string, any>).messages;
    expect(messages[1].content[0]).toMatchObject({ type: 'tool_use', name: 'multi_agent_v1__spawn_agent', id: call.call_id });
    expect(messages[2].content[0]).toMatchObject({ type: 'tool_result', tool_use_id: call.call_id });
    const completed = JSON.parse(second.at(-1)!.data).response;
    expect(completed.output.find((item: { type: string }) => item.type === 'message').content[0].text).toBe('Tool said: agent started');
  });

  it('previous_response_id on a translated model is refused with a clear 400 instead of a reply out of context', async () => {
    const response = await fetch(`${proxy.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-model', previous_response_id: 'resp_123', input: 'and then?' }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.param).toBe('previous_response_id');
    expect(body.error.message).toMatch(/whole conversation/);
    expect(fake.requests).toHaveLength(0);
  });
});
