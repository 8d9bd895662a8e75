import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const BUDGET: ThinkingSupport = { min: 1024, max: 128_000, zeroAllowed: true, dynamicAllowed: false };
const ADAPTIVE: ThinkingSupport = { min: 1024, max: 128_000, zeroAllowed: true, dynamicAllowed: true, levels: ['low', 'medium', 'high', 'max'] };

/** Claude models served by a key that lists no `models` (inventory-providers §3.2 catalogue). */
export const CLAUDE_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-4-7', displayName: 'Claude Opus 4.7', contextLength: 200_000, maxOutputTokens: 128_000, thinking: ADAPTIVE },
  { id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6', contextLength: 200_000, maxOutputTokens: 128_000, thinking: ADAPTIVE },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', contextLength: 200_000, maxOutputTokens: 64_000, thinking: ADAPTIVE },
  { id: 'claude-sonnet-4-5-20250929', displayName: 'Claude Sonnet 4.5', contextLength: 200_000, maxOutputTokens: 64_000, thinking: BUDGET },
  { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5', contextLength: 200_000, maxOutputTokens: 64_000, thinking: BUDGET },
  { id: 'claude-opus-4-1-20250805', displayName: 'Claude Opus 4.1', contextLength: 200_000, maxOutputTokens: 32_000, thinking: BUDGET },
  { id: 'claude-3-7-sonnet-20250219', displayName: 'Claude Sonnet 3.7', contextLength: 200_000, maxOutputTokens: 64_000, thinking: BUDGET },
];
