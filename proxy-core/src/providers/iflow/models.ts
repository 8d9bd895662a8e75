import type { ModelInfo } from '../provider-definition.js';

/**
 * CLIProxyAPI's last `iflow` catalogue (reference §6.2 4) plus `glm-4.7` (the seed's 406 row). Each account's live
 * list (`GET {api}/models`) replaces it, so only the ids an account exposes are routed to it.
 */
export const IFLOW_MODELS: readonly ModelInfo[] = [
  'qwen3-coder-plus',
  'qwen3-max',
  'qwen3-vl-plus',
  'qwen3-235b-a22b-thinking-2507',
  'glm-4.6',
  'glm-4.7',
  'kimi-k2',
  'deepseek-v3.2',
  'deepseek-r1',
  'iflow-rome-30ba3b',
].map((id) => ({ id }));
