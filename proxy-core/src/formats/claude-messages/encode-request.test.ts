import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/index.js';
import { chatRequest, toolLoop } from './__fixtures__/ir-requests.js';
import { loadJson } from './__fixtures__/helpers.js';
import { claudeMessagesFormat, DEFAULT_MAX_TOKENS, encodeRequestWithWarnings } from './index.js';

const encode = (request: IrRequest, stream = false) => encodeRequestWithWarnings(request, { model: 'claude-sonnet-4-5', stream });
const body = (request: IrRequest) => encode(request).body;

describe('encodeRequest: shape for a Claude upstream', () => {
  it('sends the upstream model, the default max_tokens and the stream flag', () => {
    expect(body(chatRequest())).toEqual({ model: 'claude-sonnet-4-5', max_tokens: DEFAULT_MAX_TOKENS, stream: false, messages: [{ role: 'user', content: 'hi' }] });
    expect(encode(chatRequest({ maxOutputTokens: 500 }), true).body).toMatchObject({ max_tokens: 500, stream: true });
  });

  it('sends the system prompt as a string, or as text blocks when one carries a cache marker', () => {
    expect(body(chatRequest({ system: [{ type: 'text', text: 'Be brief.' }] })).system).toBe('Be brief.');
    expect(body(chatRequest({ system: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cacheControl: { type: 'ephemeral', ttl: '1h' } }] })).system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('folds a mid-conversation system message from another format into the user turn as a system reminder', () => {
    const result = body(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] },
          { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
          { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
        ],
      }),
    );
    expect(result.messages).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi!' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nAnswer in French.\n</system-reminder>' },
          { type: 'text', text: 'How are you?' },
        ],
      },
    ]);
  });

  it('keeps mid-conversation system entries as role "system" when the request came from a Claude client', () => {
    const ir = claudeMessagesFormat.decodeRequest(loadJson('request-claude-code.json'));
    const messages = body(ir).messages as Array<Record<string, unknown>>;
    expect(messages[1]).toEqual({ role: 'system', content: 'The user switched to plan mode. Do not edit files.' });
  });

  it('merges tool results and the following user text into one user turn, results first', () => {
    const result = body(
      chatRequest({
        messages: [
          ...toolLoop.slice(0, 2),
          { role: 'user', content: [{ type: 'text', text: 'Also this:' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '# Hello' }] }] },
        ],
      }),
    );
    expect((result.messages as any[])[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_1', content: '# Hello' },
        { type: 'text', text: 'Also this:' },
      ],
    });
  });

  it('merges consecutive same-role turns (Claude wants alternating roles)', () => {
    const result = body(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'one' }] },
          { role: 'user', content: [{ type: 'text', text: 'two' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }] },
        ],
      }),
    );
    expect(result.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'tool_use', id: 'c', name: 'f', input: {} }] },
    ]);
  });

  it('turns argument JSON into the input object; invalid or non-object arguments become {} with a warning', () => {
    const result = encode(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'call.a:1', name: 'f', arguments: '{"x":[1,{"y":null}]}' },
              { type: 'tool-call', id: 'call_b', name: 'g', arguments: '{"x": tru' },
              { type: 'tool-call', id: 'call_c', name: 'h', arguments: '' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'call.a:1', content: [] },
              { type: 'tool-result', toolCallId: 'call_b', content: [{ type: 'text', text: 'err' }], isError: true },
            ],
          },
        ],
      }),
    );
    const messages = result.body.messages as any[];
    expect(messages[1].content).toEqual([
      { type: 'tool_use', id: 'call_a_1', name: 'f', input: { x: [1, { y: null }] } },
      { type: 'tool_use', id: 'call_b', name: 'g', input: {} },
      { type: 'tool_use', id: 'call_c', name: 'h', input: {} },
    ]);
    // The id cleaning is applied to results too, so they still match; an empty result is sent without content.
    expect(messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_a_1' },
      { type: 'tool_result', tool_use_id: 'call_b', content: 'err', is_error: true },
    ]);
    expect(result.warnings).toEqual(['The arguments of tool call call_b (g) are not a JSON object; they were sent as {}.']);
  });

  it('replays only Claude-signed thinking; unsigned or foreign-signed reasoning is dropped, redacted data kept', () => {
    const result = body(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'signed', signature: { family: 'claude', value: 'EqQB' } },
              { type: 'reasoning', text: 'unsigned (OpenAI-compatible reasoning_content)' },
              { type: 'reasoning', text: 'gemini thought', signature: { family: 'gemini', value: 'CiQB' } },
              { type: 'reasoning', text: '', redactedData: 'EmwK' },
              { type: 'reasoning', text: '', redactedData: 'gAAAAx', signature: { family: 'openai', value: 'gAAAAx' } },
              { type: 'text', text: 'answer' },
            ],
          },
        ],
      }),
    );
    expect((result.messages as any[])[1].content).toEqual([
      { type: 'thinking', thinking: 'signed', signature: 'EqQB' },
      { type: 'redacted_thinking', data: 'EmwK' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('maps images and files: PDF and text documents, image files as images, unreadable files as a note', () => {
    const result = encode(
      chatRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'https://x/cat.png' }, detail: 'high' },
              { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'spec.pdf' },
              { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('notes').toString('base64') } },
              { type: 'file', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
              { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: 'SUQz' }, filename: 'talk.mp3' },
              { type: 'text', text: '   ' },
            ],
          },
        ],
      }),
    );
    expect((result.body.messages as any[])[0].content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://x/cat.png' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'spec.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
      { type: 'text', text: '[Attachment "talk.mp3" (audio/mpeg) omitted: this model cannot read this file type.]' },
    ]);
    expect(result.warnings).toHaveLength(1);
  });

  it('starts with a user turn, trims a prefill and drops empty turns', () => {
    const result = body(
      chatRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'text', text: 'Welcome!' }] },
          { role: 'user', content: [{ type: 'text', text: '' }] },
          { role: 'user', content: [{ type: 'text', text: 'Write JSON' }] },
          { role: 'assistant', content: [{ type: 'text', text: '{\n  ' }] },
        ],
      }),
    );
    expect(result.messages).toEqual([
      { role: 'user', content: '.' },
      { role: 'assistant', content: 'Welcome!' },
      { role: 'user', content: 'Write JSON' },
      { role: 'assistant', content: '{' },
    ]);
  });

  it('sends envelope.user as metadata.user_id and only temperature when both temperature and top_p came from another format', () => {
    expect(body(chatRequest({ envelope: { user: 'u-1' }, temperature: 0.2, topP: 0.5, topK: 5, stopSequences: ['END'] }))).toMatchObject({
      metadata: { user_id: 'u-1' },
      temperature: 0.2,
      top_k: 5,
      stop_sequences: ['END'],
    });
    expect(body(chatRequest({ temperature: 0.2, topP: 0.5 })).top_p).toBeUndefined();
    expect(body(chatRequest({ topP: 0.5 })).top_p).toBe(0.5);
  });

  it('re-sends a Claude client’s own output_config.format natively (no instruction added)', () => {
    const format = { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'number' } } } };
    const ir = claudeMessagesFormat.decodeRequest({ model: 'm', max_tokens: 100, system: 'S', messages: [{ role: 'user', content: 'q' }], output_config: { format } });
    expect(body(ir)).toMatchObject({ system: 'S', output_config: { format } });
    const future = { type: 'regex', pattern: '^[a-z]+$' };
    expect(body(claudeMessagesFormat.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'q' }], output_format: future })).output_format).toEqual(future);
  });

  it('asks for JSON with a system instruction (Claude has no portable JSON mode)', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const result = body(chatRequest({ system: [{ type: 'text', text: 'Be brief.' }], responseFormat: { type: 'json', schema } }));
    expect(result.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: `Respond with one valid JSON value only: no prose before or after it and no Markdown code fences.\nThe JSON must conform to this JSON Schema:\n${JSON.stringify(schema)}` },
    ]);
    expect(result.output_config).toBeUndefined();
  });
});

