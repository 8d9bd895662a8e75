import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const CLAUDE: ThinkingSupport = { min: 1024, max: 64_000, zeroAllowed: true, dynamicAllowed: true };
const FLASH: ThinkingSupport = { min: 1, max: 65_535, zeroAllowed: false, dynamicAllowed: true, levels: ['minimal', 'low', 'medium', 'high'] };
const FLASH_3: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true, levels: ['minimal', 'low', 'medium', 'high'] };
const PRO: ThinkingSupport = { min: 1, max: 65_535, zeroAllowed: false, dynamicAllowed: true, levels: ['low', 'medium', 'high'] };

/** The `antigravity` catalogue ([CPA] internal/registry/models/models.json at a7e3596b7e35, inventory §2.5 "Models"). */
export const ANTIGRAVITY_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-4-6-thinking', displayName: 'Claude Opus 4.6 (Thinking)', contextLength: 200_000, maxOutputTokens: 64_000, thinking: CLAUDE },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6 (Thinking)', contextLength: 200_000, maxOutputTokens: 64_000, thinking: CLAUDE },
  { id: 'gemini-3.6-flash-high', displayName: 'Gemini 3.6 Flash', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH },
  { id: 'gemini-3.7-flash-high', displayName: 'Gemini 3.7 Flash', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH },
  { id: 'gemini-3-flash', displayName: 'Gemini 3 Flash', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH_3 },
  { id: 'gemini-3-flash-agent', displayName: 'Gemini 3.5 Flash (High)', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH_3 },
  { id: 'gemini-3.1-flash-image', displayName: 'Gemini 3.1 Flash Image', thinking: { ...FLASH_3, levels: ['minimal', 'high'] } },
  { id: 'gemini-pro-agent', displayName: 'Gemini 3.1 Pro (High)', contextLength: 1_048_576, maxOutputTokens: 65_535, thinking: PRO },
  { id: 'gemini-3.1-pro-low', displayName: 'Gemini 3.1 Pro (Low)', contextLength: 1_048_576, maxOutputTokens: 65_535, thinking: PRO },
  { id: 'gpt-oss-120b-medium', displayName: 'GPT-OSS 120B (Medium)', contextLength: 114_000, maxOutputTokens: 32_768, thinking: null },
  { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash Lite', contextLength: 1_048_576, maxOutputTokens: 65_535, thinking: { ...FLASH, zeroAllowed: true } },
  { id: 'gemini-3.5-flash-low', displayName: 'Gemini 3.5 Flash (Medium)', contextLength: 1_048_576, maxOutputTokens: 65_535, thinking: PRO },
  { id: 'gemini-3.5-flash-extra-low', displayName: 'Gemini 3.5 Flash (Low)', contextLength: 1_048_576, maxOutputTokens: 65_535, thinking: PRO },
];

export const isClaudeModel = (model: string): boolean => model.toLowerCase().includes('claude');
export const isImageModel = (model: string): boolean => model.includes('image');

/** Claude models, `gemini-3-pro*` and the image model are always streamed upstream ([CPA] antigravity_executor_execute.go). */
export function alwaysStreams(model: string): boolean {
  return isClaudeModel(model) || model.includes('gemini-3-pro') || model.includes('gemini-3.1-flash-image');
}
