import { describe, expect, it } from 'vitest';
import type { IrRequest, Message, ReasoningConfig, Tool } from '../../ir/index.js';
import { geminiFormat } from './index.js';

const base = (overrides: Partial<IrRequest> = {}): IrRequest => ({
  model: 'gpt-4o',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
  source: 'openai-chat',
  ...overrides,
});
const encode = (request: IrRequest): Record<string, any> => geminiFormat.encodeRequest(request, { model: 'gemini-2.5-pro', stream: false });
const contentsOf = (messages: Message[], overrides: Partial<IrRequest> = {}) => encode(base({ messages, ...overrides })).contents;

describe('Gemini encodeRequest: turns', () => {
  it('turns a Chat tool round trip into model and user turns with the sentinel on the first call', () => {
    const body = encode(
      base({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Read both.' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'unsigned thoughts' },
              { type: 'text', text: 'Reading.' },
              { type: 'tool-call', id: 'call_a', name: 'read_file', arguments: '{"path":"a"}' },
              { type: 'tool-call', id: 'call_b', name: 'read_file', arguments: '{"path":"b"}' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'call_a', content: [{ type: 'text', text: 'alpha' }] },
              { type: 'tool-result', toolCallId: 'call_b', content: [{ type: 'text', text: 'no such file' }], isError: true },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'Summarise.' }] },
        ],
      }),
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Read both.' }] },
      {
        role: 'model',
        parts: [
          { text: 'Reading.' },
          { functionCall: { name: 'read_file', args: { path: 'a' } }, thoughtSignature: 'skip_thought_signature_validator' },
          { functionCall: { name: 'read_file', args: { path: 'b' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'read_file', response: { output: 'alpha' } } },
          { functionResponse: { name: 'read_file', response: { error: 'no such file' } } },
          { text: 'Summarise.' },
        ],
      },
    ]);
    expect(body.safetySettings).toHaveLength(5);
    expect(body).not.toHaveProperty('model');
  });

  it('drops a trailing assistant prefill from other formats (§6 #1)', () => {
    const contents = contentsOf([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'previous answer' }] },
    ]);
    expect(contents).toEqual([{ role: 'user', parts: [{ text: 'hello' }] }]);
  });

  it('starts with a user turn when the history starts with the model', () => {
    const contents = contentsOf([
      { role: 'assistant', content: [{ type: 'text', text: 'Welcome!' }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    expect(contents[0]).toEqual({ role: 'user', parts: [{ text: '' }] });
    expect(contents.map((content: any) => content.role)).toEqual(['user', 'model', 'user']);
  });

  it('merges adjacent model turns and tool results with the user text after them, but keeps two user turns apart', () => {
    const contents = contentsOf([
      { role: 'user', content: [{ type: 'text', text: 'one' }] },
      { role: 'user', content: [{ type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'f', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'f', content: [] }] },
      { role: 'user', content: [{ type: 'text', text: 'next' }] },
    ]);
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'one' }] },
      { role: 'user', parts: [{ text: 'two' }] },
      { role: 'model', parts: [{ text: 'a' }, { functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: '' } } }, { text: 'next' }] },
    ]);
  });

  it('turns a mid-conversation system message into a <system-reminder> turn and drops the billing header (§6 #10)', () => {
    const body = encode(
      base({
        source: 'claude-messages',
        system: [{ type: 'text', text: 'x-anthropic-billing-header: cc_version=2' }, { type: 'text', text: 'Top rule.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          { role: 'system', content: [{ type: 'text', text: 'String mid-conversation rule' }] },
        ],
      }),
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Top rule.' }] });
    expect(body.contents[1]).toEqual({ role: 'user', parts: [{ text: '<system-reminder>\nString mid-conversation rule\n</system-reminder>' }] });
  });

  it('skips empty text parts (§6 #9)', () => {
    const contents = contentsOf([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'text', text: 'hello' }, { type: 'text', text: '' }] },
      { role: 'user', content: [{ type: 'text', text: 'more' }] },
    ]);
    expect(contents[1]).toEqual({ role: 'model', parts: [{ text: 'hello' }] });
  });
});

