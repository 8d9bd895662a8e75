import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../wire-format.js';
import { createSseParser, serializeSseEvent } from './sse-parser.js';

function parseAll(chunks: Array<string | Buffer>): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('createSseParser', () => {
  it('parses named and unnamed events, multi-line data and comments', () => {
    const events = parseAll(['event: message_start\ndata: {"a":1}\n\n: keep-alive\n\ndata: one\ndata: two\n\ndata: [DONE]\n\n']);
    expect(events).toEqual([{ event: 'message_start', data: '{"a":1}' }, { data: 'one\ntwo' }, { data: '[DONE]' }]);
  });

  it('handles events split at every byte, CRLF line ends and UTF-8 split across chunks', () => {
    const text = 'event: x\r\ndata: {"t":"héllo ✓"}\r\n\r\ndata: y\r\n\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(parseAll(chunks)).toEqual([{ event: 'x', data: '{"t":"héllo ✓"}' }, { data: 'y' }]);
  });

  it('delivers a final event that lacks the trailing blank line', () => {
    expect(parseAll(['data: last'])).toEqual([{ data: 'last' }]);
  });

  it('round-trips through serializeSseEvent', () => {
    const original: SseEvent[] = [{ event: 'a', data: '{"x":"1\\n2"}' }, { data: 'multi\nline' }];
    expect(parseAll([original.map(serializeSseEvent).join('')])).toEqual(original);
  });
});
