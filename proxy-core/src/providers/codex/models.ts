import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const GPT5: ThinkingSupport = { levels: ['minimal', 'low', 'medium', 'high'] };
const GPT5_XHIGH: ThinkingSupport = { levels: ['low', 'medium', 'high', 'xhigh'] };

/** OpenAI Responses models served by a `codex-api-key` entry that lists no `models`. */
export const CODEX_MODELS: readonly ModelInfo[] = [
  { id: 'gpt-5.5', displayName: 'GPT-5.5', thinking: GPT5_XHIGH },
  { id: 'gpt-5.4', displayName: 'GPT-5.4', thinking: GPT5_XHIGH },
  { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 mini', thinking: GPT5_XHIGH },
  { id: 'gpt-5.3-codex', displayName: 'GPT-5.3 Codex', thinking: GPT5_XHIGH },
  { id: 'gpt-5.2', displayName: 'GPT-5.2', thinking: GPT5 },
  { id: 'gpt-5.1-codex', displayName: 'GPT-5.1 Codex', thinking: GPT5 },
  { id: 'gpt-5', displayName: 'GPT-5', thinking: GPT5 },
];
