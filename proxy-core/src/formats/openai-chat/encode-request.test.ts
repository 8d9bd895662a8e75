import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { encodeRequest } from './encode-request.js';

/** An IR request as another format's decoder (here: a Claude client) would produce it. */
function claudeRequest(overrides: Partial<IrRequest> = {}): IrRequest {
  return {
    model: 'claude-sonnet-4-5',
    source: 'claude-messages',
    stream: true,
    system: [
      { type: 'text', text: 'You are Claude Code.', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'Be concise.' },
    ],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    ...overrides,
  };
}

const options = { model: 'deepseek-chat', stream: true };

describe('encodeRequest: envelope', () => {
  it('sets the upstream model and always asks for the usage chunk when streaming', () => {
    const body = encodeRequest(claudeRequest(), options);
    expect(body.model).toBe('deepseek-chat');
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it('sends no stream_options on a non-stream request (OpenAI rejects them)', () => {
    const request = claudeRequest({ source: 'openai-chat', extras: { 'openai-chat': { stream_options: { include_usage: false } } } });
    const body = encodeRequest(request, { model: 'm', stream: false });
    expect(body.stream).toBe(false);
    expect(body).not.toHaveProperty('stream_options');
  });

  it('maps sampling fields, stop, n and response formats', () => {
    const body = encodeRequest(
      claudeRequest({
        maxOutputTokens: 1024,
        temperature: 0.5,
        topP: 0.8,
        topK: 40,
        stopSequences: ['###'],
        candidateCount: 2,
        seed: 3,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        responseFormat: { type: 'json', schema: { type: 'object' }, name: 'out', strict: true },
        envelope: { user: 'u-1' },
      }),
      options,
    );
    expect(body).toMatchObject({
      max_tokens: 1024,
      temperature: 0.5,
      top_p: 0.8,
      top_k: 40,
      stop: ['###'],
      n: 2,
      seed: 3,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
      user: 'u-1',
    });
    expect(encodeRequest(claudeRequest({ responseFormat: { type: 'json' } }), options).response_format).toEqual({ type: 'json_object' });
  });
});

describe('encodeRequest: thinking', () => {
  it('maps levels, none and budgets to reasoning_effort; auto leaves the upstream default', () => {
    const effort = (reasoning: IrRequest['reasoning']) => encodeRequest(claudeRequest({ reasoning }), options).reasoning_effort;
    expect(effort({ mode: 'level', level: 'high' })).toBe('high');
    expect(effort({ mode: 'none' })).toBe('none');
    expect(effort({ mode: 'budget', budgetTokens: 8192 })).toBe('medium');
    expect(effort({ mode: 'budget', budgetTokens: 64000 })).toBe('xhigh');
    expect(effort({ mode: 'budget', budgetTokens: 0 })).toBe('none');
    expect(effort({ mode: 'auto', includeThoughts: true })).toBeUndefined();
  });
});

describe('encodeRequest: messages', () => {
  it('puts the system prompt in one leading system message (cache_control is not sent)', () => {
    const body = encodeRequest(claudeRequest(), options);
    expect(body.messages).toEqual([
      {
        role: 'system',
        content: [
          { type: 'text', text: 'You are Claude Code.' },
          { type: 'text', text: 'Be concise.' },
        ],
      },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('writes a tool turn as assistant tool_calls and one tool message per result', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'read both' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Need files.', signature: { family: 'claude', value: 'EqQBCkYIBxgCKkD' } },
              { type: 'text', text: 'Reading.' },
              { type: 'tool-call', id: 'toolu_1', name: 'Read', arguments: '{"path":"a"}' },
              { type: 'tool-call', id: 'toolu_2', name: 'Read', arguments: '{"path":"b"}' },
            ],
          },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'A' }] },
              {
                type: 'tool-result',
                toolCallId: 'toolu_2',
                content: [
                  { type: 'text', text: 'B1' },
                  { type: 'text', text: 'B2' },
                ],
                isError: true,
              },
            ],
          },
        ],
      }),
      options,
    );
    expect(body.messages).toEqual([
      { role: 'user', content: 'read both' },
      {
        role: 'assistant',
        content: 'Reading.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'Read', arguments: '{"path":"a"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'Read', arguments: '{"path":"b"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'A' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'B1\n\nB2' },
    ]);
  });

  it('replays unsigned reasoning as reasoning_content and uses content null next to tool calls', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'plan' },
              { type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' },
            ],
          },
        ],
      }),
      options,
    );
    expect(body.messages).toEqual([
      { role: 'assistant', content: null, reasoning_content: 'plan', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
    ]);
  });

  it('drops an assistant turn that held only another vendor’s signed thinking', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'assistant', content: [{ type: 'reasoning', text: 'x', signature: { family: 'gemini', value: 'sig' } }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }] },
        ],
      }),
      options,
    );
    expect(body.messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
  });

  it('carries a Gemini signature back in extra_content.google.thought_signature', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'CiQB' } }] },
        ],
      }),
      options,
    );
    expect((body.messages as any[])[0].tool_calls[0].extra_content).toEqual({ google: { thought_signature: 'CiQB' } });
  });

  it('turns a foreign mid-conversation system message into a <system-reminder> user turn', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'system', content: [{ type: 'text', text: 'Rule one.' }] },
        ],
      }),
      options,
    );
    expect((body.messages as any[])[1]).toEqual({ role: 'user', content: '<system-reminder>\nRule one.\n</system-reminder>' });
  });

  it('encodes images as image_url (base64 as a data URL), audio as input_audio and files as file_data', () => {
    const body = encodeRequest(
      claudeRequest({
        system: [],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
              { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' }, detail: 'low' },
              { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklG' } },
              { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'r.pdf' },
            ],
          },
        ],
      }),
      options,
    );
    expect((body.messages as any[])[0].content).toEqual([
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } },
      { type: 'image_url', image_url: { url: 'https://x.test/a.jpg', detail: 'low' } },
      { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
      { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'r.pdf' } },
    ]);
  });

  it('refuses a document given by URL with a clear 400 instead of sending something the upstream rejects', () => {
    const request = claudeRequest({
      system: [],
      messages: [{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://x.test/r.pdf', mediaType: 'application/pdf' } }] }],
    });
    expect(() => encodeRequest(request, options)).toThrow(ProxyError);
    try {
      encodeRequest(request, options);
    } catch (error) {
      expect((error as ProxyError).status).toBe(400);
      expect((error as ProxyError).message).toContain('https://x.test/r.pdf');
    }
  });
});

