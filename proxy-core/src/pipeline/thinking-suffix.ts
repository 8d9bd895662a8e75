import type { ReasoningConfig, ReasoningLevel } from '../ir/index.js';

const LEVELS: readonly ReasoningLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

export interface ParsedModelName {
  /** The name without a `(…)` suffix. */
  base: string;
  /** The raw suffix text, when there was one. */
  suffix?: string;
  /** The thinking config the suffix asks for; undefined when the suffix is not a valid value. */
  reasoning?: ReasoningConfig;
}

/**
 * `model(value)`: the last `(` up to a trailing `)`. Values: `none`, `auto`/`-1`, a level
 * (minimal…max, case-insensitive) or a non-negative integer budget (0 = none).
 */
export function parseModelSuffix(model: string): ParsedModelName {
  if (!model.endsWith(')')) return { base: model };
  const open = model.lastIndexOf('(');
  if (open <= 0) return { base: model };
  const base = model.slice(0, open);
  const suffix = model.slice(open + 1, -1).trim();
  const lowered = suffix.toLowerCase();
  if (lowered === 'none') return { base, suffix, reasoning: { mode: 'none' } };
  if (lowered === 'auto' || lowered === '-1') return { base, suffix, reasoning: { mode: 'auto' } };
  if ((LEVELS as readonly string[]).includes(lowered)) return { base, suffix, reasoning: { mode: 'level', level: lowered as ReasoningLevel } };
  if (/^\d+$/.test(suffix)) {
    const budget = Number(suffix);
    return { base, suffix, reasoning: budget === 0 ? { mode: 'none' } : { mode: 'budget', budgetTokens: budget } };
  }
  return { base, suffix };
}
