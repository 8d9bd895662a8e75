/**
 * `usageMetadata` ↔ IR usage (inventory §2.18). Gemini's `promptTokenCount` already includes cached
 * tokens (the IR convention); the IR's output tokens are candidates + thoughts, with the thoughts also
 * reported as reasoning tokens.
 */
import type { Usage } from '../../ir/index.js';
import { isRecord } from './gemini-extras.js';
import { parseLenient, usageMetadataSchema } from './schema.js';

export function decodeUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const metadata = parseLenient(usageMetadataSchema, raw);
  if (!metadata) return undefined;
  const prompt = metadata.promptTokenCount ?? undefined;
  const candidates = metadata.candidatesTokenCount ?? undefined;
  const thoughts = metadata.thoughtsTokenCount ?? undefined;
  if (prompt === undefined && candidates === undefined && thoughts === undefined && metadata.totalTokenCount == null) return undefined;
  const usage: Usage = {
    inputTokens: (prompt ?? 0) + (metadata.toolUsePromptTokenCount ?? 0),
    outputTokens: (candidates ?? 0) + (thoughts ?? 0),
  };
  if (typeof metadata.cachedContentTokenCount === 'number') usage.cachedInputTokens = metadata.cachedContentTokenCount;
  if (typeof thoughts === 'number') usage.reasoningTokens = thoughts;
  if (typeof metadata.totalTokenCount === 'number') usage.totalTokens = metadata.totalTokenCount;
  return usage;
}

export function encodeUsage(usage: Usage): Record<string, number> {
  const reasoning = usage.reasoningTokens ?? 0;
  const metadata: Record<string, number> = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - reasoning),
    totalTokenCount: usage.totalTokens ?? usage.inputTokens + usage.outputTokens,
  };
  if (usage.reasoningTokens !== undefined) metadata.thoughtsTokenCount = usage.reasoningTokens;
  if (usage.cachedInputTokens !== undefined) metadata.cachedContentTokenCount = usage.cachedInputTokens;
  return metadata;
}
