import { StringDecoder } from 'node:string_decoder';
import type { SseEvent } from '../wire-format.js';

export interface SseParser {
  /** Feed raw bytes; complete events are delivered to the callback. */
  push(chunk: Buffer | string): void;
  /** The stream ended: deliver a last event that had no trailing blank line. */
  end(): void;
}

export interface SseParserOptions {
  /**
   * Largest event, in characters (its data lines plus the line being read); a larger one is dropped without
   * being held whole. Default 64 Mi.
   */
  maxEventChars?: number;
  /** Told once per dropped event, with the size it had reached. */
  onOversized?(chars: number): void;
}

export const DEFAULT_MAX_SSE_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Incremental server-sent-events parser (WHATWG rules: `event:`/`data:` fields, multi-line data joined by
 * `\n`, comments ignored, CRLF/LF/CR line ends). Bytes may be split anywhere, including inside UTF-8.
 * Text without a line break is set aside, not rescanned, so a long line costs linear time; an event past
 * `maxEventChars` is dropped.
 */
export function createSseParser(onEvent: (event: SseEvent) => void, options: SseParserOptions = {}): SseParser {
  const maxEventChars = options.maxEventChars ?? DEFAULT_MAX_SSE_EVENT_CHARS;
  const decoder = new StringDecoder('utf8');
  /** Unconsumed text: at most one partial line (possibly ending in a CR that may start a CRLF). */
  let buffer = '';
  /** Text pushed after `buffer` that holds no line break. */
  const pending: string[] = [];
  let pendingChars = 0;
  let eventName: string | undefined;
  let data: string[] = [];
  let dataChars = 0;
  /** The current event is too large: its remaining lines are ignored until the blank line that ends it. */
  let skipping = false;
  /** The current line is too large: its text is dropped until the next line break. */
  let discardingLine = false;

  const dispatch = () => {
    if (!skipping && data.length > 0) onEvent(eventName === undefined ? { data: data.join('\n') } : { event: eventName, data: data.join('\n') });
    skipping = false;
    eventName = undefined;
    data = [];
    dataChars = 0;
  };

  const oversized = (chars: number) => {
    if (skipping) return;
    skipping = true;
    data = [];
    dataChars = 0;
    options.onOversized?.(chars);
  };

  const line = (text: string) => {
    if (text.length === 0) return dispatch();
    if (skipping || text.charCodeAt(0) === 58 /* : */) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      dataChars += value.length + 1;
      if (dataChars > maxEventChars) return oversized(dataChars);
      data.push(value);
    } else if (field === 'event') eventName = value;
  };

  // A line that grew too large becomes a comment (`:`), so its end is still found and the event is skipped.
  const discardLine = (chars: number) => {
    oversized(chars);
    discardingLine = true;
    buffer = ':';
    pending.length = 0;
    pendingChars = 0;
  };

  const consume = (final: boolean) => {
    let start = 0;
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (lf !== -1 && lf < start) lf = buffer.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
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
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      if (text.length === 0) return;
      if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1 && buffer.charCodeAt(buffer.length - 1) !== 13) {
        if (discardingLine) return;
        pending.push(text);
        pendingChars += text.length;
        if (buffer.length + pendingChars + dataChars > maxEventChars) discardLine(buffer.length + pendingChars + dataChars);
        return;
      }
      buffer = pending.length > 0 ? buffer + pending.join('') + text : buffer + text;
      pending.length = 0;
      pendingChars = 0;
      discardingLine = false;
      consume(false);
      if (buffer.length + dataChars > maxEventChars) discardLine(buffer.length + dataChars);
    },
    end() {
      buffer += pending.join('') + decoder.end();
      pending.length = 0;
      pendingChars = 0;
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
