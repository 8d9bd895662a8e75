/**
 * Usage on the passthrough path (Gemini client → Gemini upstream, bytes untouched): token counts and the
 * end of the stream without decoding it. Only events that mention `usageMetadata` or `finishReason` are
 * parsed. Gemini's `usageMetadata` is a running total, so the last one wins; the chunk with a
 * `finishReason` is the end (Gemini has no terminal event).
 */
import type { Usage } from '../../ir/index.js';
import type { SseEvent, UsageSniffer } from '../wire-format.js';
import { unwrapResponse } from './decode-response.js';
import { isRecord } from './gemini-extras.js';
import { decodeUsage } from './map-usage.js';

function finished(response: Record<string, unknown>): boolean {
  const candidates = Array.isArray(response.candidates) ? response.candidates : [];
  if (candidates.some((candidate) => isRecord(candidate) && typeof candidate.finishReason === 'string' && candidate.finishReason !== '')) return true;
  return candidates.length === 0 && isRecord(response.promptFeedback) && typeof response.promptFeedback.blockReason === 'string';
}

export function createUsageSniffer(): UsageSniffer {
  let usage: Usage | undefined;
  let terminal = false;
  return {
    push(event: SseEvent) {
      const data = event.data;
      if (!data.includes('"usageMetadata"') && !data.includes('"finishReason"') && !data.includes('"blockReason"')) return;
      try {
        const response = unwrapResponse(JSON.parse(data));
        if (!isRecord(response)) return;
        usage = decodeUsage(response.usageMetadata) ?? usage;
        if (finished(response)) terminal = true;
      } catch {
        // Not JSON: nothing to count; the client sees the bytes as they are.
      }
    },
    usage: () => usage,
    sawTerminal: () => terminal,
  };
}

/** Usage of a non-stream body (also a JSON-array stream body: the last usage wins). */
export function usageFromBody(body: unknown): Usage | undefined {
  if (Array.isArray(body)) {
    let usage: Usage | undefined;
    for (const item of body) usage = usageFromBody(item) ?? usage;
    return usage;
  }
  const response = unwrapResponse(body);
  return isRecord(response) ? decodeUsage(response.usageMetadata) : undefined;
}
