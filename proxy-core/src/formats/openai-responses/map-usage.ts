import type { Usage } from '../../ir/index.js';
import type { WireUsage } from './schema.js';

/** Responses usage ↔ IR usage (same convention: input includes cached tokens). */
export function decodeUsage(usage: WireUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const result: Usage = { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0 };
  if (usage.total_tokens != null) result.totalTokens = usage.total_tokens;
  if (usage.input_tokens_details?.cached_tokens) result.cachedInputTokens = usage.input_tokens_details.cached_tokens;
  if (usage.output_tokens_details?.reasoning_tokens) result.reasoningTokens = usage.output_tokens_details.reasoning_tokens;
  return result;
}

export function encodeUsage(usage: Usage | undefined): Record<string, unknown> {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.cachedInputTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
    total_tokens: usage?.totalTokens ?? input + output,
  };
}
