import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';
import { ANSWER, chatReasoning, claudeThinking, GEMINI_SIGNATURE, geminiThinking, OPENAI_ENCRYPTED, responsesReasoning, THOUGHT } from './reasoning-answers.js';

// Every official SDK against models served by a provider of ANOTHER dialect: the proxy translates.
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
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const upstreamPath = () => fake.requests.at(-1)!.path;

const chatTool = {
  type: 'function' as const,
  function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
};

describe.each([
  ['claude-model', '/v1/messages'],
  ['gemini-model', '/v1beta/models/gemini-upstream:generateContent'],
  ['responses-model', '/v1/responses'],
])('OpenAI Chat SDK → %s', (model, path) => {
  it('non-stream: text, usage and finish reason reach the SDK in OpenAI shape', async () => {
    const completion = await openai().chat.completions.create({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    expect(upstreamPath()).toBe(path);
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('stream: chunks assemble to the text and end with [DONE]', async () => {
    let text = '';
    let finish: string | null = null;
    for await (const chunk of await openai().chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] })) {
      text += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(TEXT);
    expect(finish).toBe('stop');
  });

  it('a tool call and its result over two turns', async () => {
    const first = await openai().chat.completions.create({ model, tools: [chatTool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('read_file');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toHaveProperty('path');
    const second = await openai().chat.completions.create({
      model,
      tools: [chatTool],
      messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    });
    expect(second.choices[0].message.content).toContain('file contents here');
  });
});

describe('several candidates (n > 1)', () => {
  const askFor = (model: string) =>
    fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, n: 2, messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('is passed on to an upstream that can (Gemini candidateCount)', async () => {
    const response = await askFor('gemini-model');
    expect(response.headers.get('x-cliproxy-warning')).toBeNull();
    expect((fake.requests.at(-1)!.body as { generationConfig: { candidateCount: number } }).generationConfig.candidateCount).toBe(2);
  });

  it('returns exactly one candidate with a warning header where the upstream cannot (Claude) — never a silent fan-out', async () => {
    const response = await askFor('claude-model');
    expect(response.headers.get('x-cliproxy-warning')).toMatch(/n=2 is not supported/);
    const body = (await response.json()) as { choices: unknown[] };
    expect(body.choices).toHaveLength(1);
    expect(fake.requests.filter((request) => request.path === '/v1/messages')).toHaveLength(1);
    expect(proxy.logs.some((line) => line.includes('n=2 is not supported'))).toBe(true);
  });
});

describe('tool names an upstream cannot take', () => {
  it('a tool name Gemini rejects is renamed on the way out and the client gets its own name back', async () => {
    const name = `mcp__filesystem/read file ${'x'.repeat(70)}`;
    const tool = { ...chatTool, function: { ...chatTool.function, name } };
    const completion = await openai().chat.completions.create({ model: 'gemini-model', tools: [tool], messages: [{ role: 'user', content: 'read it' }] });
    const sent = (fake.requests.at(-1)!.body as { tools: Array<{ functionDeclarations: Array<{ name: string }> }> }).tools[0].functionDeclarations[0].name;
    expect(sent).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/);
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe(name);
  });

  it.each([
    ['chat-model', (body: any) => body.tools.map((tool: any) => tool.function.name), (body: any) => body.messages[1].tool_calls[0].function.name],
    ['responses-model', (body: any) => body.tools.map((tool: any) => tool.name), (body: any) => body.input.find((item: any) => item.type === 'function_call').name],
  ])('names over OpenAI’s 64-character rule are shortened for %s — tools and history alike — and restored for the client', async (model, toolNames, historyName) => {
    const long = `mcp__filesystem.server__read_${'x'.repeat(60)}`;
    const tools = [
      { name: long, description: 'Read', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } },
      { name: 'plain_tool', input_schema: { type: 'object' as const, properties: {} } },
    ];
    const first = await anthropic().messages.create({ model, max_tokens: 100, tools, messages: [{ role: 'user', content: 'read it' }] });
    const sent = toolNames(fake.requests.at(-1)!.body);
    expect(sent[1]).toBe('plain_tool');
    expect(sent[0]).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use?.type === 'tool_use' && use.name).toBe(long);

    await anthropic().messages.create({
      model,
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'read it' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: (use as { id: string }).id, content: 'ok' }] },
      ],
    });
    expect(historyName(fake.requests.at(-1)!.body)).toBe(sent[0]);
  });
});

