import { StringDecoder } from 'node:string_decoder';
import type { SseEvent } from '../wire-format.js';

export interface SseParser {
  /** Feed raw bytes; complete events are delivered to the callback. */
  push(chunk: Buffer | string): void;
  /** The stream ended: deliver a last event that had no trailing blank line. */
  end(): void;
}

/**
 * Incremental server-sent-events parser (WHATWG rules: `event:`/`data:` fields, multi-line data joined by
 * `\n`, comments ignored, CRLF/LF/CR line ends). Bytes may be split anywhere, including inside UTF-8.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let eventName: string | undefined;
  let data: string[] = [];

  const dispatch = () => {
    if (data.length > 0) onEvent(eventName === undefined ? { data: data.join('\n') } : { event: eventName, data: data.join('\n') });
    eventName = undefined;
    data = [];
  };

  const line = (text: string) => {
    if (text.length === 0) return dispatch();
    if (text.charCodeAt(0) === 58 /* : */) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
  };

  const consume = (final: boolean) => {
    let start = 0;
    for (;;) {
      const lf = buffer.indexOf('\n', start);
      const cr = buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr === buffer.length - 1 && !final) break; // might be CRLF split across chunks
        end = cr;
        next = buffer.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      line(buffer.slice(start, end));
      start = next;
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
  };

  return {
    push(chunk) {
      buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      consume(false);
    },
    end() {
      buffer += decoder.end();
      consume(true);
      if (buffer.length > 0) line(buffer);
      buffer = '';
      dispatch();
    },
  };
}

/** Serialises one event (`event:` line when named, one `data:` line per payload line, blank line). */
export function serializeSseEvent(event: SseEvent): string {
  const data = event.data.includes('\n') ? event.data.split('\n').map((piece) => `data: ${piece}`).join('\n') : `data: ${event.data}`;
  return event.event ? `event: ${event.event}\n${data}\n\n` : `${data}\n\n`;
}
