import { describe, expect, it } from 'vitest';
import type { FunctionTool, IrRequest } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { loadJson } from './__fixtures__/helpers.js';
import { claudeMessagesFormat, decodeCountTokensRequest, encodeCountTokensResponse } from './index.js';

const decode = (body: Record<string, unknown>): IrRequest => claudeMessagesFormat.decodeRequest(body);
const minimal = (extra: Record<string, unknown> = {}) => ({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }], ...extra });

function rejection(body: unknown): ProxyError {
  try {
    claudeMessagesFormat.decodeRequest(body);
  } catch (error) {
    if (ProxyError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('decodeRequest: a real Claude Code request', () => {
  const ir = decode(loadJson('request-claude-code.json'));

  it('keeps the system blocks in order with their cache markers (the billing header included)', () => {
    expect(ir.system).toEqual([
      { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.330.abc; cc_entrypoint=sdk-cli;' },
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'You are an interactive CLI tool that helps users with software engineering tasks.', cacheControl: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('puts the mid-conversation system entry in place as an IR system message', () => {
    expect(ir.messages.map((message) => message.role)).toEqual(['user', 'system', 'assistant', 'tool', 'assistant', 'tool', 'user']);
    expect(ir.messages[1]).toEqual({ role: 'system', content: [{ type: 'text', text: 'The user switched to plan mode. Do not edit files.' }] });
  });

  it('decodes thinking with its Claude signature, text and the tool call with JSON arguments', () => {
    expect(ir.messages[2].content).toEqual([
      { type: 'reasoning', text: 'The user wants me to run a command.', signature: { family: 'claude', value: 'EqQBCkgIBxABGAIqQJm3Xc0claude-opus-5-5sigAA==' } },
      { type: 'text', text: 'Running it.' },
      { type: 'tool-call', id: 'toolu_01AbCdEf', name: 'Bash', arguments: '{"command":"echo hi","description":"Print hi"}' },
    ]);
  });

  it('turns a tool_result turn into a tool message (is_error, cache_control kept, the tool named from the call)', () => {
    expect(ir.messages[3]).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'toolu_01AbCdEf', toolName: 'Bash', content: [{ type: 'text', text: 'tool-ok' }], isError: false, cacheControl: { type: 'ephemeral' } }],
    });
  });

  it('accepts a tool_result without content (sparse form) as an empty result and splits the mixed turn in order', () => {
    expect(ir.messages[5]).toEqual({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_02GhIj', toolName: 'TaskStop', content: [] }] });
    expect(ir.messages[6].role).toBe('user');
    expect(ir.messages[6].content).toEqual([{ type: 'text', text: 'thanks, now summarise' }]);
  });

  it('maps adaptive thinking + output_config.effort + display "omitted" to a level without visible thoughts', () => {
    expect(ir.reasoning).toEqual({ mode: 'level', level: 'high', includeThoughts: false });
  });

  it('accepts max_tokens 128000, keeps metadata.user_id verbatim and derives the session from it', () => {
    expect(ir.maxOutputTokens).toBe(128000);
    expect(ir.stream).toBe(true);
    expect(ir.envelope).toEqual({
      user: '{"device_id":"5f0c8a7e9b2d4c1e","account_uuid":"","session_id":"0d6f3a52-7c1b-4a9e-b0c4-2f8e1d3a6b77"}',
      sessionId: '0d6f3a52-7c1b-4a9e-b0c4-2f8e1d3a6b77',
    });
  });

  it('keeps context_management in extras', () => {
    expect(ir.extras?.['claude-messages']?.context_management).toEqual({ edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] });
  });

  it('decodes a tool with defer_loading to a function tool whose Claude extras hold it (other encoders never see it)', () => {
    const deferred = ir.tools?.find((tool) => tool.name === 'TaskStop') as FunctionTool;
    expect(deferred).toEqual({
      type: 'function',
      name: 'TaskStop',
      description: 'Stop a running background task.',
      inputSchema: { type: 'object', properties: { task_id: { type: 'string' } } },
      extras: { 'claude-messages': { defer_loading: true } },
    });
    expect(ir.tools?.find((tool) => tool.name === 'ToolSearch')).toMatchObject({ type: 'function', name: 'ToolSearch' });
  });
});

describe('decodeRequest: content blocks', () => {
  const ir = decode(loadJson('request-round-trip.json'));

  it('maps images (base64, url, file) and documents (PDF, plain text, url, content blocks) to image and file parts', () => {
    const content = ir.messages[0].content;
    expect(content.slice(0, 7)).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' }, cacheControl: { type: 'ephemeral' } },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQ=' },
        title: 'Spec',
        extras: { 'claude-messages': { context: 'The product spec', citations: { enabled: true } } },
      },
      { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('Plain notes.').toString('base64') } },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/paper.pdf' } },
      expect.objectContaining({ type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('Chunk one.\nChunk two.').toString('base64') } }),
      { type: 'image', source: { kind: 'file-id', fileId: 'file_011' } },
    ]);
  });

  it('keeps blocks with no IR part (search_result, server_tool_use, web_search_tool_result) raw with their position', () => {
    expect(ir.messages[0].extras?.['claude-messages']?.unmapped).toEqual([{ index: 7, block: expect.objectContaining({ type: 'search_result' }) }]);
    const kept = ir.messages[1].extras?.['claude-messages']?.unmapped as Array<{ index: number; block: { type: string } }>;
    expect(kept.map((entry) => [entry.index, entry.block.type])).toEqual([
      [1, 'server_tool_use'],
      [1, 'web_search_tool_result'],
    ]);
  });

  it('decodes redacted thinking as reasoning with redacted data and no text', () => {
    expect(ir.messages[1].content[0]).toEqual({ type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' });
  });

  it('decodes a tool_result with text and image content and is_error: true', () => {
    expect(ir.messages[2]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_03',
          toolName: 'lookup',
          isError: true,
          content: [
            { type: 'text', text: 'partial' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
          ],
        },
      ],
    });
  });

  it('splits text, tool_result, text into user, tool, user messages keeping their order', () => {
    const mixed = decode(
      minimal({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'f', input: {} }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'before' },
              { type: 'tool_result', tool_use_id: 'a', content: 'ok' },
              { type: 'text', text: 'after' },
            ],
          },
        ],
      }),
    );
    expect(mixed.messages.slice(1).map((message) => [message.role, message.content.length])).toEqual([
      ['user', 1],
      ['tool', 1],
      ['user', 1],
    ]);
  });
});

