import type { ModelInfo } from '../provider-definition.js';

/**
 * CLIProxyAPI's `kimi` catalogue (internal/registry/models/models.json; reference §5.1 4). Thinking is left
 * unvalidated (undefined): Kimi decides per model, and K2 thinking answers with `reasoning_content`.
 */
export const KIMI_MODELS: readonly ModelInfo[] = [
  { id: 'kimi-k2', displayName: 'Kimi K2', contextLength: 262_144, maxOutputTokens: 32_768 },
  { id: 'kimi-k2-thinking', displayName: 'Kimi K2 Thinking', contextLength: 262_144, maxOutputTokens: 32_768 },
  { id: 'kimi-k2.5', displayName: 'Kimi K2.5', contextLength: 262_144, maxOutputTokens: 32_768 },
  { id: 'kimi-k2.6', displayName: 'Kimi K2.6', contextLength: 262_144, maxOutputTokens: 32_768 },
  { id: 'kimi-k2.7-code', displayName: 'Kimi K2.7 Code (kimi-for-coding)', contextLength: 262_144, maxOutputTokens: 32_768 },
  { id: 'kimi-k3', displayName: 'Kimi K3', contextLength: 262_144, maxOutputTokens: 32_768 },
];
