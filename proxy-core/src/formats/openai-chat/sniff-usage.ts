/**
 * Usage on the passthrough path (Chat client → Chat upstream, bytes untouched): read token counts without
 * decoding the stream. Only events whose text contains `"usage"` are parsed.
 */
import type { Usage } from '../../ir/index.js';
import type { SseEvent, UsageSniffer } from '../wire-format.js';
import { isRecord } from './chat-extras.js';
import { decodeUsage } from './map-usage.js';
import { chatUsageSchema } from './upstream-schema.js';

function usageOf(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const parsed = chatUsageSchema.safeParse(value);
  return parsed.success ? decodeUsage(parsed.data) : undefined;
}

export function createUsageSniffer(): UsageSniffer {
  let usage: Usage | undefined;
  let terminal = false;
  return {
    push(event: SseEvent) {
      if (event.data.length < 16 && event.data.trim() === '[DONE]') {
        terminal = true;
        return;
      }
      if (!event.data.includes('"usage"')) return;
      try {
        const json: unknown = JSON.parse(event.data);
        if (isRecord(json)) usage = usageOf(json.usage) ?? usage;
      } catch {
        // Not JSON: nothing to count; the decoder or the client reports it.
      }
    },
    usage: () => usage,
    sawTerminal: () => terminal,
  };
}

/** Usage of a non-stream Chat Completions body. */
export function usageFromBody(body: unknown): Usage | undefined {
  return isRecord(body) ? usageOf(body.usage) : undefined;
}
