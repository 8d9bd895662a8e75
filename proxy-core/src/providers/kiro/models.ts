import type { ModelInfo } from '../provider-definition.js';

/**
 * Kiro serves Claude models under its own ids (`claude-sonnet-4.5`, dots not dashes) plus `auto`. We list
 * the usual Claude ids so clients need no Kiro-specific names, and also accept the fork's `kiro-…` /
 * `amazonq-…` ids. Facts: [PP] pkg/llmproxy/executor/kiro_transform.go `mapModelToKiro` (dash → dot,
 * `-agentic` dropped, `kiro-auto` / `amazonq-auto` → `auto`); [PLUS] internal/registry/model_definitions.go.
 */
const thinking = { min: 1024, max: 32000, zeroAllowed: true } as const;

export const KIRO_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5 (Kiro)', contextLength: 200_000, maxOutputTokens: 32_000, thinking },
  { id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5 (Kiro)', contextLength: 200_000, maxOutputTokens: 32_000, thinking },
  { id: 'claude-sonnet-4', displayName: 'Claude Sonnet 4 (Kiro)', contextLength: 200_000, maxOutputTokens: 32_000, thinking },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5 (Kiro)', contextLength: 200_000, maxOutputTokens: 32_000, thinking },
  { id: 'kiro-auto', displayName: 'Kiro Auto (Kiro picks the model)', contextLength: 200_000, maxOutputTokens: 32_000, thinking: null },
];

/** Our model id (or the fork's `kiro-…` / `amazonq-…` id) → the `modelId` CodeWhisperer expects. */
export function kiroModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(kiro|amazonq)-/, '').replace(/-agentic$/, '');
  if (id === 'auto') return 'auto';
  id = id.replace(/-\d{8}$/, ''); // dated Claude ids: claude-sonnet-4-5-20250929
  // claude-sonnet-4-5 → claude-sonnet-4.5; claude-sonnet-4 stays.
  return id.replace(/^(claude-[a-z]+-\d+)-(\d+)$/, '$1.$2');
}
