/**
 * Usage on the passthrough path (Claude client → Claude upstream, bytes untouched): token counts without
 * decoding the stream. Only events whose text contains `"usage"` are parsed: `message_start` carries the
 * input side, `message_delta` the cumulative totals (its non-null counters overwrite). `message_stop` is the
 * terminal event.
 */
import type { Usage } from '../../ir/index.js';
import type { SseEvent, UsageSniffer } from '../wire-format.js';
import { isRecord } from './claude-extras.js';
import { decodeUsage } from './map-usage.js';
import { claudeUsageSchema, type ClaudeUsageWire } from './upstream-schema.js';

function usageWire(value: unknown): ClaudeUsageWire | undefined {
  if (!isRecord(value)) return undefined;
  const parsed = claudeUsageSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function createUsageSniffer(): UsageSniffer {
  const merged: Record<string, unknown> = {};
  let seen = false;
  let terminal = false;
  return {
    push(event: SseEvent) {
      if (event.event === 'message_stop' || (event.event === undefined && event.data.includes('"message_stop"'))) {
        terminal = true;
        return;
      }
      if (!event.data.includes('"usage"')) return;
      try {
        const json: unknown = JSON.parse(event.data);
        if (!isRecord(json)) return;
        const wire = usageWire(json.type === 'message_start' && isRecord(json.message) ? json.message.usage : json.usage);
        if (!wire) return;
        seen = true;
        for (const [key, value] of Object.entries(wire)) if (value !== null && value !== undefined) merged[key] = value;
      } catch {
        // Not JSON: nothing to count; the client sees the event as it is.
      }
    },
    usage: () => (seen ? decodeUsage(merged as ClaudeUsageWire) : undefined),
    sawTerminal: () => terminal,
  };
}

/** Usage of a non-stream Messages body. */
export function usageFromBody(body: unknown): Usage | undefined {
  return isRecord(body) ? decodeUsage(usageWire(body.usage)) : undefined;
}
