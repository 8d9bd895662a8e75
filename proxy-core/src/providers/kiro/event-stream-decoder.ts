import { crc32 } from 'node:zlib';

/**
 * AWS event-stream binary framing (application/vnd.amazon.eventstream), the transport of Kiro /
 * CodeWhisperer's `generateAssistantResponse` (stream and non-stream alike). One message is
 *
 *   [total length u32 BE][headers length u32 BE][prelude CRC32 u32 BE]  (12-byte prelude)
 *   [headers][payload][message CRC32 u32 BE]
 *
 * where the prelude CRC covers the first 8 bytes and the message CRC everything before it (IEEE CRC32).
 * A header is [name length u8][name][value type u8][value]; value types 0–9 per the AWS spec (7 = string
 * with a u16 BE length). Facts: the AWS event-stream spec (aws/aws-sdk-js-v3 packages/eventstream-codec,
 * `EventStreamCodec` / `HeaderMarshaller`), and the Kiro executor of the reference fork
 * (KooshaPari/cliproxyapi-plusplus pkg/llmproxy/executor/kiro_streaming.go, which reads `:event-type`,
 * `:message-type` and `:content-type`; it does not check CRCs, we do).
 */

export type EventStreamHeaderValue = string | number | bigint | boolean | Uint8Array | Date;

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

/** The stream is not valid AWS event-stream framing; `message` says where and what. */
export class EventStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStreamError';
  }
}

export const PRELUDE_LENGTH = 12;
const CHECKSUM_LENGTH = 4;
export const MINIMUM_MESSAGE_LENGTH = PRELUDE_LENGTH + CHECKSUM_LENGTH;
/** The spec's ceilings: a message ≤ 16 MiB, its headers ≤ 128 KiB. */
export const MAXIMUM_MESSAGE_LENGTH = 16 * 1024 * 1024;
export const MAXIMUM_HEADERS_LENGTH = 128 * 1024;

export interface EventStreamDecoder {
  /** Bytes in (any split), whole messages out. Throws `EventStreamError` on corrupt framing. */
  push(chunk: Uint8Array): EventStreamMessage[];
  /** The byte stream ended: throws when a message was cut off part-way. */
  end(): void;
}

const hex = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;

/** An incremental decoder: keeps the unfinished tail of the last chunk until the rest arrives. */
export function createEventStreamDecoder(): EventStreamDecoder {
  let buffered: Buffer = Buffer.alloc(0);
  let offset = 0; // bytes of the stream consumed so far, for error messages
  let failed: EventStreamError | undefined; // a corrupt frame behind messages already handed out

  const decodeOne = (frame: Buffer): EventStreamMessage => {
    const total = frame.readUInt32BE(0);
    const headersLength = frame.readUInt32BE(4);
    const preludeCrc = frame.readUInt32BE(8);
    const actualPrelude = crc32(frame.subarray(0, 8));
    if (actualPrelude !== preludeCrc) {
      throw new EventStreamError(`prelude CRC32 mismatch in the message at byte ${offset} (frame says ${hex(preludeCrc)}, bytes give ${hex(actualPrelude)}): the upstream sent a corrupt frame`);
    }
    const messageCrc = frame.readUInt32BE(total - CHECKSUM_LENGTH);
    const actualMessage = crc32(frame.subarray(0, total - CHECKSUM_LENGTH));
    if (actualMessage !== messageCrc) {
      throw new EventStreamError(`message CRC32 mismatch in the message at byte ${offset} (frame says ${hex(messageCrc)}, bytes give ${hex(actualMessage)}): the upstream sent a corrupt frame`);
    }
    const headersEnd = PRELUDE_LENGTH + headersLength;
    return { headers: decodeHeaders(frame.subarray(PRELUDE_LENGTH, headersEnd)), payload: new Uint8Array(frame.subarray(headersEnd, total - CHECKSUM_LENGTH)) };
  };

  return {
    push(chunk) {
      if (failed) throw failed;
      buffered = buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffered, chunk]);
      const messages: EventStreamMessage[] = [];
      try {
        readMessages(messages);
      } catch (error) {
        // Hand out the good messages before the corrupt one; the next call reports the corruption.
        if (!(error instanceof EventStreamError) || messages.length === 0) throw error;
        failed = error;
      }
      return messages;
    },
    end() {
      if (failed) throw failed;
      if (buffered.length > 0) {
        throw new EventStreamError(`the stream ended inside a message at byte ${offset} (${buffered.length} bytes of an unfinished frame)`);
      }
    },
  };

  function readMessages(messages: EventStreamMessage[]): void {
      while (buffered.length >= PRELUDE_LENGTH) {
        const total = buffered.readUInt32BE(0);
        const headersLength = buffered.readUInt32BE(4);
        if (total < MINIMUM_MESSAGE_LENGTH || total > MAXIMUM_MESSAGE_LENGTH) {
          // Check the prelude CRC first: a corrupt prelude explains a nonsense length better.
          if (crc32(buffered.subarray(0, 8)) !== buffered.readUInt32BE(8)) decodeOne(buffered);
          throw new EventStreamError(`a message at byte ${offset} claims ${total} bytes (allowed ${MINIMUM_MESSAGE_LENGTH}–${MAXIMUM_MESSAGE_LENGTH}): the stream is not AWS event-stream framing`);
        }
        if (headersLength > MAXIMUM_HEADERS_LENGTH || headersLength > total - MINIMUM_MESSAGE_LENGTH) {
          if (crc32(buffered.subarray(0, 8)) !== buffered.readUInt32BE(8)) decodeOne(buffered);
          throw new EventStreamError(`a message at byte ${offset} claims ${headersLength} bytes of headers in a ${total}-byte message: the stream is not AWS event-stream framing`);
        }
        if (buffered.length < total) break;
        messages.push(decodeOne(buffered.subarray(0, total)));
        buffered = buffered.subarray(total);
        offset += total;
      }
  }
}

