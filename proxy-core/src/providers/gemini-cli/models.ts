import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const PRO_25: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true };
const FLASH_25: ThinkingSupport = { min: 0, max: 24_576, zeroAllowed: true, dynamicAllowed: true };
const PRO_3: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true, levels: ['low', 'high'] };
const PRO_31: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true, levels: ['low', 'medium', 'high'] };
const FLASH_3: ThinkingSupport = { min: 128, max: 32_768, zeroAllowed: false, dynamicAllowed: true, levels: ['minimal', 'low', 'medium', 'high'] };

const model = (id: string, displayName: string, thinking: ThinkingSupport): ModelInfo => ({ id, displayName, contextLength: 1_048_576, maxOutputTokens: 65_536, thinking });

/** The `gemini-cli` catalogue ([CPA] internal/registry/models/models.json, inventory §2.3 "Models"). */
export const GEMINI_CLI_MODELS: readonly ModelInfo[] = [
  model('gemini-2.5-pro', 'Gemini 2.5 Pro', PRO_25),
  model('gemini-2.5-flash', 'Gemini 2.5 Flash', FLASH_25),
  model('gemini-2.5-flash-lite', 'Gemini 2.5 Flash Lite', FLASH_25),
  model('gemini-3-pro-preview', 'Gemini 3 Pro Preview', PRO_3),
  model('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview', PRO_31),
  model('gemini-3-flash-preview', 'Gemini 3 Flash Preview', FLASH_3),
  model('gemini-3.1-flash-lite-preview', 'Gemini 3.1 Flash Lite Preview', FLASH_3),
];

/**
 * `quota-exceeded.switch-preview-model`: when every project of a stable model is out of quota, the request is
 * tried once on the preview model of the same size, which Code Assist meters separately. The reference kept
 * this table empty at its last Gemini CLI revision (`cliPreviewFallbackOrder`); this is our choice
 * (docs/decisions/2026-12-01-03-google-subscriptions.md).
 */
export const GEMINI_CLI_PREVIEW_FALLBACK: Readonly<Record<string, string>> = {
  'gemini-2.5-pro': 'gemini-3-pro-preview',
  'gemini-2.5-flash': 'gemini-3-flash-preview',
  'gemini-2.5-flash-lite': 'gemini-3.1-flash-lite-preview',
};
