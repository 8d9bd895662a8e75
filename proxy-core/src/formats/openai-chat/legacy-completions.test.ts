import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { encodeAll, payloads } from './__fixtures__/helpers.js';
import { createCompletionsStreamEncoder, decodeCompletionsRequest, encodeCompletionsResponse } from './legacy-completions.js';

function rejection(body: Record<string, unknown>): ProxyError {
  try {
    decodeCompletionsRequest({ model: 'm', prompt: 'x', ...body });
  } catch (error) {
    if (ProxyError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('decodeCompletionsRequest', () => {
  it('maps a string prompt and the sampling fields', () => {
    expect(
      decodeCompletionsRequest({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Say this is a test',
        max_tokens: 7,
        temperature: 0,
        top_p: 1,
        stop: '\n',
        n: 2,
        stream: true,
        stream_options: { include_usage: true },
        suffix: '',
        echo: false,
        logprobs: null,
        best_of: 1,
        user: 'u',
      }),
    ).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] }],
      stream: true,
      source: 'openai-chat',
      maxOutputTokens: 7,
      temperature: 0,
      topP: 1,
      stopSequences: ['\n'],
      candidateCount: 2,
      envelope: { user: 'u' },
      extras: { 'openai-chat': { stream_options: { include_usage: true } } },
    });
  });

  it('turns an array of prompts into one user message each', () => {
    expect(decodeCompletionsRequest({ model: 'm', prompt: ['a', 'b'] }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
    ]);
  });

  it('rejects options a chat model would silently ignore, naming them', () => {
    expect(rejection({ suffix: '}\n' }).details.param).toBe('suffix');
    expect(rejection({ echo: true }).details.param).toBe('echo');
    expect(rejection({ logprobs: 0 }).details.param).toBe('logprobs');
    expect(rejection({ best_of: 3 }).details.param).toBe('best_of');
    expect(rejection({ prompt: [1, 2, 3] }).message).toContain('token-id prompts');
    expect(rejection({ prompt: [] }).details.param).toBe('prompt');
  });

  it('does not forward unknown legacy-only fields to a Chat upstream', () => {
    expect(decodeCompletionsRequest({ model: 'm', prompt: 'x', best_of: 1, frobnicate: true }).extras).toBeUndefined();
  });
});

const context = { model: 'gpt-3.5-turbo-instruct', requestId: 'r9', created: 1700000000 };

describe('encodeCompletionsResponse', () => {
  it('writes a text_completion with text, finish_reason and usage', () => {
    expect(
      encodeCompletionsResponse(
        {
          model: 'upstream',
          candidates: [
            {
              index: 0,
              finishReason: { unified: 'stop', raw: 'end_turn' },
              content: [
                { type: 'reasoning', text: 'hidden' },
                { type: 'text', text: 'This is a test.' },
              ],
            },
          ],
          usage: { inputTokens: 5, outputTokens: 6 },
        },
        context,
      ),
    ).toEqual({
      id: 'cmpl-r9',
      object: 'text_completion',
      created: 1700000000,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: 'This is a test.', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
    });
  });
});

describe('createCompletionsStreamEncoder', () => {
  const parts: StreamPart[] = [
    { type: 'stream-start' },
    { type: 'text-delta', id: 't', delta: 'This ' },
    { type: 'text-delta', id: 't', delta: 'is' },
    { type: 'finish', finishReason: { unified: 'length' }, usage: { inputTokens: 2, outputTokens: 2 } },
  ];
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'cmpl-r9',
    object: 'text_completion',
    created: 1700000000,
    model: 'gpt-3.5-turbo-instruct',
    choices,
    ...extra,
  });

  it('writes text chunks, a finish chunk, the usage chunk when asked, then [DONE]', () => {
    const request = decodeCompletionsRequest({ model: 'm', prompt: 'x', stream: true, stream_options: { include_usage: true } });
    expect(payloads(encodeAll(createCompletionsStreamEncoder({ ...context, request }), parts))).toEqual([
      chunk([{ text: 'This ', index: 0, logprobs: null, finish_reason: null }]),
      chunk([{ text: 'is', index: 0, logprobs: null, finish_reason: null }]),
      chunk([{ text: '', index: 0, logprobs: null, finish_reason: 'length' }]),
      chunk([], { usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 } }),
      '[DONE]',
    ]);
  });

  it('ends with the error chunk and no [DONE] after an error part', () => {
    const events = payloads(
      encodeAll(createCompletionsStreamEncoder(context), [
        { type: 'text-delta', id: 't', delta: 'a' },
        { type: 'error', status: 502, message: 'The upstream closed the stream before it finished.', code: 'upstream_stream_error' },
      ]),
    );
    expect(events.at(-1)).toMatchObject({ error: { code: 'upstream_stream_error', type: 'server_error' } });
    expect(events).not.toContain('[DONE]');
  });
});
