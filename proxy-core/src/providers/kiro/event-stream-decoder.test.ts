import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { createEventStreamDecoder, createEventStreamTransform, EventStreamError, type EventStreamMessage } from './event-stream-decoder.js';
import { encodeEventStreamMessage, encodeKiroEvent } from './event-stream-encoder.js';

const text = (message: EventStreamMessage) => Buffer.from(message.payload).toString('utf8');

describe('AWS event-stream decoder', () => {
  it('uses the IEEE CRC32 the spec names', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('reads the reference frame layout: 12-byte prelude, 92 bytes of three string headers, payload, CRC', () => {
    const frame = encodeKiroEvent('assistantResponseEvent', { content: 'Hello' });
    expect(frame.length).toBe(127);
    expect(frame.readUInt32BE(0)).toBe(127);
    expect(frame.readUInt32BE(4)).toBe(92);
    const [message] = createEventStreamDecoder().push(frame);
    expect(message!.headers).toEqual({ ':event-type': 'assistantResponseEvent', ':content-type': 'application/json', ':message-type': 'event' });
    expect(text(message!)).toBe('{"content":"Hello"}');
  });

  it('reassembles a frame split at every byte boundary', () => {
    const frame = encodeKiroEvent('toolUseEvent', { toolUseId: 't1', name: 'get_weather', input: '{"city":' });
    for (let cut = 1; cut < frame.length; cut++) {
      const decoder = createEventStreamDecoder();
      expect(decoder.push(frame.subarray(0, cut))).toEqual([]);
      const messages = decoder.push(frame.subarray(cut));
      expect(messages.map(text)).toEqual(['{"toolUseId":"t1","name":"get_weather","input":"{\\"city\\":"}']);
      decoder.end();
    }
  });

  it('splits concatenated frames, one byte at a time or all at once', () => {
    const stream = Buffer.concat([encodeKiroEvent('assistantResponseEvent', { content: 'Hel' }), encodeKiroEvent('assistantResponseEvent', { content: 'lo' }), encodeKiroEvent('messageStopEvent', { stopReason: 'end_turn' })]);
    const whole = createEventStreamDecoder().push(stream);
    expect(whole.map((message) => message.headers[':event-type'])).toEqual(['assistantResponseEvent', 'assistantResponseEvent', 'messageStopEvent']);
    const decoder = createEventStreamDecoder();
    const trickled = [...stream].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(trickled.map(text)).toEqual(['{"content":"Hel"}', '{"content":"lo"}', '{"stopReason":"end_turn"}']);
  });

  it('refuses a frame whose prelude CRC is wrong, naming the byte offset', () => {
    const good = encodeKiroEvent('assistantResponseEvent', { content: 'a' });
    const bad = Buffer.from(encodeKiroEvent('assistantResponseEvent', { content: 'b' }));
    bad.writeUInt32BE((bad.readUInt32BE(8) ^ 1) >>> 0, 8);
    const decoder = createEventStreamDecoder();
    // The good message before the corrupt one is still delivered; the corruption surfaces on the next call.
    expect(decoder.push(Buffer.concat([good, bad])).map(text)).toEqual(['{"content":"a"}']);
    expect(() => decoder.end()).toThrow(EventStreamError);
    expect(() => createEventStreamDecoder().push(bad)).toThrow(/^prelude CRC32 mismatch in the message at byte 0 /);
    expect(() => decoder.push(Buffer.alloc(0))).toThrow(new RegExp(`^prelude CRC32 mismatch in the message at byte ${good.length} `));
  });

  it('refuses a frame whose message CRC is wrong (a flipped payload byte)', () => {
    const bad = Buffer.from(encodeKiroEvent('assistantResponseEvent', { content: 'Hello' }));
    bad[bad.length - 6] ^= 0x20;
    expect(() => createEventStreamDecoder().push(bad)).toThrow(/^message CRC32 mismatch in the message at byte 0 \(frame says 0x[0-9a-f]{8}, bytes give 0x[0-9a-f]{8}\): the upstream sent a corrupt frame$/);
  });

  it('refuses a stream that is not event-stream framing (an HTML error page)', () => {
    expect(() => createEventStreamDecoder().push(Buffer.from('<html><body>502 Bad Gateway</body></html>'))).toThrow(/prelude CRC32 mismatch|not AWS event-stream framing/);
  });

  it('says so when the stream ends inside a frame', () => {
    const decoder = createEventStreamDecoder();
    const frame = encodeKiroEvent('assistantResponseEvent', { content: 'Hello' });
    decoder.push(frame.subarray(0, 50));
    expect(() => decoder.end()).toThrow('the stream ended inside a message at byte 0 (50 bytes of an unfinished frame)');
  });

  it('reads every header value type of the spec', () => {
    const block = Buffer.concat([
      Buffer.from([1, 0x61, 0]),
      Buffer.from([1, 0x62, 1]),
      Buffer.from([1, 0x63, 2, 0xff]),
      Buffer.from([1, 0x64, 3, 0x01, 0x00]),
      Buffer.from([1, 0x65, 4, 0, 0, 0x01, 0x00]),
      Buffer.from([1, 0x66, 5, 0, 0, 0, 0, 0, 0, 0, 7]),
      Buffer.from([1, 0x67, 6, 0, 2, 9, 8]),
      Buffer.from([1, 0x68, 8, 0, 0, 0, 0, 0, 0, 0x03, 0xe8]),
      Buffer.from([1, 0x69, 9, ...Array.from({ length: 16 }, (_, index) => index)]),
    ]);
    const frame = Buffer.alloc(12 + block.length + 4);
    frame.writeUInt32BE(frame.length, 0);
    frame.writeUInt32BE(block.length, 4);
    frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
    block.copy(frame, 12);
    frame.writeUInt32BE(crc32(frame.subarray(0, frame.length - 4)), frame.length - 4);
    const [message] = createEventStreamDecoder().push(frame);
    expect(message!.headers).toEqual({ a: true, b: false, c: -1, d: 256, e: 256, f: 7n, g: Uint8Array.of(9, 8), h: new Date(1000), i: '000102030405060708090a0b0c0d0e0f' });
    expect(message!.payload.length).toBe(0);
  });

  it('works as a Web TransformStream over arbitrary chunks', async () => {
    const bytes = Buffer.concat([encodeEventStreamMessage({ ':event-type': 'x' }, 'one'), encodeEventStreamMessage({ ':event-type': 'y' }, 'two')]);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)];
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const seen: string[] = [];
    for await (const message of source.pipeThrough(createEventStreamTransform())) seen.push(`${String(message.headers[':event-type'])}=${text(message)}`);
    expect(seen).toEqual(['x=one', 'y=two']);
  });
});
