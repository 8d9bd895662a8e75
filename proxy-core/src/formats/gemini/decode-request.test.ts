import { describe, expect, it } from 'vitest';
import type { AssistantMessage, IrRequest, ToolMessage } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { loadJson } from './__fixtures__/helpers.js';
import { decodeCountTokensRequest, encodeCountTokensResponse, geminiFormat } from './index.js';

const decode = (body: unknown): IrRequest => geminiFormat.decodeRequest(body);
const user = (text: string) => ({ role: 'user', parts: [{ text }] });

function errorOf(body: unknown): ProxyError {
  try {
    decode(body);
  } catch (error) {
    if (ProxyError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('Gemini decodeRequest: real client shapes', () => {
  it('reads a Gemini CLI turn: parametersJsonSchema, thinkingLevel, call ids and the sentinel signature', () => {
    const request = decode(loadJson('request-gemini-cli.json'));
    expect(request.source).toBe('gemini');
    expect(request.system).toEqual([{ type: 'text', text: 'You are an interactive CLI agent specializing in software engineering tasks.' }]);
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'user', 'assistant', 'tool']);
    const call = (request.messages[2] as AssistantMessage).content[0];
    // The sentinel proves nothing, so it is no IR signature; it is kept for a Gemini round trip.
    expect(call).toEqual({
      type: 'tool-call',
      id: 'list_directory_1750000000000_0',
      name: 'list_directory',
      arguments: '{"dir_path":"."}',
      extras: { gemini: { thoughtSignature: 'skip_thought_signature_validator' } },
    });
    expect((request.messages[3] as ToolMessage).content).toEqual([
      {
        type: 'tool-result',
        toolCallId: 'list_directory_1750000000000_0',
        toolName: 'list_directory',
        content: [{ type: 'text', text: 'Directory listing for .:\nREADME.md\nsrc' }],
      },
    ]);
    expect(request.tools?.[0]).toMatchObject({ type: 'function', name: 'list_directory', inputSchema: { type: 'object', required: ['dir_path'] } });
    expect(request.reasoning).toEqual({ mode: 'level', level: 'high', includeThoughts: true });
    expect(request).toMatchObject({ temperature: 1, topP: 0.95, topK: 64, stream: false });
  });

  it("decodes the Gemini CLI classifier's responseJsonSchema into a JSON response format", () => {
    const request = decode(loadJson('request-classifier.json'));
    expect(request.responseFormat).toEqual({
      type: 'json',
      schema: {
        type: 'object',
        properties: { complexity_reasoning: { type: 'string' }, complexity_score: { type: 'integer' } },
        required: ['complexity_reasoning', 'complexity_score'],
      },
    });
    expect(request.extras?.gemini?.generationConfig).toBeUndefined();
  });

  it('converts an OpenAPI-style responseSchema to JSON Schema and keeps the original for Gemini', () => {
    const responseSchema = { type: 'OBJECT', properties: { name: { type: 'STRING', nullable: true } } };
    const request = decode({ contents: [user('hi')], generationConfig: { responseMimeType: 'application/json', responseSchema } });
    expect(request.responseFormat).toEqual({ type: 'json', schema: { type: 'object', properties: { name: { type: ['string', 'null'] } } } });
    expect(request.extras?.gemini?.generationConfig).toEqual({ responseSchema });
  });
});

describe('Gemini decodeRequest: contents', () => {
  it('splits a user turn mixing function responses and text into tool and user messages, in order', () => {
    const request = decode({
      contents: [
        user('go'),
        { role: 'model', parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'a', response: { output: '1' } } }, { text: 'and also' }, { functionResponse: { name: 'b', response: { output: '2' } } }] },
      ],
    });
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'user', 'tool']);
    const calls = (request.messages[1] as AssistantMessage).content;
    const results = [request.messages[2], request.messages[4]].map((message) => (message as ToolMessage).content[0]);
    // Calls without ids get deterministic ones; responses without ids pair with them by name.
    expect(calls[0]).toMatchObject({ type: 'tool-call', id: expect.stringMatching(/^call_[0-9a-f]{24}$/) });
    expect(results.map((result) => result.toolCallId)).toEqual(calls.map((call) => (call.type === 'tool-call' ? call.id : '')));
    // The same history decodes to the same ids on every request of the conversation.
    const again = decode({ contents: [user('go'), { role: 'model', parts: [{ functionCall: { name: 'a', args: {} } }] }] });
    expect((again.messages[1] as AssistantMessage).content[0]).toEqual(calls[0]);
  });

  it('tolerates the "function" role, backfills an empty response name and marks {error} results', () => {
    const request = decode({
      contents: [
        user('go'),
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'run', args: { cmd: 'ls' } } }] },
        { role: 'function', parts: [{ functionResponse: { id: 'c1', name: '', response: { error: 'denied' } } }] },
      ],
    });
    expect(request.messages[2]).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'run', content: [{ type: 'text', text: 'denied' }], isError: true }],
    });
  });

  it('keeps structured responses as JSON text and whole in extras', () => {
    const response = { files: ['a', 'b'], count: 2 };
    const request = decode({
      contents: [user('go'), { role: 'model', parts: [{ functionCall: { id: 'c', name: 'ls' } }] }, { role: 'user', parts: [{ functionResponse: { id: 'c', name: 'ls', response } }] }],
    });
    const result = (request.messages[2] as ToolMessage).content[0];
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(response) }]);
    expect(result.extras).toEqual({ gemini: { functionResponse: { response } } });
  });

  it('reads thoughts, signatures on every kind of part, and lone signature parts without failing', () => {
    const request = decode({
      contents: [
        user('q'),
        {
          role: 'model',
          parts: [
            { text: 'thinking', thought: true },
            { thoughtSignature: 'sig-thought' },
            { text: 'answer', thoughtSignature: 'sig-text' },
            { text: '' },
            { thoughtSignature: 'skip_thought_signature_validator' },
            { text: '', thoughtSignature: 'gemini#sig-prefixed' },
          ],
        },
      ],
    });
    expect((request.messages[1] as AssistantMessage).content).toEqual([
      { type: 'reasoning', text: 'thinking', signature: { family: 'gemini', value: 'sig-thought' } },
      { type: 'text', text: 'answer' },
      { type: 'reasoning', text: '', signature: { family: 'gemini', value: 'sig-text' } },
      { type: 'reasoning', text: '', signature: { family: 'gemini', value: 'sig-prefixed' } },
    ]);
  });

  it('drops empty text parts and turns that end up empty', () => {
    const request = decode({ contents: [{ role: 'user', parts: [{ text: '' }] }, { role: 'user', parts: [{ text: '' }, { text: 'hello' }, { text: '' }] }] });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
  });

  it('reads inline data, file data and code execution parts', () => {
    const request = decode({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/jpeg', data: 'AAAA' } },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
            { fileData: { mimeType: 'image/png', fileUri: 'gs://bucket/cat.png' } },
          ],
        },
        { role: 'model', parts: [{ executableCode: { language: 'PYTHON', code: 'print(1)' } }, { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1' } }] },
      ],
    });
    expect(request.messages[0].content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AAAA' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
      { type: 'image', source: { kind: 'url', url: 'gs://bucket/cat.png', mediaType: 'image/png' } },
    ]);
    expect(request.messages[1].content).toEqual([
      { type: 'text', text: '```python\nprint(1)\n```', extras: { gemini: { executableCode: { language: 'PYTHON', code: 'print(1)' } } } },
      { type: 'text', text: 'Output (OUTCOME_OK):\n```\n1\n```', extras: { gemini: { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1' } } } },
    ]);
  });

  it('accepts snake_case spellings (REST and the Python SDK)', () => {
    const request = decode({
      system_instruction: { parts: [{ text: 'sys' }] },
      contents: [{ role: 'user', parts: [{ inline_data: { mime_type: 'image/png', data: 'AA' } }] }],
      generation_config: { max_output_tokens: 100, stop_sequences: ['x'], thinking_config: { thinking_budget: 2048, include_thoughts: true } },
      tools: [{ function_declarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { q: { type: 'STRING' } } } }] }],
      tool_config: { function_calling_config: { mode: 'ANY', allowed_function_names: ['f'] } },
    });
    expect(request.system).toEqual([{ type: 'text', text: 'sys' }]);
    expect(request.messages[0].content).toEqual([{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } }]);
    expect(request).toMatchObject({ maxOutputTokens: 100, stopSequences: ['x'], reasoning: { mode: 'budget', budgetTokens: 2048, includeThoughts: true } });
    expect(request.tools).toEqual([{ type: 'function', name: 'f', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }]);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'f' });
  });

  it('accepts a systemInstruction given as a plain string', () => {
    expect(decode({ contents: [user('hi')], systemInstruction: 'Be kind.' }).system).toEqual([{ type: 'text', text: 'Be kind.' }]);
  });
});

