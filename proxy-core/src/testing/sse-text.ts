import type { FakeSseEvent } from './fake-upstream-types.js';

/** Serialises one event: an `event:` line when named, one `data:` line per payload line, then a blank line. */
export function formatSseEvent(event: FakeSseEvent): string {
  const data = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n');
  return event.event === undefined ? `${data}\n\n` : `event: ${event.event}\n${data}\n\n`;
}

/**
 * Parses a whole server-sent-events text (for assertions in tests): `event:` and `data:` fields, multi-line data
 * joined with `\n`, comments and other fields ignored, LF/CRLF/CR line ends, a last event without a blank line kept.
 */
export function parseSseText(text: string): FakeSseEvent[] {
  const events: FakeSseEvent[] = [];
  let eventName: string | undefined;
  let data: string[] = [];
  const dispatch = () => {
    if (data.length > 0) events.push(eventName === undefined ? { data: data.join('\n') } : { event: eventName, data: data.join('\n') });
    eventName = undefined;
    data = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      dispatch();
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
  }
  dispatch();
  return events;
}

/** A named SSE event whose data is the JSON of `payload` (Claude and Responses streams name every event). */
export function namedJsonEvent(name: string, payload: unknown): FakeSseEvent {
  return { event: name, data: JSON.stringify(payload) };
}

/** An unnamed SSE event whose data is the JSON of `payload` (chat completions, Gemini). */
export function jsonEvent(payload: unknown): FakeSseEvent {
  return { data: JSON.stringify(payload) };
}
