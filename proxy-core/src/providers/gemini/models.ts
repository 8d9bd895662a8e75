import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const PRO_25: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true };
const FLASH_25: ThinkingSupport = { min: 0, max: 24_576, zeroAllowed: true, dynamicAllowed: true };
const PRO_3: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true, levels: ['low', 'high'] };
const FLASH_3: ThinkingSupport = { min: 0, max: 24_576, zeroAllowed: true, dynamicAllowed: true, levels: ['minimal', 'low', 'medium', 'high'] };

/** Gemini models served by a key that lists no `models` (inventory-providers §2.1 catalogue). */
export const GEMINI_MODELS: readonly ModelInfo[] = [
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: PRO_25 },
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH_25 },
  { id: 'gemini-2.5-flash-lite', displayName: 'Gemini 2.5 Flash-Lite', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: { ...FLASH_25, min: 512 } },
  { id: 'gemini-3-pro-preview', displayName: 'Gemini 3 Pro Preview', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: PRO_3 },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: PRO_3 },
  { id: 'gemini-3-flash-preview', displayName: 'Gemini 3 Flash Preview', contextLength: 1_048_576, maxOutputTokens: 65_536, thinking: FLASH_3 },
];
