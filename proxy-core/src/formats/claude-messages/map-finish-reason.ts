import type { FinishReason } from '../../ir/index.js';

/** Claude `stop_reason` → IR. The raw value is always kept. */
export function decodeFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      // pause_turn (a server tool paused the turn) and anything newer.
      return { unified: 'other', raw };
  }
}

const CLAUDE_STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded'];

/**
 * IR → Claude `stop_reason`, in Claude's vocabulary only. A turn that produced `tool_use` blocks reports
 * `tool_use` unless it was cut short, refused or paused (Claude clients run tools on `tool_use`); `tool_use`
 * without any block becomes `end_turn` (the reference's rule). Claude's own raw values survive a round trip.
 */
export function encodeFinishReason(reason: FinishReason, hasToolUse: boolean): string {
  switch (reason.unified) {
    case 'length':
      return reason.raw === 'model_context_window_exceeded' ? reason.raw : 'max_tokens';
    case 'content-filter':
      return 'refusal';
    case 'stop':
      if (hasToolUse) return 'tool_use';
      return reason.raw === 'stop_sequence' ? 'stop_sequence' : 'end_turn';
    case 'tool-calls':
      return hasToolUse ? 'tool_use' : 'end_turn';
    default:
      if (reason.raw === 'pause_turn') return 'pause_turn';
      if (hasToolUse) return 'tool_use';
      return reason.raw !== undefined && CLAUDE_STOP_REASONS.includes(reason.raw) ? reason.raw : 'end_turn';
  }
}
