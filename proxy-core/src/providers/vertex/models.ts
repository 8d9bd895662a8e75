import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const PRO_25: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true };
const FLASH_25: ThinkingSupport = { min: 0, max: 24_576, zeroAllowed: true, dynamicAllowed: true };
const LEVELS_3 = (levels: NonNullable<ThinkingSupport['levels']>): ThinkingSupport => ({ min: 128, max: 32_768, dynamicAllowed: true, levels });
const LIMITS = { contextLength: 1_048_576, maxOutputTokens: 65_536 };

/**
 * Gemini on Vertex AI: CLIProxyAPI's `vertex` catalogue (internal/registry/models/models.json) without the Imagen
 * models (Vertex `predict`, which this app does not serve).
 */
export const VERTEX_MODELS: readonly ModelInfo[] = [
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', created: 1_750_118_400, ...LIMITS, thinking: PRO_25 },
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', created: 1_750_118_400, ...LIMITS, thinking: FLASH_25 },
  { id: 'gemini-2.5-flash-lite', displayName: 'Gemini 2.5 Flash Lite', created: 1_753_142_400, ...LIMITS, thinking: FLASH_25 },
  { id: 'gemini-3-pro', displayName: 'Gemini 3 Pro', created: 1_737_158_400, ...LIMITS, thinking: LEVELS_3(['low', 'high']) },
  { id: 'gemini-3-flash', displayName: 'Gemini 3 Flash', created: 1_765_929_600, ...LIMITS, thinking: LEVELS_3(['minimal', 'low', 'medium', 'high']) },
  { id: 'gemini-3.1-pro', displayName: 'Gemini 3.1 Pro', created: 1_771_459_200, ...LIMITS, thinking: LEVELS_3(['low', 'medium', 'high']) },
  { id: 'gemini-3.1-pro-preview', displayName: 'Gemini 3.1 Pro Preview', created: 1_771_459_200, ...LIMITS, thinking: LEVELS_3(['low', 'medium', 'high']) },
  { id: 'gemini-3.1-flash-lite', displayName: 'Gemini 3.1 Flash Lite', created: 1_776_288_000, ...LIMITS, thinking: LEVELS_3(['minimal', 'low', 'medium', 'high']) },
  { id: 'gemini-3.5-flash', displayName: 'Gemini 3.5 Flash', created: 1_779_235_200, ...LIMITS, thinking: LEVELS_3(['minimal', 'low', 'medium', 'high']) },
  { id: 'gemini-3.5-flash-lite', displayName: 'Gemini 3.5 Flash Lite', created: 1_782_864_000, ...LIMITS, thinking: LEVELS_3(['minimal', 'low', 'medium', 'high']) },
  { id: 'gemini-3.6-flash', displayName: 'Gemini 3.6 Flash', created: 1_782_864_000, ...LIMITS, thinking: LEVELS_3(['minimal', 'low', 'medium', 'high']) },
];
