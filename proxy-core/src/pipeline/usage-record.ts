import type { FormatId, Usage } from '../ir/index.js';
import type { UsageRecord } from '../observability/index.js';

/** One finished client request, as the usage store and metrics see it. Never holds a secret. */
export type RequestRecord = UsageRecord & { clientFormat: FormatId; attempts: number };

/** Rough tokens for text (4 characters a token), used only when the upstream reports no usage. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

/** Usage to record: the upstream's numbers, or an estimate flagged as such (the seed's "usage stays 0" row). */
export function resolveUsage(usage: Usage | undefined, requestBytes: number, outputCharacters: number): Usage {
  if (usage && (usage.inputTokens > 0 || usage.outputTokens > 0)) return usage;
  const inputTokens = estimateTokens(requestBytes);
  const outputTokens = estimateTokens(outputCharacters);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true };
}
