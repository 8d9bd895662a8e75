import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import type { SseEvent } from '../wire-format.js';
import { assertLifecycle, decodeAll, loadSse } from './__fixtures__/helpers.js';
import { claudeMessagesFormat } from './index.js';

const decode = (events: readonly SseEvent[], flush = true) => decodeAll(claudeMessagesFormat.createStreamDecoder(), events, flush);
const event = (payload: Record<string, unknown>): SseEvent => ({ event: String(payload.type), data: JSON.stringify(payload) });

const messageStart = event({ type: 'message_start', message: { id: 'msg_1', model: 'claude-x', content: [], usage: { input_tokens: 10, output_tokens: 1 } } });
const toolStart = event({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } });
const toolDelta = event({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } });

describe('createStreamDecoder', () => {
  it('decodes a captured stream with thinking, text and a tool call', () => {
    const parts = decode(loadSse('stream-thinking-tool.sse'));
    assertLifecycle(parts);
    expect(parts).toEqual([
      { type: 'stream-start', id: 'msg_01Stream', model: 'claude-sonnet-4-5-20250929' },
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'I need ' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'the weather.' },
      { type: 'reasoning-end', id: 'reasoning-0', signature: { family: 'claude', value: 'EqQBCkgIARABGAIiQL2tHqd4claude-sonnet-4-5sig==' } },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Let me ' },
      { type: 'text-delta', id: 'text-1', delta: 'check.' },
      { type: 'text-end', id: 'text-1' },
      { type: 'tool-input-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: '{"location": "San Fra' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: 'ncisco, CA"}' },
      { type: 'tool-input-end', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6' },
      { type: 'tool-call', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', arguments: '{"location": "San Francisco, CA"}' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: { inputTokens: 472 + 2048, outputTokens: 89, cachedInputTokens: 2048, cacheCreationTokens: 0 },
      },
    ]);
  });

  it('skips server tool blocks and citations, and takes the cumulative usage from message_delta', () => {
    const parts = decode(loadSse('stream-web-search.sse'));
    assertLifecycle(parts);
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-start', 'text-delta', 'text-end', 'finish']);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: { inputTokens: 10682, outputTokens: 510, cachedInputTokens: 0, cacheCreationTokens: 0 },
    });
  });

  it('decodes a redacted_thinking block as reasoning with redacted data', () => {
    const parts = decode([
      messageStart,
      event({ type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'EmwK' } }),
      event({ type: 'content_block_stop', index: 0 }),
      event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 5 } }),
      event({ type: 'message_stop' }),
    ]);
    expect(parts.slice(1, 3)).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-end', id: 'reasoning-0', redactedData: 'EmwK' },
    ]);
  });

  it.each([
    ['overloaded_error', 529],
    ['rate_limit_error', 429],
    ['api_error', 500],
    ['invalid_request_error', 400],
  ])('an in-band %s event becomes an error part with status %i and closes open blocks', (type, status) => {
    const parts = decode([messageStart, toolStart, toolDelta, { event: 'error', data: JSON.stringify({ type: 'error', error: { type, message: 'Upstream trouble' } }) }]);
    assertLifecycle(parts);
    expect(parts.slice(-2)).toEqual([
      { type: 'tool-input-end', id: 'toolu_1' },
      { type: 'error', status, message: 'Upstream trouble', code: 'upstream_error' },
    ]);
  });

  it('finishes when the stream ends after message_delta without message_stop', () => {
    const parts = decode([messageStart, toolStart, toolDelta, event({ type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 7 } })]);
    assertLifecycle(parts);
    expect(parts.slice(-3)).toEqual([
      { type: 'tool-input-end', id: 'toolu_1' },
      { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{"a":' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' }, usage: { inputTokens: 10, outputTokens: 7 } },
    ]);
  });

  it('reports a stream that ends before any stop reason as an upstream error (no half tool call)', () => {
    const parts = decode([messageStart, toolStart, toolDelta]);
    assertLifecycle(parts);
    expect(parts.some((part) => part.type === 'tool-call')).toBe(false);
    expect(parts.at(-1)).toEqual({ type: 'error', status: 502, code: 'upstream_stream_error', message: 'The upstream closed the stream before it finished.' });
    const empty = decode([]);
    expect(empty).toEqual([{ type: 'stream-start' }, { type: 'error', status: 502, code: 'upstream_stream_error', message: 'The upstream closed the stream before it finished.' }]);
  });

  it('never throws: data that is not JSON becomes an error part, and nothing follows it', () => {
    const decoder = claudeMessagesFormat.createStreamDecoder();
    const parts: StreamPart[] = [...decoder.push(messageStart), ...decoder.push({ event: 'content_block_delta', data: '{not json' })];
    expect(parts.at(-1)).toMatchObject({ type: 'error', status: 502, code: 'upstream_stream_error' });
    expect(decoder.push(event({ type: 'message_stop' }))).toEqual([]);
    expect(decoder.flush()).toEqual([]);
  });

  it('ignores pings and tags signatures of other vendors with their family', () => {
    const parts = decode([
      messageStart,
      { event: 'ping', data: '{"type": "ping"}' },
      event({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'gemini#CiQB' } }),
      event({ type: 'content_block_stop', index: 0 }),
      event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } }),
      event({ type: 'message_stop' }),
    ]);
    expect(parts.find((part) => part.type === 'reasoning-end')).toEqual({ type: 'reasoning-end', id: 'reasoning-0', signature: { family: 'gemini', value: 'CiQB' } });
  });
});
