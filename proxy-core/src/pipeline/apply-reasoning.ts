import { budgetToLevel, LEVEL_TO_BUDGET, type ReasoningConfig, type ReasoningLevel } from '../ir/index.js';
import type { ThinkingSupport } from '../providers/provider-definition.js';

const ORDER: readonly ReasoningLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

/** The supported level closest to `wanted` (ties go to the lower one). */
export function nearestLevel(wanted: ReasoningLevel, supported: readonly ReasoningLevel[]): ReasoningLevel {
  const target = ORDER.indexOf(wanted);
  let best = supported[0];
  for (const level of supported) {
    const distance = Math.abs(ORDER.indexOf(level) - target);
    const bestDistance = Math.abs(ORDER.indexOf(best) - target);
    if (distance < bestDistance || (distance === bestDistance && ORDER.indexOf(level) < ORDER.indexOf(best))) best = level;
  }
  return best;
}

const clamp = (value: number, support: ThinkingSupport) => Math.min(support.max ?? value, Math.max(support.min ?? value, value));

/**
 * Fits a thinking request to what the target model accepts (inventory-translators §4.4): levels become
 * budgets on budget-only models and the reverse, budgets are clamped to [min, max], "off" and "auto"
 * fall back when the model cannot do them, and a model that cannot think gets no thinking at all.
 * Unknown models (user-defined in config) are left alone. Values are clamped, never refused.
 */
export function applyReasoningLimits(reasoning: ReasoningConfig | undefined, support: ThinkingSupport | null | undefined): ReasoningConfig | undefined {
  if (!reasoning || support === undefined) return reasoning;
  if (support === null) return undefined;
  const visibility = reasoning.includeThoughts === undefined ? {} : { includeThoughts: reasoning.includeThoughts };
  const hasBudget = support.min !== undefined || support.max !== undefined;
  const levels = support.levels ?? [];
  switch (reasoning.mode) {
    case 'none':
      if (support.zeroAllowed || (!hasBudget && levels.length === 0)) return reasoning;
      if (hasBudget) return { mode: 'budget', budgetTokens: support.min ?? 1, ...visibility };
      return { mode: 'level', level: levels[0], ...visibility };
    case 'auto':
      if (support.dynamicAllowed || (!hasBudget && levels.length === 0)) return reasoning;
      if (levels.length > 0) return { mode: 'level', level: nearestLevel('medium', levels), ...visibility };
      return { mode: 'budget', budgetTokens: Math.round(((support.min ?? 0) + (support.max ?? 0)) / 2), ...visibility };
    case 'level':
      if (levels.length > 0) return { mode: 'level', level: levels.includes(reasoning.level) ? reasoning.level : nearestLevel(reasoning.level, levels), ...visibility };
      if (hasBudget) return { mode: 'budget', budgetTokens: clamp(LEVEL_TO_BUDGET[reasoning.level], support), ...visibility };
      return reasoning;
    case 'budget':
      if (hasBudget) return { mode: 'budget', budgetTokens: clamp(reasoning.budgetTokens, support), ...visibility };
      if (levels.length > 0) return { mode: 'level', level: nearestLevel(budgetToLevel(reasoning.budgetTokens), levels), ...visibility };
      return reasoning;
  }
}
