/**
 * Token usage in one shape. `inputTokens` includes cached tokens (OpenAI's convention); Claude's
 * `input_tokens` excludes them, and its codec converts.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Claude `cache_creation_input_tokens`). */
  cacheCreationTokens?: number;
  /** Output tokens spent on reasoning (already included in `outputTokens`). */
  reasoningTokens?: number;
  totalTokens?: number;
  /** True when the upstream sent no usage and these numbers are the proxy's estimate. */
  estimated?: boolean;
}

export function totalTokens(usage: Usage): number {
  return usage.totalTokens ?? usage.inputTokens + usage.outputTokens;
}