describe('encodeRequest: tools', () => {
  it('maps function, custom and web-search tools; other vendors’ built-ins are dropped with a warning', () => {
    const result = encode(
      chatRequest({
        tools: [
          { type: 'function', name: 'read', description: 'Read a file', inputSchema: { properties: { path: { type: 'string' } } }, strict: true, extras: { 'openai-chat': { x: 1 } } },
          { type: 'custom', name: 'apply_patch', description: 'Apply a patch' },
          { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'openai-responses', raw: { type: 'web_search', filters: { allowed_domains: ['docs.rs'] }, user_location: { city: 'Oslo' } } },
          { type: 'builtin', kind: 'code-execution', name: 'code_interpreter', source: 'openai-responses', raw: { type: 'code_interpreter' } },
        ],
      }),
    );
    expect(result.body.tools).toEqual([
      { name: 'read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } },
      { name: 'apply_patch', description: 'Apply a patch', input_schema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] } },
      { type: 'web_search_20250305', name: 'web_search', allowed_domains: ['docs.rs'], user_location: { type: 'approximate', city: 'Oslo' } },
    ]);
    expect(result.warnings).toEqual(['The built-in tool "code_interpreter" (openai-responses) has no Claude equivalent and was not sent.']);
  });

  it('wraps a custom tool call’s free text as {input}', () => {
    const result = body(
      chatRequest({
        tools: [{ type: 'custom', name: 'apply_patch' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'patch it' }] },
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'apply_patch', arguments: '*** Begin Patch', kind: 'custom' }] },
        ],
      }),
    );
    expect((result.messages as any[])[1].content[0]).toEqual({ type: 'tool_use', id: 'c1', name: 'apply_patch', input: { input: '*** Begin Patch' } });
  });

  it.each([
    [{ type: 'auto' }, undefined, { type: 'auto' }],
    [{ type: 'required' }, undefined, { type: 'any' }],
    [{ type: 'none' }, false, { type: 'none' }],
    [{ type: 'tool', name: 'read' }, false, { type: 'tool', name: 'read', disable_parallel_tool_use: true }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [undefined, true, undefined],
  ] as const)('tool choice %j with parallelToolCalls %j → %j', (toolChoice, parallelToolCalls, expected) => {
    const result = body(chatRequest({ tools: [{ type: 'function', name: 'read', inputSchema: { type: 'object' } }], toolChoice, parallelToolCalls }));
    expect(result.tool_choice).toEqual(expected);
  });

  it('points a tool choice naming a generic web search at the Claude web search tool', () => {
    const result = body(
      chatRequest({
        tools: [{ type: 'builtin', kind: 'web-search', name: 'web_search_preview', source: 'openai-responses', raw: { type: 'web_search_preview' } }],
        toolChoice: { type: 'tool', name: 'web_search_preview' },
      }),
    );
    expect(result.tool_choice).toEqual({ type: 'tool', name: 'web_search' });
  });

  it('sends no tool_choice without tools', () => {
    expect(body(chatRequest({ toolChoice: { type: 'required' } })).tool_choice).toBeUndefined();
  });
});