/** Decodes the header block of one message (every value type of the spec, so unknown headers never break a stream). */
export function decodeHeaders(block: Buffer): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  const need = (bytes: number, what: string) => {
    if (at + bytes > block.length) throw new EventStreamError(`a header ${what} runs past the end of the header block (${block.length} bytes)`);
  };
  while (at < block.length) {
    need(1, 'name length');
    const nameLength = block.readUInt8(at);
    at += 1;
    need(nameLength + 1, 'name');
    const name = block.toString('utf8', at, at + nameLength);
    at += nameLength;
    const type = block.readUInt8(at);
    at += 1;
    switch (type) {
      case 0:
        headers[name] = true;
        break;
      case 1:
        headers[name] = false;
        break;
      case 2:
        need(1, `"${name}" value`);
        headers[name] = block.readInt8(at);
        at += 1;
        break;
      case 3:
        need(2, `"${name}" value`);
        headers[name] = block.readInt16BE(at);
        at += 2;
        break;
      case 4:
        need(4, `"${name}" value`);
        headers[name] = block.readInt32BE(at);
        at += 4;
        break;
      case 5:
        need(8, `"${name}" value`);
        headers[name] = block.readBigInt64BE(at);
        at += 8;
        break;
      case 6:
      case 7: {
        need(2, `"${name}" length`);
        const length = block.readUInt16BE(at);
        at += 2;
        need(length, `"${name}" value`);
        headers[name] = type === 7 ? block.toString('utf8', at, at + length) : new Uint8Array(block.subarray(at, at + length));
        at += length;
        break;
      }
      case 8:
        need(8, `"${name}" value`);
        headers[name] = new Date(Number(block.readBigInt64BE(at)));
        at += 8;
        break;
      case 9:
        need(16, `"${name}" value`);
        headers[name] = block.toString('hex', at, at + 16);
        at += 16;
        break;
      default:
        throw new EventStreamError(`header "${name}" has unknown value type ${type}`);
    }
  }
  return headers;
}

/** The same decoder as a Web `TransformStream` (bytes in, messages out); a corrupt frame errors the stream. */
export function createEventStreamTransform(): TransformStream<Uint8Array, EventStreamMessage> {
  const decoder = createEventStreamDecoder();
  return new TransformStream({
    transform(chunk, controller) {
      for (const message of decoder.push(chunk)) controller.enqueue(message);
    },
    flush() {
      decoder.end();
    },
  });
}
