import { describe, expect, it } from 'vitest';
import { formatSseEvent, parseSseText } from './sse-text.js';

describe('parseSseText', () => {
  it('reads named and unnamed events, multi-line data, comments, CRLF and a last event without a blank line', () => {
    const text = ': keep-alive\r\nevent: message_start\r\ndata: {"a":1}\r\n\r\ndata: line one\ndata: line two\nid: 7\n\ndata:no-space\n\ndata: [DONE]';
    expect(parseSseText(text)).toEqual([
      { event: 'message_start', data: '{"a":1}' },
      { data: 'line one\nline two' },
      { data: 'no-space' },
      { data: '[DONE]' },
    ]);
  });

  it('round-trips what the fake writes, including data with line breaks', () => {
    const events = [{ event: 'ping', data: '{}' }, { data: 'first\nsecond' }];
    expect(formatSseEvent(events[1])).toBe('data: first\ndata: second\n\n');
    expect(parseSseText(events.map(formatSseEvent).join(''))).toEqual(events);
  });
});
