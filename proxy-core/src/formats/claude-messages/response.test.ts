import { describe, expect, it } from 'vitest';
import type { IrResponse } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { loadJson } from './__fixtures__/helpers.js';
import { claudeMessagesFormat, usageFromBody } from './index.js';

const context = { model: 'my-model', requestId: 'req-7', created: 1750000000 };

describe('decodeResponse (Claude upstream)', () => {
  it('decodes thinking with its signature, text, tool use, stop reason and usage (input includes the cache)', () => {
    const response = claudeMessagesFormat.decodeResponse(loadJson('response-tool-use.json'));
    expect(response).toMatchObject({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: 'claude-sonnet-4-5-20250929',
      candidates: [
        {
          index: 0,
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
          content: [
            { type: 'reasoning', text: 'I need the weather tool.', signature: { family: 'claude', value: 'EqQBCkgIARABGAIiQL2tHqd4claude-sonnet-4-5sig==' } },
            { type: 'text', text: 'Let me check the weather.' },
            { type: 'tool-call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
          ],
        },
      ],
      usage: { inputTokens: 472 + 2048 + 120, outputTokens: 89, cachedInputTokens: 2048, cacheCreationTokens: 120 },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  ])('stop_reason %s → %s (raw kept)', (raw, unified) => {
    const response = claudeMessagesFormat.decodeResponse({ content: [], stop_reason: raw, usage: { input_tokens: 1, output_tokens: 1 } });
    expect(response.candidates[0].finishReason).toEqual({ unified, raw });
  });

  it('turns an error body into a ProxyError with the status of its type', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    expect(() => claudeMessagesFormat.decodeResponse(body)).toThrow(ProxyError);
    try {
      claudeMessagesFormat.decodeResponse(body);
    } catch (error) {
      expect(error).toMatchObject({ status: 529, message: 'Overloaded', scope: 'upstream' });
    }
  });

  it('reads usage of a non-stream body for the passthrough path', () => {
    expect(usageFromBody(loadJson('response-tool-use.json'))).toEqual({ inputTokens: 2640, outputTokens: 89, cachedInputTokens: 2048, cacheCreationTokens: 120 });
    expect(usageFromBody({ content: [] })).toBeUndefined();
  });
});

describe('encodeResponse (Claude client)', () => {
  const foreign: IrResponse = {
    model: 'gemini-2.5-pro',
    candidates: [
      {
        index: 0,
        finishReason: { unified: 'stop', raw: 'STOP' },
        content: [
          { type: 'reasoning', text: 'Thinking about it.', signature: { family: 'gemini', value: 'CiQBcsjafQ==' } },
          { type: 'reasoning', text: 'unsigned thoughts' },
          { type: 'text', text: 'Here you go.' },
          { type: 'tool-call', id: 'call_abc', name: 'read', arguments: '{"path":"a.txt"}' },
          { type: 'tool-call', id: 'call_bad', name: 'read', arguments: '{"path":' },
          { type: 'generated-image', mediaType: 'image/png', data: 'iVBO' },
        ],
      },
    ],
    usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100, reasoningTokens: 12 },
  };

  it('answers in the Messages shape: our id, the client’s model, tool ids verbatim, parsed input', () => {
    expect(claudeMessagesFormat.encodeResponse(foreign, context)).toEqual({
      id: 'msg_req-7',
      type: 'message',
      role: 'assistant',
      model: 'my-model',
      content: [
        { type: 'thinking', thinking: 'Thinking about it.', signature: 'gemini#CiQBcsjafQ==' },
        { type: 'thinking', thinking: 'unsigned thoughts', signature: '' },
        { type: 'text', text: 'Here you go.' },
        { type: 'tool_use', id: 'call_abc', name: 'read', input: { path: 'a.txt' } },
        { type: 'tool_use', id: 'call_bad', name: 'read', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens_details: { thinking_tokens: 12 } },
    });
  });

  it('the tagged signature of another vendor decodes back to that vendor on the next request', () => {
    const encoded = claudeMessagesFormat.encodeResponse(foreign, context) as { content: unknown[] };
    const next = claudeMessagesFormat.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: encoded.content }] });
    expect(next.messages[1].content[0]).toEqual({ type: 'reasoning', text: 'Thinking about it.', signature: { family: 'gemini', value: 'CiQBcsjafQ==' } });
    expect(next.messages[1].content[1]).toEqual({ type: 'reasoning', text: 'unsigned thoughts' });
  });

  it.each([
    [{ unified: 'length', raw: 'MAX_TOKENS' }, false, 'max_tokens'],
    [{ unified: 'content-filter', raw: 'SAFETY' }, false, 'refusal'],
    [{ unified: 'tool-calls', raw: 'tool_calls' }, false, 'end_turn'],
    [{ unified: 'stop', raw: 'stop' }, false, 'end_turn'],
    [{ unified: 'other', raw: 'pause_turn' }, false, 'pause_turn'],
    [{ unified: 'length', raw: 'max_output_tokens' }, true, 'max_tokens'],
  ] as const)('finish %j (tool use: %s) → stop_reason %s', (finishReason, withTool, stopReason) => {
    const content = withTool ? [{ type: 'tool-call' as const, id: 'c', name: 'f', arguments: '{}' }] : [{ type: 'text' as const, text: 'x' }];
    const encoded = claudeMessagesFormat.encodeResponse({ model: 'x', candidates: [{ index: 0, finishReason, content }] }, context) as Record<string, unknown>;
    expect(encoded.stop_reason).toBe(stopReason);
  });

  it('reports zero usage when the upstream sent none', () => {
    const encoded = claudeMessagesFormat.encodeResponse({ model: 'x', candidates: [{ index: 0, finishReason: { unified: 'stop' }, content: [] }] }, context) as Record<string, unknown>;
    expect(encoded.usage).toEqual({ input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('sends Claude redacted thinking as redacted_thinking', () => {
    const encoded = claudeMessagesFormat.encodeResponse(
      { model: 'x', candidates: [{ index: 0, finishReason: { unified: 'stop', raw: 'end_turn' }, content: [{ type: 'reasoning', text: '', redactedData: 'EmwK' }] }] },
      context,
    ) as { content: unknown[] };
    expect(encoded.content).toEqual([{ type: 'redacted_thinking', data: 'EmwK' }]);
  });
});
