import type { FinishReason } from '../../ir/index.js';

/** A finished Responses answer → finish reason (`incomplete_details.reason` says why it stopped early). */
export function decodeFinishReason(status: string | null | undefined, incompleteReason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (status === 'incomplete') {
    if (incompleteReason === 'max_output_tokens' || incompleteReason === 'max_tokens') return { unified: 'length', raw: incompleteReason };
    if (incompleteReason === 'content_filter') return { unified: 'content-filter', raw: incompleteReason };
    return { unified: 'other', raw: incompleteReason ?? 'incomplete' };
  }
  if (status === 'failed') return { unified: 'error', raw: 'failed' };
  return hasToolCalls ? { unified: 'tool-calls', raw: status ?? 'completed' } : { unified: 'stop', raw: status ?? 'completed' };
}

/** Finish reason → `{status, incomplete_details}` of a Responses answer. */
export function encodeFinishReason(reason: FinishReason | undefined): { status: 'completed' | 'incomplete'; incompleteDetails: { reason: string } | null } {
  if (reason?.unified === 'length') return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
  if (reason?.unified === 'content-filter') return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
  return { status: 'completed', incompleteDetails: null };
}
