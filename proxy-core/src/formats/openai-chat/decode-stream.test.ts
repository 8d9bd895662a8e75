import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import { assertLifecycle, decodeAll, loadChunks } from './__fixtures__/helpers.js';
import { createStreamDecoder } from './decode-stream.js';

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
  data: JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra }),
});
const delta = (value: Record<string, unknown>, finish: string | null = null, index = 0) => chunk([{ index, delta: value, finish_reason: finish }]);
const done = { data: '[DONE]' };

function decode(events: Array<{ data: string }>, flush = true): StreamPart[] {
  const parts = decodeAll(createStreamDecoder(), events, flush);
  assertLifecycle(parts);
  return parts;
}

describe('decode stream: OpenAI tool calls', () => {
  it('streams two parallel tool calls, finishing with tool-calls and the late usage', () => {
    expect(decode(loadChunks('stream-openai-tool-calls.chunks.txt'))).toEqual([
      { type: 'stream-start', id: 'chatcmpl-BGpar', model: 'gpt-4o-2024-08-06', created: 1744048000 },
      { type: 'tool-input-start', id: 'call_paris', name: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_paris', delta: '{"lo' },
      { type: 'tool-input-delta', id: 'call_paris', delta: 'cation": "Paris"}' },
      { type: 'tool-input-end', id: 'call_paris' },
      { type: 'tool-call', id: 'call_paris', name: 'get_weather', arguments: '{"location": "Paris"}' },
      { type: 'tool-input-start', id: 'call_bogota', name: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_bogota', delta: '{"location": "Bogotá"}' },
      { type: 'tool-input-end', id: 'call_bogota' },
      { type: 'tool-call', id: 'call_bogota', name: 'get_weather', arguments: '{"location": "Bogotá"}' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: { inputTokens: 82, outputTokens: 40, totalTokens: 122, cachedInputTokens: 64, reasoningTokens: 0 },
      },
    ]);
  });

  it('defers a call until its name arrives and names a nameless call tool_<index> (reference quirk)', () => {
    const parts = decode([
      delta({ tool_calls: [{ index: 0, id: 'call_a', function: { arguments: '{"x"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      delta({}, 'tool_calls'),
      done,
    ]);
    expect(parts.filter((part) => part.type.startsWith('tool'))).toEqual([
      { type: 'tool-input-start', id: 'call_a', name: 'tool_0' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"x":1}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', id: 'call_a', name: 'tool_0', arguments: '{"x":1}' },
    ]);
  });

  it('gives a call without an id a deterministic id and empty arguments `{}`', () => {
    const events = [delta({ tool_calls: [{ index: 0, function: { name: 'now' } }] }, 'tool_calls'), done];
    const first = decode(events);
    const second = decode(events);
    const call = first.find((part) => part.type === 'tool-call');
    expect(call).toMatchObject({ name: 'now', arguments: '{}' });
    expect(call).toEqual(second.find((part) => part.type === 'tool-call'));
  });
});

describe('decode stream: text and reasoning', () => {
  it('splits DeepSeek reasoning_content and content into blocks; usage on the finish chunk', () => {
    expect(decode(loadChunks('stream-deepseek-reasoning.chunks.txt'))).toEqual([
      { type: 'stream-start', id: '6a3f0b2c-deepseek', model: 'deepseek-reasoner', created: 1737529370 },
      { type: 'reasoning-start', id: 'reasoning-0-0' },
      { type: 'reasoning-delta', id: 'reasoning-0-0', delta: 'Compare ' },
      { type: 'reasoning-delta', id: 'reasoning-0-0', delta: 'the tenths.' },
      { type: 'reasoning-end', id: 'reasoning-0-0' },
      { type: 'text-start', id: 'text-0-1' },
      { type: 'text-delta', id: 'text-0-1', delta: '9.11 is ' },
      { type: 'text-delta', id: 'text-0-1', delta: 'smaller.' },
      { type: 'text-end', id: 'text-0-1' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: 16, outputTokens: 120, totalTokens: 136, cachedInputTokens: 0, reasoningTokens: 100 },
      },
    ]);
  });

  it('accepts the `reasoning` delta spelling (OpenRouter, Ollama)', () => {
    const parts = decode([delta({ reasoning: 'hmm' }), delta({ content: 'ok' }, 'stop'), done]);
    expect(parts).toContainEqual({ type: 'reasoning-delta', id: 'reasoning-0-0', delta: 'hmm' });
  });
});

describe('decode stream: Gemini OpenAI-compatible endpoint', () => {
  it('takes whole calls without an index and keeps the thought signature', () => {
    const parts = decode(loadChunks('stream-gemini-compat.chunks.txt'));
    expect(parts.slice(1)).toEqual([
      { type: 'text-start', id: 'text-0-0' },
      { type: 'text-delta', id: 'text-0-0', delta: 'Let me check.' },
      { type: 'text-end', id: 'text-0-0' },
      { type: 'tool-input-start', id: 'function-call-1', name: 'get_weather' },
      { type: 'tool-input-delta', id: 'function-call-1', delta: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: 'function-call-1' },
      {
        type: 'tool-call',
        id: 'function-call-1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        signature: { family: 'gemini', value: 'CiQB0e2Kb0sigABC' },
      },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: { inputTokens: 50, outputTokens: 20, totalTokens: 95, reasoningTokens: 25 },
      },
    ]);
  });
});

describe('decode stream: whole calls in separate chunks without an index', () => {
  it('treats a new id at the same position as a new call', () => {
    const parts = decode([
      delta({ tool_calls: [{ id: 'fc-1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }] }),
      delta({ tool_calls: [{ id: 'fc-2', type: 'function', function: { name: 'b', arguments: '{"y":2}' } }] }, 'tool_calls'),
      done,
    ]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', id: 'fc-1', name: 'a', arguments: '{"x":1}' },
      { type: 'tool-call', id: 'fc-2', name: 'b', arguments: '{"y":2}' },
    ]);
  });
});

describe('decode stream: several choices', () => {
  it('tags parts of choices other than 0 with their candidate and finishes each', () => {
    const parts = decode([
      chunk([
        { index: 0, delta: { role: 'assistant', content: 'A' }, finish_reason: null },
        { index: 1, delta: { role: 'assistant', content: 'B' }, finish_reason: null },
      ]),
      chunk([{ index: 1, delta: {}, finish_reason: 'length' }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      done,
    ]);
    expect(parts).toContainEqual({ type: 'text-delta', id: 'text-0-0', delta: 'A' });
    expect(parts).toContainEqual({ type: 'text-delta', id: 'text-1-0', delta: 'B', candidate: 1 });
    expect(parts.slice(-2)).toEqual([
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
      { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, candidate: 1 },
    ]);
  });
});

describe('decode stream: endings and errors', () => {
  it('finishes on flush when the finish reason came but [DONE] did not', () => {
    const parts = decode([delta({ content: 'hi' }, 'stop')]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } });
  });

  it('closes open blocks and reports an error when the upstream stopped mid-answer', () => {
    const parts = decode([delta({ content: 'hal' }), delta({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{"a' } }] })]);
    expect(parts.slice(-3)).toEqual([
      { type: 'tool-input-delta', id: 'c', delta: '{"a' },
      { type: 'tool-input-end', id: 'c' },
      { type: 'error', status: 502, code: 'upstream_stream_error', message: 'The upstream closed the stream before it finished.' },
    ]);
    expect(parts.some((part) => part.type === 'tool-call')).toBe(false);
  });

  it('turns an in-band {"error"} chunk into an error part and ignores what follows', () => {
    const decoder = createStreamDecoder();
    const parts = decodeAll(decoder, [
      delta({ content: 'partial' }),
      { data: JSON.stringify({ error: { message: 'Provider returned error', code: 429 } }) },
      delta({ content: 'ignored' }),
      done,
    ]);
    assertLifecycle(parts);
    expect(parts.at(-1)).toEqual({ type: 'error', status: 429, code: 'upstream_error', message: 'Provider returned error' });
    expect(parts.some((part) => part.type === 'text-delta' && part.delta === 'ignored')).toBe(false);
  });

  it('never throws on garbage: a non-JSON event becomes an error part', () => {
    const parts = decode([{ data: '{not json' }]);
    expect(parts).toEqual([
      expect.objectContaining({ type: 'error', status: 502, code: 'upstream_stream_error', message: expect.stringContaining('not JSON') }),
    ]);
  });

  it('handles an empty stream ([DONE] only) as a finished empty answer', () => {
    expect(decode([done])).toEqual([{ type: 'stream-start' }, { type: 'finish', finishReason: { unified: 'stop' } }]);
  });

  it('counts a usage-only chunk that arrives after the finish chunk', () => {
    const parts = decode([
      delta({ content: 'x' }, 'stop'),
      chunk([], { usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
      done,
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 },
    });
  });
});

describe('the lifecycle checker used above', () => {
  it('rejects unended blocks, parts after finish, tool-call before its end and a non-final error', () => {
    const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop' } };
    expect(() => assertLifecycle([{ type: 'text-start', id: 't' }, finish])).toThrow(/after a finish|never ended/);
    expect(() => assertLifecycle([finish, { type: 'text-start', id: 't' }])).toThrow(/after a finish/);
    expect(() =>
      assertLifecycle([
        { type: 'tool-input-start', id: 'c', name: 'f' },
        { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' },
        { type: 'tool-input-end', id: 'c' },
      ]),
    ).toThrow(/before its tool-input-end/);
    expect(() => assertLifecycle([{ type: 'error', status: 500, message: 'x' }, finish])).toThrow();
  });
});