describe.each([
  ['chat-model', '/v1/chat/completions'],
  ['gemini-model', '/v1beta/models/gemini-upstream:generateContent'],
  ['responses-model', '/v1/responses'],
])('Anthropic SDK → %s', (model, path) => {
  it('messages.create and .stream() give the text, usage and stop reason', async () => {
    const message = await anthropic().messages.create({ model, max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstreamPath()).toBe(path);
    expect(message.content[0].type === 'text' && message.content[0].text).toBe(TEXT);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    const final = await anthropic().messages.stream({ model, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toBe(TEXT);
  });

  it('tool_use with parsed input, then the tool_result turn', async () => {
    const tools = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model, max_tokens: 200, tools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use?.type === 'tool_use' && use.name).toBe('read_file');
    expect(use?.type === 'tool_use' && use.input).toHaveProperty('path');
    const second = await anthropic()
      .messages.stream({
        model,
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
  });

  it('thinking settings reach the upstream in its own shape', async () => {
    await anthropic().messages.create({ model, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'think' }] });
    const body = fake.requests.at(-1)!.body as Record<string, any>;
    if (model === 'gemini-model') expect(body.generationConfig.thinkingConfig.thinkingBudget).toBe(2048);
    else if (model === 'responses-model') expect(body.reasoning.effort).toBe('medium');
    else expect(body.reasoning_effort).toBeDefined();
  });
});

describe.each([
  ['chat-model', '/v1/chat/completions'],
  ['claude-model', '/v1/messages'],
  ['responses-model', '/v1/responses'],
])('Google GenAI SDK → %s', (model, path) => {
  it('generateContent and generateContentStream', async () => {
    const result = await google().models.generateContent({ model, contents: 'hi', config: { systemInstruction: 'Be brief.' } });
    expect(upstreamPath()).toBe(path);
    expect(result.text).toBe(TEXT);
    expect(result.candidates?.[0].finishReason).toBe('STOP');
    expect(result.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    let text = '';
    for await (const chunk of await google().models.generateContentStream({ model, contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe(TEXT);
  });

  it('function calling over two turns', async () => {
    const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const first = await google().models.generateContent({ model, contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    expect(call?.args).toHaveProperty('path');
    const second = await google().models.generateContent({
      model,
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [
        { role: 'user', parts: [{ text: 'read it' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] },
      ],
    });
    expect(second.text).toContain('file contents here');
  });
});

describe('reasoning from a model of another dialect reaches each SDK in its own shape', () => {
  const thinkingOf = (content: Anthropic.ContentBlock[]) => content.filter((block): block is Anthropic.ThinkingBlock => block.type === 'thinking');
  const textOf = (content: Anthropic.ContentBlock[]) => content.map((block) => (block.type === 'text' ? block.text : '')).join('');

  it.each([
    ['gemini-model', '/v1beta/models/gemini-upstream:generateContent', /\/models\/gemini-upstream:/, geminiThinking, `gemini#${GEMINI_SIGNATURE}`],
    ['responses-model', '/v1/responses', /\/v1\/responses$/, responsesReasoning, `openai#${OPENAI_ENCRYPTED}`],
  ])('Anthropic SDK ← %s: a thinking block with the thought text and the vendor’s signature, create and stream', async (model, path, match, answer, signature) => {
    fake.script({ path: match }, answer);
    const request = { model, max_tokens: 4000, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, messages: [{ role: 'user' as const, content: 'What is 2+2?' }] };
    const message = await anthropic().messages.create(request);
    expect(upstreamPath()).toBe(path);
    expect(thinkingOf(message.content)).toEqual([{ type: 'thinking', thinking: THOUGHT, signature }]);
    expect(message.content.findIndex((block) => block.type === 'thinking')).toBeLessThan(message.content.findIndex((block) => block.type === 'text'));
    expect(textOf(message.content)).toBe(ANSWER);

    let streamedThinking = '';
    const stream = anthropic().messages.stream(request);
    stream.on('thinking', (delta) => (streamedThinking += delta));
    const final = await stream.finalMessage();
    expect(streamedThinking).toBe(THOUGHT);
    expect(thinkingOf(final.content).map((block) => block.signature).filter(Boolean)).toEqual([signature]);
    expect(thinkingOf(final.content).map((block) => block.thinking).join('')).toBe(THOUGHT);
    expect(textOf(final.content)).toBe(ANSWER);
  });

  it('OpenAI Chat SDK ← claude-model: the thinking arrives as reasoning_content, create and stream', async () => {
    fake.script({ path: '/v1/messages' }, claudeThinking);
    const completion = await openai().chat.completions.create({ model: 'claude-model', reasoning_effort: 'high', messages: [{ role: 'user', content: 'What is 2+2?' }] });
    expect((fake.requests.at(-1)!.body as { thinking?: { type: string } }).thinking?.type).toBe('enabled');
    const message = completion.choices[0].message as OpenAI.Chat.ChatCompletionMessage & { reasoning_content?: string };
    expect(message.reasoning_content).toBe(THOUGHT);
    expect(message.content).toBe(ANSWER);

    let reasoning = '';
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'claude-model', reasoning_effort: 'high', stream: true, messages: [{ role: 'user', content: 'What is 2+2?' }] })) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    expect(reasoning).toBe(THOUGHT);
    expect(text).toBe(ANSWER);
  });

  it.each([
    ['claude-model', '/v1/messages', claudeThinking],
    ['chat-model', '/v1/chat/completions', chatReasoning],
  ])('Google GenAI SDK ← %s: thought parts before the answer, generateContent and generateContentStream', async (model, path, answer) => {
    fake.script({ path }, answer);
    const config = { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } };
    const result = await google().models.generateContent({ model, contents: 'What is 2+2?', config });
    expect(upstreamPath()).toBe(path);
    const parts = result.candidates?.[0].content?.parts ?? [];
    expect(parts.filter((part) => part.thought).map((part) => part.text).join('')).toBe(THOUGHT);
    expect(parts.findIndex((part) => part.thought)).toBe(0);
    expect(result.text).toBe(ANSWER);

    let thoughts = '';
    let text = '';
    for await (const chunk of await google().models.generateContentStream({ model, contents: 'What is 2+2?', config })) {
      for (const part of chunk.candidates?.[0].content?.parts ?? []) {
        if (part.thought) thoughts += part.text ?? '';
        else text += part.text ?? '';
      }
    }
    expect(thoughts).toBe(THOUGHT);
    expect(text).toBe(ANSWER);
  });
});

describe('tool-name restoration inside a stream', () => {
  it.each(['chat-model', 'responses-model'])('a name over 64 characters, shortened for %s, streams back to the Anthropic SDK as the client’s own name', async (model) => {
    const long = `mcp__filesystem.server__read_${'x'.repeat(60)}`;
    const tools = [{ name: long, description: 'Read', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const stream = anthropic().messages.stream({ model, max_tokens: 100, tools, messages: [{ role: 'user', content: 'read it' }] });
    const started: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') started.push(event.content_block.name);
    });
    const final = await stream.finalMessage();
    const sent = JSON.stringify(fake.requests.at(-1)!.body);
    expect(sent).not.toContain(long);
    expect(started).toEqual([long]);
    const use = final.content.find((block) => block.type === 'tool_use');
    expect(use?.type === 'tool_use' && use.name).toBe(long);
    expect(use?.type === 'tool_use' && use.input).toHaveProperty('path');
    expect(final.stop_reason).toBe('tool_use');
  });
});
