import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import { assertLifecycle, decodeAll, loadChunks } from './__fixtures__/helpers.js';
import { geminiFormat } from './index.js';

const decode = (lines: unknown[], flush = true): StreamPart[] => {
  const parts = decodeAll(geminiFormat.createStreamDecoder(), lines.map((line) => ({ data: typeof line === 'string' ? line : JSON.stringify(line) })), flush);
  assertLifecycle(parts);
  return parts;
};
const chunk = (parts: unknown[], extra: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...candidate }],
  ...extra,
});

describe('Gemini stream decoder', () => {
  it('turns thoughts and text into reasoning and text lifecycles, with the signature on reasoning-end', () => {
    const parts = decodeAll(geminiFormat.createStreamDecoder(), loadChunks('stream-thoughts-text.chunks.txt'));
    assertLifecycle(parts);
    expect(parts).toEqual([
      { type: 'stream-start', id: 'resp-abc', model: 'gemini-2.5-flash' },
      { type: 'reasoning-start', id: 'reasoning-0-0' },
      { type: 'reasoning-delta', id: 'reasoning-0-0', delta: '**Planning** the answer' },
      { type: 'reasoning-delta', id: 'reasoning-0-0', delta: ' carefully.' },
      { type: 'reasoning-end', id: 'reasoning-0-0', signature: { family: 'gemini', value: 'CiQBsig-thoughts' } },
      { type: 'text-start', id: 'text-0-1' },
      { type: 'text-delta', id: 'text-0-1', delta: 'Hello' },
      { type: 'text-delta', id: 'text-0-1', delta: ' world' },
      { type: 'text-end', id: 'text-0-1' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'STOP' },
        usage: { inputTokens: 12, outputTokens: 7, cachedInputTokens: 4, reasoningTokens: 5, totalTokens: 19 },
      },
    ]);
  });

  it('turns whole function calls into tool-input lifecycles and a tool-call, finishing with tool-calls', () => {
    const parts = decodeAll(geminiFormat.createStreamDecoder(), loadChunks('stream-function-call.chunks.txt'));
    assertLifecycle(parts);
    const calls = parts.filter((part) => part.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', id: expect.stringMatching(/^call_/), name: 'read_file', arguments: '{"path":"README.md"}', signature: { family: 'gemini', value: 'CiQBsig-call' } },
      { type: 'tool-call', id: expect.stringMatching(/^call_/), name: 'read_file', arguments: '{"path":"LICENSE"}' },
    ]);
    const first = calls[0].type === 'tool-call' ? calls[0].id : '';
    expect(parts.filter((part) => 'id' in part && part.id === first).map((part) => part.type)).toEqual(['tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call']);
    expect(parts.find((part) => part.type === 'tool-input-delta')).toMatchObject({ delta: '{"path":"README.md"}' });
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' }, usage: { inputTokens: 30, outputTokens: 20, totalTokens: 50 } });
  });

  it('waits for finishReason: usage on earlier chunks does not finish the stream (§6 #6)', () => {
    const usage = { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 };
    const parts = decode([chunk([{ functionCall: { id: 'c1', name: 'a', args: {} } }], { usageMetadata: usage }), chunk([], { usageMetadata: usage }, { finishReason: 'STOP' })]);
    expect(parts.filter((part) => part.type === 'finish')).toEqual([{ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' }, usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 } }]);
  });

  it('attaches a signature-only part to the open thought and opens no empty text block (§6 #11)', () => {
    const parts = decode([
      chunk([{ text: 'thinking', thought: true }]),
      chunk([{ text: '', thoughtSignature: 'sig-test' }], { usageMetadata: { promptTokenCount: 10, thoughtsTokenCount: 2 } }, { finishReason: 'STOP' }),
    ]);
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'reasoning-start', 'reasoning-delta', 'reasoning-end', 'finish']);
    expect(parts[3]).toMatchObject({ signature: { family: 'gemini', value: 'sig-test' } });
    expect(parts[4]).toMatchObject({ usage: { inputTokens: 10, outputTokens: 2, reasoningTokens: 2 } });
  });

  it('puts a signature that follows text into an empty signed reasoning block after it', () => {
    const parts = decode([chunk([{ text: 'Answer.' }]), chunk([{ text: '', thoughtSignature: 'text-sig' }], {}, { finishReason: 'STOP' })]);
    expect(parts.slice(1, -1)).toEqual([
      { type: 'text-start', id: 'text-0-0' },
      { type: 'text-delta', id: 'text-0-0', delta: 'Answer.' },
      { type: 'text-end', id: 'text-0-0' },
      { type: 'reasoning-start', id: 'reasoning-0-1' },
      { type: 'reasoning-end', id: 'reasoning-0-1', signature: { family: 'gemini', value: 'text-sig' } },
    ]);
  });

  it('passes generated images through and unwraps Gemini CLI envelopes', () => {
    const parts = decode([{ response: chunk([{ inlineData: { mimeType: 'image/png', data: 'AA' } }], {}, { finishReason: 'STOP' }) }]);
    expect(parts).toContainEqual({ type: 'generated-image', mediaType: 'image/png', data: 'AA' });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } });
  });

  it('tags parts of other candidates and finishes every candidate, usage on the last', () => {
    const parts = decode([
      {
        candidates: [
          { content: { parts: [{ text: 'A' }] }, index: 0, finishReason: 'STOP' },
          { content: { parts: [{ text: 'B' }] }, index: 1, finishReason: 'MAX_TOKENS' },
        ],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, totalTokenCount: 3 },
      },
    ]);
    expect(parts).toContainEqual({ type: 'text-delta', id: 'text-1-0', delta: 'B', candidate: 1 });
    expect(parts.filter((part) => part.type === 'finish')).toEqual([
      { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' } },
      { type: 'finish', finishReason: { unified: 'length', raw: 'MAX_TOKENS' }, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, candidate: 1 },
    ]);
  });

  it('shows code execution parts as text', () => {
    const parts = decode([
      chunk([{ executableCode: { language: 'PYTHON', code: 'print(2 + 2)' } }, { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '4' } }], {}, { finishReason: 'STOP' }),
    ]);
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toBe('\n```python\nprint(2 + 2)\n```\n\nOutput (OUTCOME_OK):\n```\n4\n```\n');
  });

  it('finishes a blocked prompt with content-filter', () => {
    expect(decode([{ promptFeedback: { blockReason: 'SAFETY' } }]).at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'content-filter', raw: 'SAFETY' } });
  });

  it('closes open blocks and reports an in-band error chunk, then ignores the rest', () => {
    const decoder = geminiFormat.createStreamDecoder();
    const parts = [
      ...decoder.push({ data: JSON.stringify(chunk([{ text: 'partial' }])) }),
      ...decoder.push({ data: '{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}' }),
      ...decoder.push({ data: JSON.stringify(chunk([{ text: 'late' }])) }),
      ...decoder.flush(),
    ];
    assertLifecycle(parts);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', id: 'text-0-0' },
      { type: 'error', status: 429, message: 'Resource has been exhausted', code: 'upstream_error' },
    ]);
  });

  it('reports data that is not JSON as an error part instead of throwing', () => {
    const parts = decode(['{"candidates": [', chunk([{ text: 'x' }])]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', status: 502, code: 'upstream_stream_error' });
  });

  it('ends a stream closed before any finishReason with the 502 upstream_stream_error', () => {
    const parts = decode([chunk([{ text: 'half an ans' }])]);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', id: 'text-0-0' },
      { type: 'error', status: 502, code: 'upstream_stream_error', message: 'The upstream closed the stream before it finished.' },
    ]);
    expect(decode([])).toEqual([{ type: 'error', status: 502, code: 'upstream_stream_error', message: 'The upstream closed the stream before it finished.' }]);
  });

  it('emits nothing after the finish, not even on flush or [DONE]', () => {
    const decoder = geminiFormat.createStreamDecoder();
    decoder.push({ data: JSON.stringify(chunk([{ text: 'x' }], {}, { finishReason: 'STOP' })) });
    expect(decoder.push({ data: '[DONE]' })).toEqual([]);
    expect(decoder.push({ data: JSON.stringify({ usageMetadata: { promptTokenCount: 1 } }) })).toEqual([]);
    expect(decoder.flush()).toEqual([]);
  });
});
