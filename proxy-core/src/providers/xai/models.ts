import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const LEVELS: ThinkingSupport = { levels: ['low', 'medium', 'high'] };

/**
 * Served by an `xai-api-key` entry that lists no `models` (besides what `GET {base-url}/models` lists).
 * CLIProxyAPI's `xai` catalogue (internal/registry/models/models.json): ids, context windows, output limits,
 * reasoning-effort levels (`none` there = thinking off, our budget 0).
 */
export const XAI_MODELS: readonly ModelInfo[] = [
  { id: 'grok-4.6', displayName: 'Grok 4.6', created: 1_785_974_400, contextLength: 500_000, maxOutputTokens: 65_536, thinking: { levels: ['low', 'medium', 'high', 'xhigh'] } },
  { id: 'grok-4.5', displayName: 'Grok 4.5', created: 1_783_526_400, contextLength: 500_000, maxOutputTokens: 65_536, thinking: LEVELS },
  { id: 'grok-4.3', displayName: 'Grok 4.3', created: 1_775_606_400, contextLength: 1_000_000, maxOutputTokens: 65_536, thinking: { zeroAllowed: true, levels: ['low', 'medium', 'high'] } },
  { id: 'grok-build-0.1', displayName: 'Grok Build 0.1', created: 1_779_321_600, contextLength: 256_000, maxOutputTokens: 256_000, thinking: null },
  { id: 'grok-4.20-0309-reasoning', displayName: 'Grok 4.20 0309 Reasoning', created: 1_773_014_400, contextLength: 2_000_000, maxOutputTokens: 65_536, thinking: null },
  { id: 'grok-4.20-0309-non-reasoning', displayName: 'Grok 4.20 0309 Non Reasoning', created: 1_773_014_400, contextLength: 2_000_000, maxOutputTokens: 65_536, thinking: null },
  { id: 'grok-4.20-multi-agent-0309', displayName: 'Grok 4.20 Multi Agent 0309', created: 1_773_014_400, contextLength: 2_000_000, maxOutputTokens: 65_536, thinking: LEVELS },
  { id: 'grok-3-mini', displayName: 'Grok 3 Mini', created: 1_740_960_000, contextLength: 131_072, maxOutputTokens: 32_768, thinking: LEVELS },
  { id: 'grok-3-mini-fast', displayName: 'Grok 3 Mini Fast', created: 1_740_960_000, contextLength: 131_072, maxOutputTokens: 32_768, thinking: LEVELS },
];
