import type { FormatEntry } from '../formats/format-registry.js';
import { createSseParser, DEFAULT_MAX_SSE_EVENT_CHARS } from '../formats/shared/sse-parser.js';
import type { EncodeContext, SseEvent } from '../formats/wire-format.js';
import type { IrResponse, StreamPart, Usage } from '../ir/index.js';
import type { ToolNameRestorer } from './restore-tool-names.js';

export interface StreamTranslation {
  /** Upstream bytes in, client events out (possibly none). */
  push(chunk: Buffer): SseEvent[];
  /** The upstream ended (`broken` when it broke): close everything still open. */
  end(broken?: Error): SseEvent[];
  readonly usage: Usage | undefined;
  /** The first in-band error, if any. */
  readonly error: { status: number; message: string } | undefined;
  /** Text and reasoning produced, for a token estimate when the upstream reports no usage. */
  readonly outputText: string;
}

/**
 * The cross-format stream path, free of I/O: upstream SSE → the upstream format's decoder → IR parts
 * (tool names restored) → the client format's encoder → client events.
 */
export function createStreamTranslation(upstream: FormatEntry, client: FormatEntry, context: EncodeContext, restorer: ToolNameRestorer): StreamTranslation {
  const decoder = upstream.wire.createStreamDecoder();
  const encoder = client.wire.createStreamEncoder(context);
  let usage: Usage | undefined;
  let error: { status: number; message: string } | undefined;
  let outputText = '';
  let out: SseEvent[] = [];

  const accept = (parts: StreamPart[]) => {
    for (const decoded of parts) {
      const part = restorer.part(decoded);
      if (part.type === 'usage') usage = part.usage;
      else if (part.type === 'finish' && part.usage) usage = part.usage;
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') outputText += part.delta;
      else if (part.type === 'error' && !error) error = { status: part.status, message: part.message };
      for (const event of encoder.push(part)) out.push(event);
    }
  };
  // One event too large to hold is dropped, and the client is told in band rather than getting a silent gap.
  const parser = createSseParser((event) => accept(decoder.push(event)), {
    onOversized: () => accept([{ type: 'error', status: 502, code: 'upstream_stream_error', message: `The upstream sent one stream event larger than ${DEFAULT_MAX_SSE_EVENT_CHARS / (1024 * 1024)} Mi characters; it was dropped.` }]),
  });
  const take = () => {
    const events = out;
    out = [];
    return events;
  };

  return {
    push(chunk) {
      parser.push(chunk);
      return take();
    },
    end(broken) {
      parser.end();
      if (broken) accept([{ type: 'error', status: 502, code: 'upstream_stream_error', message: `The upstream stream broke: ${broken.message}` }]);
      else accept(decoder.flush());
      for (const event of encoder.flush()) out.push(event);
      return take();
    },
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    get outputText() {
      return outputText;
    },
  };
}

/** The cross-format non-stream path: upstream body → IR (tool names restored) → the client's body. */
export function translateBody(upstream: FormatEntry, client: FormatEntry, body: unknown, context: EncodeContext, restorer: ToolNameRestorer): { body: unknown; response: IrResponse } {
  const response = restorer.response(upstream.wire.decodeResponse(body));
  return { body: client.wire.encodeResponse(response, context), response };
}
