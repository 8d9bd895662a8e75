/**
 * With `tools: true` the fake calls the first offered tool, then echoes the tool result once it is in the history:
 * a two-turn round trip each official SDK completes in its own dialect.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.js';

const weatherSchema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer' },
  },
  required: ['city', 'unit'],
};
const expectedArguments = { city: 'example', unit: 'celsius' };

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ tools: true, text: 'No tools here.' });
});
afterAll(() => fake.close());

describe('OpenAI chat', () => {
  const client = () => new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
  const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
    { type: 'function', function: { name: 'get_weather', parameters: weatherSchema } },
    { type: 'function', function: { name: 'other_tool', parameters: { type: 'object', properties: {} } } },
  ];

  it('calls the first tool (also streamed, with an index) and then answers with its result', async () => {
    const user: OpenAI.Chat.Completions.ChatCompletionMessageParam = { role: 'user', content: 'Weather?' };
    const first = await client().chat.completions.create({ model: 'gpt-test', messages: [user], tools });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(expectedArguments);

    const streamed = await client().chat.completions.stream({ model: 'gpt-test', messages: [user], tools }).finalChatCompletion();
    const streamedCall = streamed.choices[0].message.tool_calls?.[0];
    expect(streamedCall?.type === 'function' && JSON.parse(streamedCall.function.arguments)).toEqual(expectedArguments);

    const second = await client().chat.completions.create({
      model: 'gpt-test',
      tools,
      messages: [user, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: [{ type: 'text', text: 'sunny, 21 degrees' }] }],
    });
    expect(second.choices[0].message.content).toBe('Tool said: sunny, 21 degrees');
  });

  it('answers with plain text when no tools are offered', async () => {
    const plain = await client().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });
    expect(plain.choices[0].message.content).toBe('No tools here.');
  });
});

describe('OpenAI Responses', () => {
  it('emits a function_call item with a call_id, then answers with the function_call_output', async () => {
    const client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const tools: OpenAI.Responses.FunctionTool[] = [{ type: 'function', name: 'get_weather', parameters: weatherSchema, strict: false }];
    const first = await client.responses.stream({ model: 'gpt-test', input: 'Weather?', tools }).finalResponse();
    const call = first.output[0];
    expect(call.type).toBe('function_call');
    if (call.type !== 'function_call') return;
    expect(call.call_id).toMatch(/^call_/);
    expect(JSON.parse(call.arguments)).toEqual(expectedArguments);

    const second = await client.responses.create({
      model: 'gpt-test',
      tools,
      input: [{ role: 'user', content: 'Weather?' }, call, { type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
    });
    expect(second.output_text).toBe('Tool said: sunny');
  });
});

describe('Claude messages', () => {
  it('streams a tool_use block through input_json_delta, then answers with the tool_result', async () => {
    const client = new Anthropic({ baseURL: fake.url, apiKey: 'sk-ant-test', maxRetries: 0 });
    const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: weatherSchema as Anthropic.Tool.InputSchema }];
    const user: Anthropic.MessageParam = { role: 'user', content: 'Weather?' };
    const first = await client.messages.stream({ model: 'claude-test', max_tokens: 100, messages: [user], tools }).finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const block = first.content[0];
    expect(block.type === 'tool_use' && block.input).toEqual(expectedArguments);
    if (block.type !== 'tool_use') return;
    expect(block.id).toMatch(/^toolu_01/);

    const second = await client.messages.create({
      model: 'claude-test',
      max_tokens: 100,
      tools,
      messages: [user, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: block.id, content: 'sunny' }] }],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Tool said: sunny' }]);
  });
});

describe('Gemini', () => {
  it('answers a functionCall part with an id (non-stream and stream), then echoes the functionResponse', async () => {
    const client = new GoogleGenAI({ apiKey: 'goog-test', httpOptions: { baseUrl: fake.url, apiVersion: 'v1beta' } });
    const config = { tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: weatherSchema }] }] };
    const first = await client.models.generateContent({ model: 'gemini-test', contents: 'Weather?', config });
    const call = first.functionCalls?.[0];
    expect(call).toMatchObject({ name: 'get_weather', args: expectedArguments, id: expect.any(String) });

    const streamedCalls = [];
    for await (const chunk of await client.models.generateContentStream({ model: 'gemini-test', contents: 'Weather?', config })) streamedCalls.push(...(chunk.functionCalls ?? []));
    expect(streamedCalls).toMatchObject([{ name: 'get_weather', args: expectedArguments }]);

    const second = await client.models.generateContent({
      model: 'gemini-test',
      config,
      contents: [
        { role: 'user', parts: [{ text: 'Weather?' }] },
        { role: 'model', parts: [{ functionCall: call }] },
        { role: 'user', parts: [{ functionResponse: { id: call?.id, name: 'get_weather', response: { output: 'sunny' } } }] },
      ],
    });
    expect(second.text).toBe('Tool said: sunny');
  });

  it('builds arguments from an OpenAPI-style `parameters` schema with upper-case types', async () => {
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'List it' }] }],
      tools: [{ functionDeclarations: [{ name: 'list_directory', parameters: { type: 'OBJECT', properties: { path: { type: 'STRING' }, depth: { type: 'INTEGER' } }, required: ['path', 'depth'] } }] }],
    };
    const response = await fetch(`${fake.url}/v1beta/models/gemini-test:generateContent`, { method: 'POST', body: JSON.stringify(body) });
    const answer = (await response.json()) as { candidates: Array<{ content: { parts: unknown[] } }> };
    expect(answer.candidates[0].content.parts).toEqual([{ functionCall: { id: expect.any(String), name: 'list_directory', args: { path: 'example', depth: 1 } } }]);
  });
});

describe('preferred tools', () => {
  it('calls the preferred tool with the given arguments even when it is not offered first', async () => {
    const picky = await startFakeUpstream({ tools: true, preferredTools: { shell: { cmd: 'echo tool-ok' } } });
    try {
      const client = new OpenAI({ baseURL: `${picky.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'run it' }],
        tools: [
          { type: 'function', function: { name: 'spawn_agent', parameters: { type: 'object', properties: {} } } },
          { type: 'function', function: { name: 'shell', parameters: { type: 'object', properties: { cmd: { type: 'string' } } } } },
        ],
      });
      const call = completion.choices[0].message.tool_calls?.[0];
      expect(call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(['shell', { cmd: 'echo tool-ok' }]);
    } finally {
      await picky.close();
    }
  });
});
