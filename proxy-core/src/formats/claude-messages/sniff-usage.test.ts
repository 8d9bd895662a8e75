import { describe, expect, it } from 'vitest';
import { loadSse } from './__fixtures__/helpers.js';
import { createUsageSniffer } from './index.js';

describe('createUsageSniffer (passthrough path)', () => {
  it('reads input usage from message_start, totals from message_delta, and sees message_stop', () => {
    const sniffer = createUsageSniffer();
    const events = loadSse('stream-thinking-tool.sse');
    for (const event of events.slice(0, -1)) sniffer.push(event);
    expect(sniffer.sawTerminal()).toBe(false);
    sniffer.push(events.at(-1)!);
    expect(sniffer.sawTerminal()).toBe(true);
    expect(sniffer.usage()).toEqual({ inputTokens: 2520, outputTokens: 89, cachedInputTokens: 2048, cacheCreationTokens: 0 });
  });

  it('lets message_delta counters overwrite message_start ones (server tools re-count the input)', () => {
    const sniffer = createUsageSniffer();
    for (const event of loadSse('stream-web-search.sse')) sniffer.push(event);
    expect(sniffer.usage()).toEqual({ inputTokens: 10682, outputTokens: 510, cachedInputTokens: 0, cacheCreationTokens: 0 });
  });

  it('has no usage before any usage event and ignores events that are not JSON', () => {
    const sniffer = createUsageSniffer();
    sniffer.push({ event: 'ping', data: '{"type":"ping"}' });
    sniffer.push({ event: 'message_delta', data: '{"usage": broken' });
    expect(sniffer.usage()).toBeUndefined();
    sniffer.push({ data: '{"type":"message_stop"}' });
    expect(sniffer.sawTerminal()).toBe(true);
  });
});
