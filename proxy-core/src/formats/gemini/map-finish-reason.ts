/**
 * Gemini `finishReason` ↔ IR (inventory §2.18). A turn that called a function ends with `tool-calls`
 * whatever Gemini said (it says STOP), unless it was cut by a filter or failed.
 */
import type { FinishReason, UnifiedFinishReason } from '../../ir/index.js';

const UNIFIED: Record<string, UnifiedFinishReason> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  IMAGE_SAFETY: 'content-filter',
  IMAGE_PROHIBITED_CONTENT: 'content-filter',
  IMAGE_RECITATION: 'content-filter',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  MISSING_THOUGHT_SIGNATURE: 'error',
  MALFORMED_RESPONSE: 'error',
  LANGUAGE: 'other',
  OTHER: 'other',
  IMAGE_OTHER: 'other',
  NO_IMAGE: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
  CONTINUATION: 'other',
};

/** `raw` absent means the turn ended without saying why (usually a clean stop). */
export function decodeFinishReason(raw: string | null | undefined, calledTool: boolean): FinishReason {
  const unified = raw ? (UNIFIED[raw.toUpperCase()] ?? 'other') : 'stop';
  const result: UnifiedFinishReason = calledTool && (unified === 'stop' || unified === 'length' || unified === 'other') ? 'tool-calls' : unified;
  return raw ? { unified: result, raw } : { unified: result };
}

const ENCODED: Record<UnifiedFinishReason, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  'tool-calls': 'STOP',
  'content-filter': 'SAFETY',
  error: 'OTHER',
  other: 'OTHER',
};

/** The Gemini value for an IR finish reason: Gemini's own raw value when it came from Gemini. */
export function encodeFinishReason(reason: FinishReason): string {
  if (reason.raw && UNIFIED[reason.raw] !== undefined && reason.raw !== 'FINISH_REASON_UNSPECIFIED') return reason.raw;
  return ENCODED[reason.unified];
}
