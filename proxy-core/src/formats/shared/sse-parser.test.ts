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

  it('joins a long line that arrives in many chunks without a line break', () => {
    const pieces = Array.from({ length: 500 }, (_, index) => `${index % 10}`.repeat(100));
    expect(parseAll(['data: ', ...pieces, '\r', '\n\r\ndata: next\n\n'])).toEqual([{ data: pieces.join('') }, { data: 'next' }]);
  });

  it('drops an event larger than maxEventChars without holding it, says so once, and goes on with the next event', () => {
    const events: SseEvent[] = [];
    const oversized: number[] = [];
    const parser = createSseParser((event) => events.push(event), { maxEventChars: 100, onOversized: (chars) => oversized.push(chars) });
    parser.push('data: small\n\nevent: big\ndata: ');
    for (let index = 0; index < 50; index++) parser.push('x'.repeat(10));
    parser.push('\ndata: still the big event\n\ndata: after\n\n');
    // Many data lines add up too.
    parser.push(`${'data: 0123456789\n'.repeat(12)}\ndata: last\n\n`);
    parser.end();
    expect(events).toEqual([{ data: 'small' }, { data: 'after' }, { data: 'last' }]);
    expect(oversized).toHaveLength(2);
    expect(oversized[0]).toBeGreaterThan(100);
    expect(oversized[1]).toBeGreaterThan(100);
  });

  it('delivers a final event that lacks the trailing blank line', () => {
    expect(parseAll(['data: last'])).toEqual([{ data: 'last' }]);
  });

  it('round-trips through serializeSseEvent', () => {
    const original: SseEvent[] = [{ event: 'a', data: '{"x":"1\\n2"}' }, { data: 'multi\nline' }];
    expect(parseAll([original.map(serializeSseEvent).join('')])).toEqual(original);
  });
});
