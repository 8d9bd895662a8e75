import { crc32 } from 'node:zlib';
import { PRELUDE_LENGTH } from './event-stream-decoder.js';

/**
 * Writes AWS event-stream messages (string headers, type 7) with correct prelude and message CRC32s —
 * what CodeWhisperer sends; used by the fake Kiro upstream and the tests. Layout: see event-stream-decoder.ts.
 */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Uint8Array | string): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + nameBytes.length + 3);
    head.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(head, 1);
    head.writeUInt8(7, 1 + nameBytes.length);
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    headerParts.push(head, valueBytes);
  }
  const headerBlock = Buffer.concat(headerParts);
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const total = PRELUDE_LENGTH + headerBlock.length + body.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBlock.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBlock.copy(message, PRELUDE_LENGTH);
  body.copy(message, PRELUDE_LENGTH + headerBlock.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** One Kiro event (`:message-type: event`, JSON payload). */
export function encodeKiroEvent(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(payload));
}

/** One Kiro exception message (`:message-type: exception`). */
export function encodeKiroException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}
