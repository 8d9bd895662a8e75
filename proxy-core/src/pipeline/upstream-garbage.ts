import type { FormatEntry } from '../formats/format-registry.js';
import type { Usage } from '../ir/index.js';
import { ProxyError } from '../shared/errors.js';

/** SSE field names (WHATWG); a line starting with `:` is a comment. */
const SSE_LINE = /^(?::|data(?::|$)|event(?::|$)|id(?::|$)|retry(?::|$))/;

/**
 * A stream answer whose first bytes are not server-sent events (an HTML error page from a gateway, a JSON
 * body from an upstream that ignored `stream: true`, binary noise). Seen before our first byte, it is
 * answered like an upstream 502 — and another credential may still serve the request. Undefined = looks fine.
 */
export function detectNonEventStream(firstChunk: Buffer, contentType: string | undefined): { status: number; body: string } | undefined {
  const text = firstChunk.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.length > 0);
  // Only blank lines so far: nothing to judge yet.
  if (firstLine === undefined || SSE_LINE.test(firstLine)) return undefined;
  const type = contentType?.split(';')[0].trim() || 'no content-type';
  const message = `The upstream answered a stream request with something that is not an event stream (${type}, ${firstChunk.length} bytes in its first chunk).`;
  return { status: 502, body: JSON.stringify({ error: { message, type: 'upstream_error' } }) };
}

/**
 * Usage from a same-dialect non-stream answer, read with the one parse the passthrough does anyway. A body
 * that is not a JSON object (truncated, HTML, empty) is a 502 in the client's dialect, never a 200 the
 * client's SDK then fails to parse.
 */
export function usageOfPassthroughBody(format: FormatEntry, body: Buffer | undefined, contentType: string | undefined): Usage | undefined {
  let parsed: unknown;
  try {
    parsed = body && body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const type = contentType?.split(';')[0].trim() || 'no content-type';
    throw new ProxyError(
      `The upstream answered 200 with a body that is not a JSON object (${type}, ${body?.length ?? 0} bytes; truncated or not an API answer). Try again; if it persists, check the provider's base-url.`,
      { status: 502, code: 'upstream_error', scope: 'upstream', retryable: true },
    );
  }
  try {
    return format.usageFromBody(parsed);
  } catch {
    return undefined;
  }
}