describe('encodeRequest: tools', () => {
  it('encodes function tools (adding empty properties), drops foreign built-ins and maps tool_choice', () => {
    const body = encodeRequest(
      claudeRequest({
        tools: [
          { type: 'function', name: 'Read', description: 'Read a file', inputSchema: { type: 'object' } },
          { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'claude-messages', raw: { type: 'web_search_20250305' } },
        ],
        toolChoice: { type: 'tool', name: 'Read' },
        parallelToolCalls: true,
      }),
      options,
    );
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'Read', description: 'Read a file', parameters: { type: 'object', properties: {} } } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'Read' } });
    expect(body.parallel_tool_calls).toBe(true);
  });

  it('omits tool_choice and parallel_tool_calls when no tool survives', () => {
    const body = encodeRequest(
      claudeRequest({
        tools: [{ type: 'builtin', kind: 'web-search', name: 'web_search', source: 'claude-messages', raw: { type: 'web_search_20250305' } }],
        toolChoice: { type: 'auto' },
        parallelToolCalls: false,
      }),
      options,
    );
    expect(body).not.toHaveProperty('tools');
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  it('ignores other formats’ extras', () => {
    const body = encodeRequest(claudeRequest({ extras: { 'claude-messages': { context_management: { edits: [] } } } }), options);
    expect(body).not.toHaveProperty('context_management');
  });
});

describe('encodeRequest: tool results without content', () => {
  it('sends an empty string (reference quirk: a missing tool_result content becomes "")', () => {
    const body = encodeRequest(
      claudeRequest({ system: [], messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: [] }] }] }),
      options,
    );
    expect(body.messages).toEqual([{ role: 'tool', tool_call_id: 't1', content: '' }]);
  });
});
