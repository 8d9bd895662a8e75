import type { Usage } from '../../ir/index.js';
import type { ClaudeUsageWire } from './upstream-schema.js';

/**
 * Claude `usage` → IR. Claude's `input_tokens` excludes cache reads and writes; the IR's includes both:
 * inputTokens = input + cache_read + cache_creation, cachedInputTokens = cache_read, cacheCreationTokens =
 * cache_creation (inventory §2.18). `output_tokens_details.thinking_tokens` → reasoningTokens.
 */
export function decodeUsage(usage: ClaudeUsageWire | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const input = usage.input_tokens;
  const output = usage.output_tokens;
  if (input == null && output == null) return undefined;
  const cacheRead = usage.cache_read_input_tokens;
  const cacheCreation = usage.cache_creation_input_tokens;
  const result: Usage = { inputTokens: (input ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0), outputTokens: output ?? 0 };
  if (cacheRead != null) result.cachedInputTokens = cacheRead;
  if (cacheCreation != null) result.cacheCreationTokens = cacheCreation;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (thinking != null) result.reasoningTokens = thinking;
  return result;
}

/** IR → Claude `usage`: the uncached remainder as `input_tokens` (never negative), cache counts beside it. */
export function encodeUsage(usage: Usage): Record<string, unknown> {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheCreation = usage.cacheCreationTokens ?? 0;
  const result: Record<string, unknown> = {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheCreation),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
  };
  if (usage.reasoningTokens !== undefined) result.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return result;
}
