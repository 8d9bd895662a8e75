import type { FormatId, Usage } from '../ir/index.js';

/** One finished client request, as the usage store and metrics see it. Never holds a secret. */
export interface RequestRecord {
  time: number;
  requestId: string;
  clientKey: string;
  provider: string;
  credentialId: string;
  credentialLabel: string;
  requestedModel: string;
  upstreamModel: string;
  clientFormat: FormatId;
  upstreamFormat: string;
  stream: boolean;
  status: number;
  latencyMs: number;
  ttfbMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  estimated: boolean;
  error: string | null;
  attempts: number;
}

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
