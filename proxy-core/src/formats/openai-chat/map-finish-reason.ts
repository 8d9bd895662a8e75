import type { FinishReason } from '../../ir/index.js';

/** Chat `finish_reason` → IR. The raw value is always kept. */
export function decodeFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return { unified: 'stop', raw };
    case 'length':
    // Gemini-backed servers (and the reference's Gemini → Chat translator) report `max_tokens`.
    case 'max_tokens':
      return { unified: 'length', raw };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw };
    case 'content_filter':
      return { unified: 'content-filter', raw };
    case 'error':
      return { unified: 'error', raw };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw };
  }
}

/**
 * IR → Chat `finish_reason`. Only Chat's own vocabulary is emitted (the raw value may come from another
 * vendor). A candidate that produced tool calls reports `tool_calls` unless it was cut short or filtered,
 * because Chat clients loop on `finish_reason === "tool_calls"`.
 */
export function encodeFinishReason(reason: FinishReason, hasToolCalls: boolean): string {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