describe('decodeRequest: sampling, tools and controls', () => {
  it('maps sampling fields and server tools (built-ins keep their raw definition)', () => {
    const ir = decode(loadJson('request-round-trip.json'));
    expect(ir).toMatchObject({ temperature: 0.7, topP: 0.9, topK: 40, stopSequences: ['\n\nHuman:'], maxOutputTokens: 4096, stream: false });
    expect(ir.system).toEqual([{ type: 'text', text: 'Answer briefly.' }]);
    expect(ir.tools?.slice(2)).toEqual([
      { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'claude-messages', raw: { type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['example.com'] } },
      { type: 'builtin', kind: 'other', name: 'bash', source: 'claude-messages', raw: { type: 'bash_20250124', name: 'bash' } },
      { type: 'builtin', kind: 'other', name: 'str_replace_based_edit_tool', source: 'claude-messages', raw: { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' } },
    ]);
    expect(ir.extras?.['claude-messages']).toMatchObject({ service_tier: 'auto', container: 'container_011', mcp_servers: [expect.any(Object)] });
  });

  it.each([
    [{ type: 'auto' }, { toolChoice: { type: 'auto' } }],
    [{ type: 'any' }, { toolChoice: { type: 'required' } }],
    [{ type: 'none' }, { toolChoice: { type: 'none' } }],
    [{ type: 'tool', name: 'lookup', disable_parallel_tool_use: true }, { toolChoice: { type: 'tool', name: 'lookup' }, parallelToolCalls: false }],
    [{ type: 'auto', disable_parallel_tool_use: false }, { toolChoice: { type: 'auto' }, parallelToolCalls: true }],
  ])('tool_choice %j', (choice, expected) => {
    const ir = decode(minimal({ tool_choice: choice }));
    expect({ toolChoice: ir.toolChoice, ...(ir.parallelToolCalls === undefined ? {} : { parallelToolCalls: ir.parallelToolCalls }) }).toEqual(expected);
  });

  it.each([
    [{ type: 'enabled', budget_tokens: 10000 }, undefined, { mode: 'budget', budgetTokens: 10000, includeThoughts: true }],
    [{ type: 'enabled' }, undefined, { mode: 'auto', includeThoughts: true }],
    [{ type: 'enabled', budget_tokens: 0 }, undefined, { mode: 'none' }],
    [{ type: 'disabled' }, { effort: 'high' }, { mode: 'none' }],
    [{ type: 'adaptive' }, undefined, { mode: 'auto', includeThoughts: true }],
    [{ type: 'adaptive', display: 'summarized' }, { effort: 'max' }, { mode: 'level', level: 'max', includeThoughts: true }],
    [{ type: 'adaptive', display: 'omitted' }, { effort: 'low' }, { mode: 'level', level: 'low', includeThoughts: false }],
  ])('thinking %j with output_config %j', (thinking, outputConfig, expected) => {
    expect(decode(minimal({ thinking, ...(outputConfig ? { output_config: outputConfig } : {}) })).reasoning).toEqual(expected);
  });

  it('leaves reasoning unset for output_config.effort alone and for no thinking at all', () => {
    expect(decode(minimal({ output_config: { effort: 'low' } })).reasoning).toBeUndefined();
    expect(decode(minimal()).reasoning).toBeUndefined();
  });

  it('maps output_config.format json_schema to a JSON response format', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(decode(minimal({ output_config: { format: { type: 'json_schema', schema } } })).responseFormat).toEqual({ type: 'json', schema });
  });

  it('reads the session from the older user_<hash>_account_<uuid>_session_<uuid> form', () => {
    const userId = 'user_ab12_account_11111111-2222-3333-4444-555555555555_session_aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    expect(decode(minimal({ metadata: { user_id: userId } })).envelope).toEqual({ user: userId, sessionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
  });

  it('accepts a request without max_tokens (token counting sends none)', () => {
    expect(decode({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).maxOutputTokens).toBeUndefined();
  });
});

describe('decodeRequest: errors name the field and the fix', () => {
  it.each([
    [{ messages: [{ role: 'user', content: 'hi' }] }, 'model', /model.*is required/],
    [{ model: 'm', messages: 'hi' }, 'messages', /array of messages/],
    [{ model: 'm', messages: [] }, 'messages', /at least one message/],
    [{ model: 'm', messages: [{ role: 'bot', content: 'hi' }] }, 'messages[0].role', /"user", "assistant" or "system"/],
    [{ model: 'm', messages: [{ role: 'assistant', content: [{ type: 'tool_use', name: 'f', input: {} }] }] }, 'messages[0].content[0].id', /the id the matching tool_result refers to/],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] }, 'messages[0].content[0].tool_use_id', /tool_use block this result answers/],
    [{ model: 'm', messages: [{ role: 'user', content: [{ text: 'no type' }] }] }, 'messages[0].content[0].type', /block type/],
    [{ model: 'm', messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }] }, 'messages[0].content[0].source.media_type', /media type/],
    [{ model: 'm', max_tokens: 0, messages: [{ role: 'user', content: 'hi' }] }, 'max_tokens', /at least 1/],
    [{ model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [{ description: 'x', input_schema: {} }] }, 'tools[0].name', /give the tool a name/],
    [{ model: 'm', messages: [{ role: 'user', content: 'hi' }], tool_choice: { type: 'tool' } }, 'tool_choice.name', /name the tool to call/],
    [{ model: 'm', messages: [{ role: 'user', content: 'hi' }], thinking: { type: 'adaptive' }, output_config: { effort: 'extreme' } }, 'output_config.effort', /low, medium, high, xhigh or max/],
    [{ model: 'm', messages: [{ role: 'user', content: 'hi' }], system: [{ type: 'text' }] }, 'system[0].text', /must be a string/],
    [{ model: 'm', messages: [{ role: 'user', content: 'hi' }], system: [{ type: 'image', source: {} }] }, 'system[0].type', /only text blocks are allowed here/],
  ])('%j → %s', (body, param, message) => {
    const error = rejection(body);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.details.param).toBe(param);
    expect(error.message).toMatch(message);
  });
});

describe('count tokens', () => {
  it('decodes a /v1/messages/count_tokens body and answers {input_tokens}', () => {
    const ir = decodeCountTokensRequest({
      model: 'claude-sonnet-4-5',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
    });
    expect(ir).toMatchObject({ model: 'claude-sonnet-4-5', stream: false, system: [{ type: 'text', text: 'Be brief.' }], tools: [{ type: 'function', name: 'f' }] });
    expect(encodeCountTokensResponse(42)).toEqual({ input_tokens: 42 });
  });
});
