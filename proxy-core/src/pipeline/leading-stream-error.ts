import type { FormatId } from '../ir/index.js';
import { createSseParser } from '../formats/shared/sse-parser.js';

const CLAUDE_STATUS: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  api_error: 500,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  invalid_request_error: 400,
  request_too_large: 413,
};

/** Responses events that come before any output (Codex adds its own): an error may still follow them. */
const RESPONSES_PREAMBLE = new Set(['response.created', 'response.in_progress', 'response.queued', 'codex.rate_limits', 'codex.response.metadata']);

/** True when every complete event in `chunk` is preamble, so reading on may still find an error. */
export function onlyPreamble(format: FormatId, chunk: Buffer): boolean {
  if (format !== 'openai-responses') return false;
  // An incomplete trailing event is not seen here; the next chunk completes it.
  let preamble = true;
  const parser = createSseParser((event) => {
    if (!RESPONSES_PREAMBLE.has(eventType(event))) preamble = false;
  });
  parser.push(chunk);
  return preamble;
}

function eventType(event: { event?: string; data: string }): string {
  if (event.event) return event.event;
  const match = /"type"\s*:\s*"([^"]+)"/.exec(event.data);
  return match?.[1] ?? '';
}

/**
 * Some upstreams answer 200 and then send an error as the first event (Claude's `event: error`
 * overloaded_error, a Responses `error`/`response.failed`). Seen in the first chunk, it is still before
 * our first byte, so it is treated like an HTTP error and can fail over.
 */
export function detectLeadingStreamError(format: FormatId, firstChunk: Buffer): { status: number; body: string } | undefined {
  if (firstChunk.indexOf('error') === -1) return undefined;
  let first: { event?: string; data: string } | undefined;
  const parser = createSseParser((event) => {
    if (!first && !(format === 'openai-responses' && RESPONSES_PREAMBLE.has(eventType(event)))) first = event;
  });
  parser.push(firstChunk);
  if (!first) return undefined;
  try {
    const payload = JSON.parse(first.data) as Record<string, unknown>;
    const error = payload.error as Record<string, unknown> | undefined;
    if (format === 'claude-messages' && (first.event === 'error' || payload.type === 'error')) {
      return { status: CLAUDE_STATUS[String(error?.type)] ?? 502, body: first.data };
    }
    if (format === 'openai-responses' && (payload.type === 'error' || payload.type === 'response.failed')) {
      const code = String(payload.code ?? (payload.response as Record<string, unknown> | undefined)?.error ?? '');
      return { status: /rate_limit|usage_limit|quota/.test(code) ? 429 : 502, body: first.data };
    }
    if ((format === 'openai-chat' || format === 'gemini') && error && typeof error === 'object') {
      const code = Number(error.code);
      return { status: Number.isInteger(code) && code >= 400 ? code : 502, body: first.data };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
