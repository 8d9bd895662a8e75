/** Effort levels shared by every vendor's thinking controls. */
export type ReasoningLevel = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * What the client asked for, in one model:
 *  - `none`   thinking off
 *  - `auto`   vendor decides (Gemini budget -1, Claude adaptive)
 *  - `level`  an effort level
 *  - `budget` a token budget
 */
export type ReasoningConfig =
  | { mode: 'none'; includeThoughts?: boolean }
  | { mode: 'auto'; includeThoughts?: boolean }
  | { mode: 'level'; level: ReasoningLevel; includeThoughts?: boolean }
  | { mode: 'budget'; budgetTokens: number; includeThoughts?: boolean };

export const LEVEL_TO_BUDGET: Record<ReasoningLevel, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
  max: 128000,
};

export function budgetToLevel(budget: number): ReasoningLevel {
  if (budget <= 512) return 'minimal';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 24576) return 'high';
  return 'xhigh';
}
