export interface SseMessage {
  data: string;
  id?: string;
  event?: string;
}

/**
 * Reads `text/event-stream` from a fetch body and calls `onMessage` per event (comments and keep-alives are
 * skipped). Resolves when the stream ends; rejects when reading fails (including an abort).
 */
export async function readSseStream(body: ReadableStream<Uint8Array>, onMessage: (message: SseMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replace(/\r\n?/g, '\n');
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const message = parseSseBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (message) onMessage(message);
        boundary = buffer.indexOf('\n\n');
      }
      if (done) {
        const last = parseSseBlock(buffer);
        if (last) onMessage(last);
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** One event block (lines up to a blank line); undefined for comment-only blocks. */
export function parseSseBlock(block: string): SseMessage | undefined {
  const data: string[] = [];
  let id: string | undefined;
  let event: string | undefined;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'event') event = value;
  }
  if (data.length === 0) return undefined;
  return { data: data.join('\n'), id, event };
}