describe('Gemini encodeRequest: signatures (§4.8)', () => {
  const history = (assistant: Message): unknown => contentsOf([{ role: 'user', content: [{ type: 'text', text: 'q' }] }, assistant, { role: 'user', content: [{ type: 'text', text: 'go on' }] }])[1];

  it('keeps Gemini-signed thoughts and drops unsigned or foreign ones', () => {
    expect(
      history({
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'mine', signature: { family: 'gemini', value: 'g-sig' } },
          { type: 'reasoning', text: 'claude', signature: { family: 'claude', value: 'EqQB' } },
          { type: 'reasoning', text: 'unsigned' },
          { type: 'reasoning', text: '', redactedData: 'xyz' },
          { type: 'text', text: 'answer' },
        ],
      }),
    ).toEqual({ role: 'model', parts: [{ text: 'mine', thought: true, thoughtSignature: 'g-sig' }, { text: 'answer' }] });
  });

  it("uses the call's own Gemini signature, replaces foreign ones with the sentinel, and signs only the first call", () => {
    expect(
      history({
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'a', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'EjQKMgEMOdbH' } },
          { type: 'tool-call', id: 'b', name: 'f', arguments: '{}' },
        ],
      }),
    ).toEqual({ role: 'model', parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'EjQKMgEMOdbH' }, { functionCall: { name: 'f', args: {} } }] });
    expect(history({ role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'f', arguments: '{}', signature: { family: 'claude', value: 'EqQB' } }] })).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' }],
    });
  });

  it('folds an empty signed reasoning part back onto the text or image before it', () => {
    expect(
      history({
        role: 'assistant',
        content: [
          { type: 'text', text: 'Summary.' },
          { type: 'reasoning', text: '', signature: { family: 'gemini', value: 'text-sig' } },
          { type: 'generated-image', mediaType: 'image/png', data: 'AA' },
          { type: 'reasoning', text: '', signature: { family: 'gemini', value: 'image-sig' } },
        ],
      }),
    ).toEqual({
      role: 'model',
      parts: [
        { text: 'Summary.', thoughtSignature: 'text-sig' },
        { inlineData: { mimeType: 'image/png', data: 'AA' }, thoughtSignature: 'image-sig' },
      ],
    });
  });
});

describe('Gemini encodeRequest: generation config', () => {
  const config = (overrides: Partial<IrRequest>) => encode(base(overrides)).generationConfig;

  it.each<[ReasoningConfig, Record<string, unknown>]>([
    [{ mode: 'level', level: 'high', includeThoughts: true }, { thinkingLevel: 'HIGH', includeThoughts: true }],
    [{ mode: 'level', level: 'xhigh' }, { thinkingLevel: 'HIGH' }],
    [{ mode: 'budget', budgetTokens: 8192, includeThoughts: false }, { thinkingBudget: 8192, includeThoughts: false }],
    [{ mode: 'auto', includeThoughts: true }, { thinkingBudget: -1, includeThoughts: true }],
    [{ mode: 'none', includeThoughts: true }, { thinkingBudget: 0 }],
    [{ mode: 'none', includeThoughts: false }, { thinkingBudget: 0, includeThoughts: false }],
  ])('reasoning %j → thinkingConfig %j', (reasoning, thinkingConfig) => {
    expect(config({ reasoning })).toEqual({ thinkingConfig });
  });

  it('writes includeThoughts once, camelCase, even when the Gemini client sent the snake_case spelling', () => {
    const request = geminiFormat.decodeRequest({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { thinking_config: { thinking_budget: 1024, include_thoughts: true } },
    });
    const encoded = JSON.stringify(encode(request).generationConfig);
    expect(encoded).toBe('{"thinkingConfig":{"thinkingBudget":1024,"includeThoughts":true}}');
  });

  it('maps sampling fields, stop sequences and candidateCount', () => {
    expect(config({ temperature: 0.3, topP: 0.9, topK: 20, maxOutputTokens: 30, stopSequences: ['END'], candidateCount: 2, presencePenalty: 0.1, frequencyPenalty: 0.2, seed: 9 })).toEqual({
      temperature: 0.3,
      topP: 0.9,
      topK: 20,
      maxOutputTokens: 30,
      stopSequences: ['END'],
      candidateCount: 2,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      seed: 9,
    });
  });

  it('asks for JSON with the schema as responseJsonSchema, unchanged', () => {
    const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'], additionalProperties: false };
    expect(config({ responseFormat: { type: 'json', schema, name: 'result', strict: true } })).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(config({ responseFormat: { type: 'json' } })).toEqual({ responseMimeType: 'application/json' });
    expect(config({ responseFormat: { type: 'text' } })).toBeUndefined();
  });
});