describe('Gemini decodeRequest: config, tools and extras', () => {
  it.each([
    [{ thinkingBudget: 0 }, { mode: 'none' }],
    [{ thinkingBudget: -1 }, { mode: 'auto' }],
    [{ thinkingBudget: 512, includeThoughts: false }, { mode: 'budget', budgetTokens: 512, includeThoughts: false }],
    [{ thinkingLevel: 'low', thinkingBudget: 9000 }, { mode: 'level', level: 'low' }],
    [{ thinking_level: 'MINIMAL' }, { mode: 'level', level: 'minimal' }],
    [{ includeThoughts: true }, { mode: 'auto', includeThoughts: true }],
  ])('thinkingConfig %j → %j', (thinkingConfig, reasoning) => {
    expect(decode({ contents: [user('hi')], generationConfig: { thinkingConfig } }).reasoning).toEqual(reasoning);
  });

  it('maps sampling fields', () => {
    const request = decode({
      contents: [user('hi')],
      generationConfig: { temperature: 0.2, topP: 0.8, topK: 10, maxOutputTokens: 50, stopSequences: ['a'], candidateCount: 2, presencePenalty: 0.5, frequencyPenalty: 0.6, seed: 3 },
    });
    expect(request).toMatchObject({ temperature: 0.2, topP: 0.8, topK: 10, maxOutputTokens: 50, stopSequences: ['a'], candidateCount: 2, presencePenalty: 0.5, frequencyPenalty: 0.6, seed: 3 });
  });

  it('turns built-in tools into BuiltinTool and function calling modes into tool choices', () => {
    const request = decode({
      contents: [user('hi')],
      tools: [{ googleSearch: {} }, { google_search: {} }, { googleSearchRetrieval: { dynamicRetrievalConfig: {} } }, { codeExecution: {} }, { urlContext: {} }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } },
    });
    expect(request.tools?.map((tool) => (tool.type === 'builtin' ? [tool.kind, tool.name] : []))).toEqual([
      ['web-search', 'googleSearch'],
      ['web-search', 'google_search'],
      ['web-search', 'googleSearchRetrieval'],
      ['code-execution', 'codeExecution'],
      ['other', 'urlContext'],
    ]);
    expect(request.toolChoice).toEqual({ type: 'required' });
    expect(request.extras?.gemini?.toolConfig).toEqual({ functionCallingConfig: { allowedFunctionNames: ['a', 'b'] } });
    expect(decode({ contents: [user('hi')], toolConfig: { functionCallingConfig: { mode: 'NONE' } } }).toolChoice).toEqual({ type: 'none' });
    expect(decode({ contents: [user('hi')], toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } } }).toolChoice).toEqual({ type: 'auto' });
  });

  it('keeps safetySettings, cachedContent, labels and unknown fields in extras', () => {
    const request = decode({
      contents: [user('hi')],
      safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/1',
      labels: { a: 'b' },
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'] },
    });
    expect(request.extras).toEqual({
      gemini: {
        safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
        cachedContent: 'cachedContents/1',
        labels: { a: 'b' },
        generationConfig: { responseModalities: ['TEXT', 'IMAGE'] },
      },
    });
  });

  it('unwraps a Gemini CLI / Code Assist envelope and keeps the project', () => {
    const request = decode({ model: 'gemini-2.5-pro', project: 'proj-123', request: { contents: [user('hi')], session_id: 's-1' } });
    expect(request.model).toBe('gemini-2.5-pro');
    expect(request.envelope).toEqual({ project: 'proj-123', sessionId: 's-1' });
    expect(request.messages).toHaveLength(1);
    expect(request.extras).toBeUndefined();
  });
});

