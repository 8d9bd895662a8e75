import { describe, expect, it } from 'vitest';
import type { IrRequest, StreamPart } from '../../ir/index.js';
import { decodeAll, encodeAll, loadChunks, payloads } from './__fixtures__/helpers.js';
import { createStreamDecoder } from './decode-stream.js';
import { createStreamEncoder } from './encode-stream.js';

function clientRequest(includeUsage: boolean): IrRequest {
  return {
    model: 'gpt-4o',
    system: [],
    messages: [],
    stream: true,
    source: 'openai-chat',
    ...(includeUsage ? { extras: { 'openai-chat': { stream_options: { include_usage: true } } } } : {}),
  };
}

const context = (includeUsage = true) => ({ model: 'gpt-4o', requestId: 'r1', created: 1700000000, request: clientRequest(includeUsage) });
const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: 2 };

/** A Claude-upstream answer as the Claude decoder would emit it: thinking, text, one streamed tool call. */
const claudeParts: StreamPart[] = [
  { type: 'stream-start', id: 'msg_1', model: 'claude-sonnet-4-5' },
  { type: 'reasoning-start', id: 'r0' },
  { type: 'reasoning-delta', id: 'r0', delta: 'Plan.' },
  { type: 'reasoning-end', id: 'r0', signature: { family: 'claude', value: 'EqQB' } },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Reading.' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-input-start', id: 'toolu_1', name: 'Read' },
  { type: 'tool-input-delta', id: 'toolu_1', delta: '{"path":' },
  { type: 'tool-input-delta', id: 'toolu_1', delta: '"a"}' },
  { type: 'tool-input-end', id: 'toolu_1' },
  { type: 'tool-call', id: 'toolu_1', name: 'Read', arguments: '{"path":"a"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
];

const envelope = { id: 'chatcmpl-r1', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o' };
const choice = (delta: Record<string, unknown>, finishReason: string | null = null, index = 0) => ({
  ...envelope,
  choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
});

describe('encode stream', () => {
  it('writes the Chat chunk grammar: role, deltas, tool announcement + fragments, finish, usage, [DONE]', () => {
    expect(payloads(encodeAll(createStreamEncoder(context()), claudeParts))).toEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ reasoning_content: 'Plan.' }),
      choice({ content: 'Reading.' }),
      choice({ tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'Read', arguments: '' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '"a"}' } }] }),
      choice({}, 'tool_calls'),
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 5,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 2 },
        },
      },
      '[DONE]',
    ]);
  });

  it('sends no usage chunk when the client did not ask for it', () => {
    const events = payloads(encodeAll(createStreamEncoder(context(false)), claudeParts));
    expect(events.some((event) => event !== '[DONE]' && 'usage' in event)).toBe(false);
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('writes a whole call in one fragment when there was no input lifecycle, with a Gemini signature', () => {
    const events = payloads(
      encodeAll(createStreamEncoder(context()), [
        { type: 'stream-start' },
        { type: 'tool-call', id: 'fc_1', name: 'f', arguments: '{"a":1}', signature: { family: 'gemini', value: 'CiQB' } },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' } },
      ]),
    );
    expect(events[1]).toEqual(
      choice({
        tool_calls: [{ index: 0, id: 'fc_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' }, extra_content: { google: { thought_signature: 'CiQB' } } }],
      }),
    );
    expect(events[2]).toEqual(choice({}, 'tool_calls'));
  });

  it('sends arguments that were never streamed as deltas when the call completes', () => {
    const events = payloads(
      encodeAll(createStreamEncoder(context()), [
        { type: 'tool-input-start', id: 'c', name: 'f' },
        { type: 'tool-input-end', id: 'c' },
        { type: 'tool-call', id: 'c', name: 'f', arguments: '{"b":2}' },
        { type: 'finish', finishReason: { unified: 'tool-calls' } },
      ]),
    );
    expect(events).toContainEqual(choice({ tool_calls: [{ index: 0, function: { arguments: '{"b":2}' } }] }));
  });

  it('separates consecutive reasoning blocks with a blank line', () => {
    const events = payloads(
      encodeAll(createStreamEncoder(context()), [
        { type: 'reasoning-start', id: 'a' },
        { type: 'reasoning-delta', id: 'a', delta: 'one' },
        { type: 'reasoning-end', id: 'a' },
        { type: 'reasoning-start', id: 'b' },
        { type: 'reasoning-delta', id: 'b', delta: 'two' },
        { type: 'reasoning-end', id: 'b' },
      ]),
    );
    expect(events).toContainEqual(choice({ reasoning_content: '\n\ntwo' }));
  });

  it('ends with an error chunk and no [DONE] after an error part', () => {
    const encoder = createStreamEncoder(context());
    const events = encodeAll(encoder, [
      { type: 'text-delta', id: 't', delta: 'par' },
      { type: 'error', status: 429, message: 'Rate limited upstream', code: 'upstream_error' },
      { type: 'text-delta', id: 't', delta: 'never' },
    ]);
    const parsed = payloads(events);
    expect(parsed.at(-1)).toEqual({
      error: { message: 'Rate limited upstream', type: 'rate_limit_error', code: 'upstream_error', param: null },
    });
    expect(parsed).not.toContain('[DONE]');
    expect(encoder.flush()).toEqual([]);
  });

  it('stays well-formed when the finish part never came: finish chunk, then [DONE]', () => {
    const events = payloads(encodeAll(createStreamEncoder(context()), [{ type: 'text-delta', id: 't', delta: 'hi' }]));
    expect(events).toEqual([choice({ role: 'assistant', content: '' }), choice({ content: 'hi' }), choice({}, 'stop'), '[DONE]']);
  });

  it('writes each candidate under its own choice index', () => {
    const events = payloads(
      encodeAll(createStreamEncoder(context(false)), [
        { type: 'text-delta', id: 'a', delta: 'A' },
        { type: 'text-delta', id: 'b', delta: 'B', candidate: 1 },
        { type: 'finish', finishReason: { unified: 'stop' } },
        { type: 'finish', finishReason: { unified: 'length' }, candidate: 1 },
      ]),
    );
    expect(events).toEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ content: 'A' }),
      choice({ role: 'assistant', content: '' }, null, 1),
      choice({ content: 'B' }, null, 1),
      choice({}, 'stop'),
      choice({}, 'length', 1),
      '[DONE]',
    ]);
  });
});

describe('same-format stream round trip (upstream chunks → IR → client chunks)', () => {
  it('keeps tool call ids, names, argument fragments, the finish reason and usage', () => {
    const parts = decodeAll(createStreamDecoder(), loadChunks('stream-openai-tool-calls.chunks.txt'));
    const events = payloads(encodeAll(createStreamEncoder(context()), parts));
    const fragments = events.flatMap((event) => (event === '[DONE]' ? [] : event.choices.flatMap((c: any) => c.delta.tool_calls ?? [])));
    expect(fragments).toEqual([
      { index: 0, id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"lo' } },
      { index: 0, function: { arguments: 'cation": "Paris"}' } },
      { index: 1, id: 'call_bogota', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 1, function: { arguments: '{"location": "Bogotá"}' } },
    ]);
    expect(events.slice(-3)).toEqual([
      choice({}, 'tool_calls'),
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 82,
          completion_tokens: 40,
          total_tokens: 122,
          prompt_tokens_details: { cached_tokens: 64 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      '[DONE]',
    ]);
  });
});
