import { describe, expect, it } from 'vitest';
import type { IrResponse } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import type { EncodeContext } from '../wire-format.js';
import { loadJson } from './__fixtures__/helpers.js';
import { geminiFormat } from './index.js';
import { decodeFinishReason, encodeFinishReason } from './map-finish-reason.js';
import { decodeUsage, encodeUsage } from './map-usage.js';

const context: EncodeContext = { model: 'gemini-2.5-flash-image', requestId: 'req-1', created: 1750000000 };

describe('Gemini decodeResponse', () => {
  it('reads text, a generated image ("nano banana") with its signature, usage and per-candidate extras', () => {
    const response = geminiFormat.decodeResponse(loadJson('response-image.json'));
    expect(response).toMatchObject({ id: 'resp-image', model: 'gemini-2.5-flash-image', usage: { inputTokens: 8, outputTokens: 1290, totalTokens: 1298 } });
    expect(response.candidates).toEqual([
      {
        index: 0,
        finishReason: { unified: 'stop', raw: 'STOP' },
        content: [
          { type: 'text', text: 'Here is your banana.' },
          { type: 'generated-image', mediaType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' },
          { type: 'reasoning', text: '', signature: { family: 'gemini', value: 'CiQBsig-image' } },
        ],
      },
    ]);
    expect(response.extras?.gemini?.candidates).toEqual([{ safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }] }]);
  });

  it('reports a turn with a function call as tool-calls, gives id-less calls a stable id and counts thoughts as output', () => {
    const body = {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Plan', thought: true },
              { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-1' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, thoughtsTokenCount: 40, cachedContentTokenCount: 60, totalTokenCount: 150 },
      responseId: 'r1',
    };
    const response = geminiFormat.decodeResponse(body);
    const [reasoning, call] = response.candidates[0].content;
    expect(reasoning).toEqual({ type: 'reasoning', text: 'Plan' });
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}', signature: { family: 'gemini', value: 'sig-1' } });
    expect(call.type === 'tool-call' && call.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(geminiFormat.decodeResponse(body).candidates[0].content[1]).toEqual(call);
    expect(response.candidates[0].finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 50, cachedInputTokens: 60, reasoningTokens: 40, totalTokens: 150 });
  });

  it('turns a blocked prompt into a content-filter finish', () => {
    const response = geminiFormat.decodeResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } });
    expect(response.candidates).toEqual([{ index: 0, content: [], finishReason: { unified: 'content-filter', raw: 'PROHIBITED_CONTENT' } }]);
    expect(response.extras?.gemini?.promptFeedback).toEqual({ blockReason: 'PROHIBITED_CONTENT' });
  });

  it('unwraps the Gemini CLI envelope and rejects error bodies', () => {
    const response = geminiFormat.decodeResponse({ response: { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }, traceId: 't' });
    expect(response.candidates[0].content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(() => geminiFormat.decodeResponse({ error: { code: 500, message: 'Internal', status: 'INTERNAL' } })).toThrow(ProxyError);
    expect(() => geminiFormat.decodeResponse('nope')).toThrow(/not a Gemini response/);
  });
});

describe('Gemini finish reasons and usage', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool-calls'],
    ['MAX_TOKENS', false, 'length'],
    ['SAFETY', false, 'content-filter'],
    ['RECITATION', false, 'content-filter'],
    ['BLOCKLIST', false, 'content-filter'],
    ['PROHIBITED_CONTENT', false, 'content-filter'],
    ['SPII', false, 'content-filter'],
    ['SAFETY', true, 'content-filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['OTHER', false, 'other'],
    ['SOMETHING_NEW', false, 'other'],
  ] as const)('%s (called a tool: %s) → %s', (raw, calledTool, unified) => {
    expect(decodeFinishReason(raw, calledTool)).toEqual({ unified, raw });
  });

  it('encodes IR reasons for Gemini, keeping Gemini values', () => {
    expect(encodeFinishReason({ unified: 'length', raw: 'max_tokens' })).toBe('MAX_TOKENS');
    expect(encodeFinishReason({ unified: 'tool-calls', raw: 'tool_use' })).toBe('STOP');
    expect(encodeFinishReason({ unified: 'content-filter', raw: 'refusal' })).toBe('SAFETY');
    expect(encodeFinishReason({ unified: 'content-filter', raw: 'RECITATION' })).toBe('RECITATION');
    expect(encodeFinishReason({ unified: 'stop' })).toBe('STOP');
  });

  it('round-trips usage: candidates exclude thoughts, prompt includes cached tokens', () => {
    const metadata = { promptTokenCount: 100, candidatesTokenCount: 10, thoughtsTokenCount: 40, cachedContentTokenCount: 60, totalTokenCount: 150 };
    expect(encodeUsage(decodeUsage(metadata)!)).toEqual(metadata);
    expect(encodeUsage({ inputTokens: 22044, outputTokens: 4, cachedInputTokens: 22000 })).toEqual({
      promptTokenCount: 22044,
      candidatesTokenCount: 4,
      totalTokenCount: 22048,
      cachedContentTokenCount: 22000,
    });
    expect(decodeUsage({})).toBeUndefined();
  });
});

describe('Gemini encodeResponse', () => {
  const claudeAnswer: IrResponse = {
    id: 'msg_01',
    model: 'claude-sonnet-4-5',
    candidates: [
      {
        index: 0,
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        content: [
          { type: 'reasoning', text: 'I should look.', signature: { family: 'claude', value: 'EqQBCkgI' } },
          { type: 'text', text: 'Looking.' },
          { type: 'tool-call', id: 'toolu_01', name: 'read_file', arguments: '{"path":"a.txt"}' },
        ],
      },
    ],
    usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
  };

  it('writes candidates, usageMetadata, modelVersion and responseId; only Gemini signatures go out', () => {
    expect(geminiFormat.encodeResponse(claudeAnswer, context)).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ text: 'I should look.', thought: true }, { text: 'Looking.' }, { functionCall: { id: 'toolu_01', name: 'read_file', args: { path: 'a.txt' } } }],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 30, totalTokenCount: 150, cachedContentTokenCount: 100 },
      modelVersion: 'gemini-2.5-flash-image',
      responseId: 'msg_01',
    });
  });

  it('hides thought text when the client turned includeThoughts off', () => {
    const request = { ...geminiFormat.decodeRequest({ contents: [{ role: 'user', parts: [{ text: 'q' }] }], generationConfig: { thinkingConfig: { thinkingBudget: 100, includeThoughts: false } } }) };
    const body = geminiFormat.encodeResponse(claudeAnswer, { ...context, request }) as any;
    expect(body.candidates[0].content.parts.some((part: any) => part.thought)).toBe(false);
  });

  it('gives a Gemini answer back as it came (decode ∘ encode)', () => {
    const original = loadJson('response-image.json');
    expect(geminiFormat.encodeResponse(geminiFormat.decodeResponse(original), context)).toEqual(original);
  });
});