describe('Gemini encodeRequest: tools', () => {
  const toolsOf = (tools: Tool[], overrides: Partial<IrRequest> = {}) => encode(base({ tools, ...overrides }));

  it('sends cleaned schemas as parametersJsonSchema and never strict or defer_loading', () => {
    const body = toolsOf([
      {
        type: 'function',
        name: 'search',
        description: 'Search',
        strict: true,
        inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { q: { type: 'string', minLength: 1 } }, additionalProperties: false },
        extras: { 'claude-messages': { defer_loading: true } },
      },
      {
        type: 'function',
        name: 'gemini_tool',
        inputSchema: { type: 'object', properties: {} },
        extras: { gemini: { deferLoading: true, behavior: 'NON_BLOCKING' } },
      },
      { type: 'builtin', kind: 'web-search', name: 'google_search', source: 'gemini', raw: { google_search: { defer_loading: true } } },
      { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'claude-messages', raw: { type: 'web_search_20250305', name: 'web_search' } },
    ]);
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'search',
            description: 'Search',
            parametersJsonSchema: { type: 'object', description: 'No extra properties allowed', properties: { q: { type: 'string', description: 'minLength: 1' } } },
          },
          { name: 'gemini_tool', parametersJsonSchema: { type: 'object', properties: {} }, behavior: 'NON_BLOCKING' },
        ],
      },
      { google_search: {} },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/defer_?loading|deferLoading|"strict"/);
  });

  it('maps tool choice (§6 #8) and makes names valid for Gemini everywhere they appear', () => {
    const longName = `mcp__${'very_long_server_name__'.repeat(3)}tool/name`;
    const body = encode(
      base({
        tools: [{ type: 'function', name: longName, inputSchema: { type: 'object', properties: {} } }],
        toolChoice: { type: 'tool', name: longName },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: [{ type: 'tool-call', id: 't', name: longName, arguments: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', content: [{ type: 'text', text: 'ok' }] }] },
        ],
      }),
    );
    const name = body.tools[0].functionDeclarations[0].name as string;
    expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } });
    expect(body.contents[1].parts[0].functionCall.name).toBe(name);
    expect(body.contents[2].parts[0].functionResponse.name).toBe(name);
  });

  it.each([
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
  ] as const)('tool choice %j → %j', (toolChoice, functionCallingConfig) => {
    expect(toolsOf([{ type: 'function', name: 'f', inputSchema: { type: 'object' } }], { toolChoice }).toolConfig).toEqual({ functionCallingConfig });
  });

  it('gives custom (free-text) tools an {input} schema and wraps their calls', () => {
    const body = toolsOf([{ type: 'custom', name: 'apply_patch', description: 'Patch' }], {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'apply_patch', arguments: '*** Begin Patch', kind: 'custom' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', content: [{ type: 'text', text: 'done' }] }] },
      ],
    });
    expect(body.tools[0].functionDeclarations[0].parametersJsonSchema).toEqual({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'] });
    expect(body.contents[1].parts[0].functionCall.args).toEqual({ input: '*** Begin Patch' });
  });
});

describe('Gemini encodeRequest: media', () => {
  it('sends base64 and data URLs inline, other URLs as fileData, and drops foreign file ids', () => {
    const contents = contentsOf([
      {
        role: 'user',
        content: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } },
          { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,BB' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.webp' } },
          { type: 'file', source: { kind: 'url', url: 'https://example.com/doc', mediaType: 'application/pdf' } },
          { type: 'file', source: { kind: 'file-id', fileId: 'file-abc123' } },
          { type: 'file', source: { kind: 'file-id', fileId: 'files/xyz', mediaType: 'text/plain' } },
        ],
      },
    ]);
    expect(contents[0].parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AA' } },
      { inlineData: { mimeType: 'image/jpeg', data: 'BB' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp' } },
      { fileData: { mimeType: 'application/pdf', fileUri: 'https://example.com/doc' } },
      { fileData: { mimeType: 'text/plain', fileUri: 'files/xyz' } },
    ]);
  });

  it('sends images in tool results as parts after the function response (§6 #7)', () => {
    const contents = contentsOf([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'shot', name: 'screenshot', arguments: '{}' }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'shot', content: [{ type: 'text', text: 'alpha' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'aGVsbG8=' } }] }],
      },
    ]);
    expect(contents[2].parts).toEqual([{ functionResponse: { name: 'screenshot', response: { output: 'alpha' } } }, { inlineData: { mimeType: 'image/png', data: 'aGVsbG8=' } }]);
  });
});
