import type { Usage } from '../../ir/index.js';
import type { ChatUsageWire } from './upstream-schema.js';

/**
 * Chat `usage` → IR. `prompt_tokens` already includes cached tokens, which is the IR convention. Also
 * accepts the `input_tokens`/`output_tokens` spelling and DeepSeek's `prompt_cache_hit_tokens` that some
 * OpenAI-compatible servers send.
 */
export function decodeUsage(usage: ChatUsageWire | null | undefined): Usage | undefined {
  if (usage === null || usage === undefined) return undefined;
  const inputTokens = usage.prompt_tokens ?? usage.input_tokens;
  const outputTokens = usage.completion_tokens ?? usage.output_tokens;
  if (inputTokens === null || inputTokens === undefined) {
    if (outputTokens === null || outputTokens === undefined) return undefined;
  }
  const result: Usage = { inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0 };
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens;
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  const cacheCreation = usage.prompt_tokens_details?.cached_creation_tokens;
  if (typeof cacheCreation === 'number' && cacheCreation > 0) result.cacheCreationTokens = cacheCreation;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') result.reasoningTokens = reasoning;
  if (typeof usage.total_tokens === 'number') result.totalTokens = usage.total_tokens;
  return result;
}

/**
 * IR → Chat `usage`. Detail objects are included only when the IR knows their values;
 * `prompt_tokens_details.cached_creation_tokens` is the reference's non-standard field for cache writes.
 */
export function encodeUsage(usage: Usage): Record<string, unknown> {
  const result: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens ?? usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined || usage.cacheCreationTokens !== undefined) {
    const details: Record<string, number> = { cached_tokens: usage.cachedInputTokens ?? 0 };
    if (usage.cacheCreationTokens !== undefined && usage.cacheCreationTokens > 0) {
      details.cached_creation_tokens = usage.cacheCreationTokens;
    }
    result.prompt_tokens_details = details;
  }
  if (usage.reasoningTokens !== undefined) {
    result.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  }
  return result;
}
