import { describe, expect, it } from 'vitest';
import { loadChunks, loadJson } from './__fixtures__/helpers.js';
import { createUsageSniffer, usageFromBody } from './sniff-usage.js';

describe('usage sniffer (passthrough path)', () => {
  it('reads the usage-only chunk and the [DONE] terminal of a real stream', () => {
    const sniffer = createUsageSniffer();
    const events = loadChunks('stream-openai-tool-calls.chunks.txt');
    for (const event of events.slice(0, -1)) sniffer.push(event);
    expect(sniffer.sawTerminal()).toBe(false);
    expect(sniffer.usage()).toEqual({ inputTokens: 82, outputTokens: 40, totalTokens: 122, cachedInputTokens: 64, reasoningTokens: 0 });
    sniffer.push(events.at(-1)!);
    expect(sniffer.sawTerminal()).toBe(true);
  });

  it('keeps the last real usage when chunks carry `"usage": null`, and ignores garbage', () => {
    const sniffer = createUsageSniffer();
    sniffer.push({ data: '{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}' });
    sniffer.push({ data: '{"choices":[{"delta":{"content":"x"}}],"usage":null}' });
    sniffer.push({ data: '{"usage": broken' });
    expect(sniffer.usage()).toEqual({ inputTokens: 3, outputTokens: 1, totalTokens: 4 });
  });

  it('reads usage from a non-stream body', () => {
    expect(usageFromBody(loadJson('response-reasoning.json'))).toEqual({
      inputTokens: 16,
      outputTokens: 120,
      totalTokens: 136,
      cachedInputTokens: 0,
      reasoningTokens: 100,
    });
    expect(usageFromBody({ choices: [] })).toBeUndefined();
  });
});
