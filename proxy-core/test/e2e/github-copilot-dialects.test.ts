import type { FunctionDeclaration } from '@google/genai';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeCopilot } from '../../src/testing/index.js';
import { hi, sent, useCopilotRig } from './github-copilot-harness.js';

// The rest of the dialect matrix against GitHub Copilot: Gemini and Responses streams and tool round trips,
// Anthropic non-stream.
const rig = useCopilotRig();
const { openai, anthropic, google, seedAccount } = rig;
let fake: FakeCopilot;
beforeAll(() => {
  fake = rig.fake;
});

describe('GitHub Copilot from every SDK', () => {
  it('Gemini SDK, generateContentStream (Copilot chat completions, streamed)', async () => {
    await seedAccount({ username: 'gemini-stream' });
    let text = '';
    for await (const chunk of await google().models.generateContentStream({ model: 'claude-sonnet-4-5', contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    const [request] = fake.apiRequests();
    expect(request.path).toBe('/copilot/chat/completions');
    expect(sent(request)).toMatchObject({ model: 'claude-sonnet-4.5', stream: true });
  });

  it('Gemini SDK, function calling over two turns', async () => {
    await seedAccount({ username: 'gemini-tools' });
    const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const config = { tools: [{ functionDeclarations: [declaration] }] };
    const first = await google().models.generateContent({ model: 'gpt-4.1', contents: 'read it', config });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    const second = await google().models.generateContent({
      model: 'gpt-4.1',
      config,
      contents: [
        { role: 'user', parts: [{ text: 'read it' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] },
      ],
    });
    expect(second.text).toContain('file contents here');
    expect(fake.apiRequests().map((request) => request.headers['x-initiator'])).toEqual(['user', 'agent']);
  });

  it('Responses API, stream (Copilot /responses)', async () => {
    await seedAccount({ username: 'responses-stream' });
    const stream = await openai().responses.create({ model: 'gpt-4.1', input: 'hi', stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('Hello from the fake upstream.');
    expect(sent(fake.apiRequests()[0])).toMatchObject({ model: 'gpt-4.1', stream: true });
  });

  it('Responses API, tool round trip: function_call, then function_call_output as the agent’s turn', async () => {
    await seedAccount({ username: 'responses-tools' });
    const tools = [{ type: 'function' as const, name: 'get_weather', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const first = await openai().responses.create({ model: 'gpt-4.1', input: 'Weather in Paris?', tools });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    const second = await openai().responses.create({
      model: 'gpt-4.1',
      tools,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        call!,
        { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'sunny, 21 °C' },
      ],
    });
    expect(second.output_text).toContain('sunny, 21 °C');
    expect(fake.apiRequests().map((request) => [request.path, request.headers['x-initiator']])).toEqual([
      ['/copilot/responses', 'user'],
      ['/copilot/responses', 'agent'],
    ]);
  });

  it('Anthropic SDK, non-stream', async () => {
    await seedAccount({ username: 'claude-plain' });
    const message = await anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: hi });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from the fake upstream.' })]);
    expect(message.stop_reason).toBe('end_turn');
  });
});