describe('Gemini decodeRequest: errors name the field', () => {
  it.each([
    [{}, 'contents'],
    [{ contents: [] }, 'contents'],
    [{ contents: [{ role: 'user' }] }, 'contents[0].parts'],
    [{ contents: [{ role: 'user', parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    [{ contents: [{ role: 'robot', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, 'contents[0].parts[0].functionCall.name'],
    [{ contents: [{ role: 'user', parts: [{ functionCall: { name: 'f' } }] }] }, 'contents[0].parts[0].functionCall'],
    [{ contents: [user('x')], generationConfig: { temperature: 'hot' } }, 'generationConfig.temperature'],
    [{ contents: [user('x')], generationConfig: { thinkingConfig: { thinkingLevel: 'ultra' } } }, 'generationConfig.thinkingConfig.thinkingLevel'],
    [{ contents: [user('x')], generationConfig: { thinkingConfig: { thinkingBudget: -5 } } }, 'generationConfig.thinkingConfig.thinkingBudget'],
    [{ contents: [user('x')], tools: [{ functionDeclarations: [{ description: 'no name' }] }] }, 'tools[0].functionDeclarations[0].name'],
    [{ contents: [user('x')], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'toolConfig.functionCallingConfig.mode'],
  ])('%j → 400 at %s', (body, param) => {
    const error = errorOf(body);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.details.param).toBe(param);
    expect(error.message).toContain(param);
  });

  it('rejects a body that is not an object', () => {
    expect(errorOf([1, 2]).status).toBe(400);
  });
});

describe('countTokens', () => {
  it('decodes {contents} and {generateContentRequest}, and answers {totalTokens}', () => {
    expect(decodeCountTokensRequest({ contents: [user('count me')] }).messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'count me' }] }]);
    const wrapped = decodeCountTokensRequest({ generateContentRequest: { model: 'models/gemini-2.5-flash', contents: [user('x')], systemInstruction: { parts: [{ text: 's' }] } } });
    expect(wrapped.model).toBe('gemini-2.5-flash');
    expect(wrapped.system).toEqual([{ type: 'text', text: 's' }]);
    expect(decodeCountTokensRequest({ contents: [] }).messages).toEqual([]);
    expect(encodeCountTokensResponse(42)).toEqual({ totalTokens: 42 });
  });
});
