import { describe, expect, it } from 'vitest';
import { loadChunks } from './__fixtures__/helpers.js';
import { createUsageSniffer, usageFromBody } from './index.js';

describe('Gemini usage sniffer (passthrough path)', () => {
  it('keeps the last running total and sees the end at the chunk with a finishReason', () => {
    const sniffer = createUsageSniffer();
    const events = loadChunks('stream-thoughts-text.chunks.txt');
    for (const event of events.slice(0, -1)) sniffer.push(event);
    expect(sniffer.usage()).toEqual({ inputTokens: 12, outputTokens: 0, totalTokens: 12 });
    expect(sniffer.sawTerminal()).toBe(false);
    sniffer.push(events.at(-1)!);
    expect(sniffer.usage()).toEqual({ inputTokens: 12, outputTokens: 7, cachedInputTokens: 4, reasoningTokens: 5, totalTokens: 19 });
    expect(sniffer.sawTerminal()).toBe(true);
  });

  it('reads Gemini CLI envelopes, ignores junk and counts a blocked prompt as the end', () => {
    const sniffer = createUsageSniffer();
    sniffer.push({ data: 'not json "usageMetadata"' });
    sniffer.push({ data: '{"response":{"candidates":[],"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":4,"totalTokenCount":4}}}' });
    expect(sniffer.usage()).toEqual({ inputTokens: 4, outputTokens: 0, totalTokens: 4 });
    expect(sniffer.sawTerminal()).toBe(true);
  });

  it('reads usage from a body, an envelope, or a JSON-array stream body', () => {
    const usageMetadata = { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 };
    const expected = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    expect(usageFromBody({ candidates: [], usageMetadata })).toEqual(expected);
    expect(usageFromBody({ response: { usageMetadata } })).toEqual(expected);
    expect(usageFromBody([{ usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } }, { usageMetadata }])).toEqual(expected);
    expect(usageFromBody({ candidates: [] })).toBeUndefined();
  });
});
