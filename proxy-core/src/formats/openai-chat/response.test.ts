import { describe, expect, it } from 'vitest';
import type { IrResponse } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { loadJson } from './__fixtures__/helpers.js';
import { decodeResponse } from './decode-response.js';
import { encodeResponse } from './encode-response.js';

const context = { model: 'claude-sonnet-4-5', requestId: 'abc123', created: 1750000000 };

describe('decodeResponse', () => {
  it('decodes tool calls, finish reason and usage with cached tokens', () => {
    const ir = decodeResponse(loadJson('response-tool-call.json'));
    expect(ir).toMatchObject({
      id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      model: 'gpt-4o-2024-08-06',
      created: 1741570283,
      candidates: [
        {
          index: 0,
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
          content: [
            { type: 'tool-call', id: 'call_ujD8s0jGzkS4HvR3dRfA2U0k', name: 'get_weather', arguments: '{"location":"Paris, France"}' },
            { type: 'tool-call', id: 'call_1vRkFQW5RS0cLgPYgaQkmgQq', name: 'get_weather', arguments: '{"location":"Bogotá, Colombia"}' },
          ],
        },
      ],
      usage: { inputTokens: 1117, outputTokens: 46, totalTokens: 1163, cachedInputTokens: 1024, reasoningTokens: 0 },
    });
  });

  it('decodes reasoning_content before the text and reasoning tokens', () => {
    const ir = decodeResponse(loadJson('response-reasoning.json'));
    expect(ir.candidates[0].content).toEqual([
      { type: 'reasoning', text: 'Compare the tenths: 1 < 8.' },
      { type: 'text', text: '9.11 is smaller than 9.8.' },
    ]);
    expect(ir.usage).toMatchObject({ inputTokens: 16, outputTokens: 120, reasoningTokens: 100 });
  });

  it('is lenient with OpenAI-compatible servers: `reasoning`, object arguments, missing ids, `stop` next to calls', () => {
    const ir = decodeResponse({
      model: 'qwen3',
      choices: [
        {
          message: {
            content: '',
            reasoning: 'thinking…',
            tool_calls: [{ type: 'function', function: { name: 'ls', arguments: { dir: '.' } } }],
          },
          finish_reason: 'stop',
        },
      ],
    });
    const [reasoning, call] = ir.candidates[0].content;
    expect(reasoning).toEqual({ type: 'reasoning', text: 'thinking…' });
    expect(call).toMatchObject({ type: 'tool-call', name: 'ls', arguments: '{"dir":"."}' });
    expect((call as { id: string }).id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(ir.candidates[0].finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('maps every finish reason and keeps the raw value', () => {
    const reason = (raw: string | null) => decodeResponse({ choices: [{ message: { content: 'x' }, finish_reason: raw }] }).candidates[0].finishReason;
    expect(reason('stop')).toEqual({ unified: 'stop', raw: 'stop' });
    expect(reason('length')).toEqual({ unified: 'length', raw: 'length' });
    expect(reason('max_tokens')).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(reason('content_filter')).toEqual({ unified: 'content-filter', raw: 'content_filter' });
    expect(reason('weird')).toEqual({ unified: 'other', raw: 'weird' });
    expect(reason(null)).toEqual({ unified: 'other' });
  });

  it('decodes several choices as several candidates and generated images', () => {
    const ir = decodeResponse({
      model: 'm',
      choices: [
        { index: 0, message: { content: 'a' }, finish_reason: 'stop' },
        { index: 1, message: { content: 'b', images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } }] }, finish_reason: 'stop' },
      ],
    });
    expect(ir.candidates.map((candidate) => candidate.index)).toEqual([0, 1]);
    expect(ir.candidates[1].content).toEqual([
      { type: 'text', text: 'b' },
      { type: 'generated-image', mediaType: 'image/png', data: 'iVBO' },
    ]);
  });

  it('throws an upstream error for an error body or a body without choices', () => {
    expect(() => decodeResponse({ error: { message: 'Rate limit', code: 429 } })).toThrow(ProxyError);
    try {
      decodeResponse({ error: { message: 'Rate limit', code: 429 } });
    } catch (error) {
      expect((error as ProxyError).status).toBe(429);
      expect((error as ProxyError).message).toBe('Rate limit');
    }
    expect(() => decodeResponse({ object: 'list' })).toThrow(/not a Chat Completions response/);
  });
});

describe('encodeResponse', () => {
  const response: IrResponse = {
    id: 'msg_01',
    model: 'claude-sonnet-4-5-20250929',
    candidates: [
      {
        index: 0,
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        content: [
          { type: 'reasoning', text: 'Think.', signature: { family: 'claude', value: 'EqQB' } },
          { type: 'text', text: 'Let me ' },
          { type: 'text', text: 'look.' },
          { type: 'tool-call', id: 'toolu_01', name: 'Read', arguments: '{"path":"a"}' },
        ],
      },
    ],
    usage: { inputTokens: 22044, outputTokens: 4, cachedInputTokens: 22000, cacheCreationTokens: 31 },
  };

  it('writes a chat.completion with our id, the client model, text, reasoning, tool calls and usage', () => {
    expect(encodeResponse(response, context)).toEqual({
      id: 'chatcmpl-abc123',
      object: 'chat.completion',
      created: 1750000000,
      model: 'claude-sonnet-4-5',
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me look.',
            refusal: null,
            reasoning_content: 'Think.',
            tool_calls: [{ id: 'toolu_01', type: 'function', function: { name: 'Read', arguments: '{"path":"a"}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 22044,
        completion_tokens: 4,
        total_tokens: 22048,
        prompt_tokens_details: { cached_tokens: 22000, cached_creation_tokens: 31 },
      },
    });
  });

  it('reports tool_calls whenever calls are present, content null, and length/content_filter as such', () => {
    const body = encodeResponse(
      { model: 'x', candidates: [{ index: 0, finishReason: { unified: 'stop', raw: 'STOP' }, content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }] }] },
      context,
    ) as any;
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.content).toBeNull();
    const finish = (unified: 'length' | 'content-filter' | 'error' | 'other') =>
      (encodeResponse({ model: 'x', candidates: [{ index: 0, finishReason: { unified }, content: [] }] }, context) as any).choices[0].finish_reason;
    expect(finish('length')).toBe('length');
    expect(finish('content-filter')).toBe('content_filter');
    expect(finish('error')).toBe('stop');
    expect(finish('other')).toBe('stop');
  });

  it('adds a Gemini thought signature to the tool call and images as message.images', () => {
    const body = encodeResponse(
      {
        model: 'gemini-2.5-pro',
        candidates: [
          {
            index: 0,
            finishReason: { unified: 'stop' },
            content: [
              { type: 'tool-call', id: 'c', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'CiQB' } },
              { type: 'generated-image', mediaType: 'image/png', data: 'iVBO' },
            ],
          },
        ],
      },
      context,
    ) as any;
    expect(body.choices[0].message.tool_calls[0].extra_content).toEqual({ google: { thought_signature: 'CiQB' } });
    expect(body.choices[0].message.images).toEqual([{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' }, index: 0 }]);
  });
});
