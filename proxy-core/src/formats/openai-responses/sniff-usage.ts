/**
 * Usage on the passthrough path (Responses client → Responses upstream, bytes untouched): only the
 * terminal events carry usage, so only events whose text names one are parsed.
 */
import type { Usage } from '../../ir/index.js';
import type { SseEvent, UsageSniffer } from '../wire-format.js';
import { decodeUsage } from './map-usage.js';
import { isRecord } from './responses-extras.js';
import { parseLenient, usageSchema } from './schema.js';

const TERMINAL = /"type"\s*:\s*"(response\.(?:completed|incomplete|failed|done)|error)"/;

function usageOf(value: unknown): Usage | undefined {
  const parsed = isRecord(value) ? parseLenient(usageSchema, value) : undefined;
  return parsed ? decodeUsage(parsed) : undefined;
}

export function createUsageSniffer(): UsageSniffer {
  let usage: Usage | undefined;
  let terminal = false;
  return {
    push(event: SseEvent) {
      const named = event.event !== undefined && TERMINAL.test(`"type":"${event.event}"`);
      if (!named && !TERMINAL.test(event.data)) return;
      terminal = true;
      if (!event.data.includes('"usage"')) return;
      try {
        const json: unknown = JSON.parse(event.data);
        if (isRecord(json) && isRecord(json.response)) usage = usageOf(json.response.usage) ?? usage;
      } catch {
        // Not JSON: nothing to count.
      }
    },
    usage: () => usage,
    sawTerminal: () => terminal,
  };
}

/** Usage of a non-stream Responses body. */
export function usageFromBody(body: unknown): Usage | undefined {
  if (!isRecord(body)) return undefined;
  return usageOf(body.usage) ?? (isRecord(body.response) ? usageOf(body.response.usage) : undefined);
}
