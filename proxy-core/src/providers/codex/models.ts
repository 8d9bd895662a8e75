import type { ModelInfo, ThinkingSupport } from '../provider-definition.js';

const GPT5: ThinkingSupport = { levels: ['minimal', 'low', 'medium', 'high'] };
const GPT5_XHIGH: ThinkingSupport = { levels: ['low', 'medium', 'high', 'xhigh'] };
const GPT5_MAX: ThinkingSupport = { levels: ['low', 'medium', 'high', 'xhigh', 'max'] };

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

// ChatGPT subscription catalogues (reference/inventory-providers.md §4.1 4, CLIProxyAPI's models.json rows).
const SPARK: ModelInfo = { id: 'gpt-5.3-codex-spark', displayName: 'GPT 5.3 Codex Spark', created: 1_770_912_000, contextLength: 128_000, maxOutputTokens: 128_000, thinking: GPT5_XHIGH };
const GPT54: ModelInfo = { id: 'gpt-5.4', displayName: 'GPT 5.4', created: 1_772_668_800, contextLength: 1_050_000, maxOutputTokens: 128_000, thinking: GPT5_XHIGH };
const GPT54_MINI: ModelInfo = { id: 'gpt-5.4-mini', displayName: 'GPT 5.4 Mini', created: 1_773_705_600, contextLength: 400_000, maxOutputTokens: 128_000, thinking: GPT5_XHIGH };
const GPT55: ModelInfo = { id: 'gpt-5.5', displayName: 'GPT 5.5', created: 1_776_902_400, contextLength: 272_000, maxOutputTokens: 128_000, thinking: GPT5_XHIGH };
const SOL: ModelInfo = { id: 'gpt-5.6-sol', displayName: 'GPT 5.6 Sol', created: 1_783_616_400, contextLength: 921_000, maxOutputTokens: 128_000, thinking: GPT5_MAX };
const TERRA: ModelInfo = { id: 'gpt-5.6-terra', displayName: 'GPT 5.6 Terra', created: 1_783_616_400, contextLength: 921_000, maxOutputTokens: 128_000, thinking: GPT5_MAX };
const LUNA: ModelInfo = { id: 'gpt-5.6-luna', displayName: 'GPT 5.6 Luna', created: 1_783_616_400, contextLength: 921_000, maxOutputTokens: 128_000, thinking: GPT5_MAX };
const AUTO_REVIEW: ModelInfo = { id: 'codex-auto-review', displayName: 'Codex Auto Review', created: 1_776_902_400, contextLength: 272_000, maxOutputTokens: 128_000, thinking: GPT5_XHIGH };

export type CodexTier = 'codex-free' | 'codex-team' | 'codex-plus' | 'codex-pro';

export const CODEX_TIER_MODELS: Readonly<Record<CodexTier, readonly ModelInfo[]>> = {
  'codex-free': [GPT54_MINI, GPT55, TERRA, LUNA, AUTO_REVIEW],
  'codex-team': [GPT54, GPT54_MINI, GPT55, SOL, TERRA, LUNA, AUTO_REVIEW],
  'codex-plus': [SPARK, GPT54, GPT54_MINI, GPT55, SOL, TERRA, LUNA, AUTO_REVIEW],
  'codex-pro': [SPARK, GPT54, GPT54_MINI, GPT55, SOL, TERRA, LUNA, AUTO_REVIEW],
};

/** The catalogue of a ChatGPT plan: `pro`→pro, `plus`→plus, `team|business|go`→team, `free`→free, anything else→pro. */
export function codexTier(plan: string | undefined): CodexTier {
  switch (plan?.trim().toLowerCase()) {
    case 'free':
      return 'codex-free';
    case 'plus':
      return 'codex-plus';
    case 'team':
    case 'business':
    case 'go':
      return 'codex-team';
    default:
      return 'codex-pro';
  }
}

/**
 * Models to use instead when nothing serves the requested one (see docs/decisions/2026-12-01-02-codex-subscriptions.md):
 * Spark exists only on plus/pro, so a free/team pool answers with GPT-5.3 Codex; CLIProxyAPI dropped GPT-5.3 Codex
 * from the subscription catalogues, so a pool without it (subscriptions only) continues to GPT-5.5.
 */
export const CODEX_MODEL_FALLBACKS: Readonly<Record<string, string>> = {
  'gpt-5.3-codex-spark': 'gpt-5.3-codex',
  'gpt-5.3-codex': 'gpt-5.5',
};
