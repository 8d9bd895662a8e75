import type { ModelInfo } from '../provider-definition.js';

/**
 * What Qwen Code accounts serve: `coder-model` (CLIProxyAPI's last `qwen` catalogue) and the ids the Qwen Code
 * CLI used before it (`qwen3-coder-plus`, `qwen3-coder-flash`, `vision-model`; reference §6.1 4). Qwen has no
 * model-list call for OAuth accounts, so this list is all there is.
 */
export const QWEN_MODELS: readonly ModelInfo[] = [
  { id: 'coder-model', displayName: 'Qwen Coder (Qwen Code default)', contextLength: 1_000_000, maxOutputTokens: 65_536, thinking: null },
  { id: 'qwen3-coder-plus', displayName: 'Qwen3 Coder Plus', contextLength: 1_000_000, maxOutputTokens: 65_536, thinking: null },
  { id: 'qwen3-coder-flash', displayName: 'Qwen3 Coder Flash', contextLength: 1_000_000, maxOutputTokens: 65_536, thinking: null },
  { id: 'vision-model', displayName: 'Qwen3 VL Plus', contextLength: 262_144, maxOutputTokens: 32_768, thinking: null },
];
