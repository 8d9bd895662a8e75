import { describe, expect, it } from 'vitest';
import { applyReasoningLimits, nearestLevel } from './apply-reasoning.js';

// Models shaped like the reference's test models (inventory-translators §6 cases 28–29).
const geminiBudget = { min: 128, max: 20_000, zeroAllowed: false, dynamicAllowed: true };
const claudeBudget = { min: 1024, max: 128_000, zeroAllowed: true, dynamicAllowed: false };
const levelModel = { levels: ['low', 'medium', 'high'] as const };
const subsetModel = { levels: ['low', 'high'] as const };

describe('applyReasoningLimits', () => {
  it('turns levels into budgets on budget models and clamps them', () => {
    expect(applyReasoningLimits({ mode: 'level', level: 'medium' }, geminiBudget)).toEqual({ mode: 'budget', budgetTokens: 8192 });
    expect(applyReasoningLimits({ mode: 'level', level: 'xhigh' }, geminiBudget)).toEqual({ mode: 'budget', budgetTokens: 20_000 });
    expect(applyReasoningLimits({ mode: 'budget', budgetTokens: 200_000 }, claudeBudget)).toEqual({ mode: 'budget', budgetTokens: 128_000 });
  });

  it('falls back when a model cannot turn thinking off or choose automatically', () => {
    expect(applyReasoningLimits({ mode: 'none' }, geminiBudget)).toEqual({ mode: 'budget', budgetTokens: 128 });
    expect(applyReasoningLimits({ mode: 'none' }, claudeBudget)).toEqual({ mode: 'none' });
    expect(applyReasoningLimits({ mode: 'auto' }, geminiBudget)).toEqual({ mode: 'auto' });
    expect(applyReasoningLimits({ mode: 'auto' }, levelModel)).toEqual({ mode: 'level', level: 'medium' });
    expect(applyReasoningLimits({ mode: 'auto', includeThoughts: true }, claudeBudget)).toEqual({ mode: 'budget', budgetTokens: 64_512, includeThoughts: true });
  });

  it('turns budgets into the nearest supported level on level models', () => {
    expect(applyReasoningLimits({ mode: 'budget', budgetTokens: 64_000 }, levelModel)).toEqual({ mode: 'level', level: 'high' });
    expect(applyReasoningLimits({ mode: 'budget', budgetTokens: 8192 }, subsetModel)).toEqual({ mode: 'level', level: 'low' });
    expect(applyReasoningLimits({ mode: 'level', level: 'xhigh' }, levelModel)).toEqual({ mode: 'level', level: 'high' });
  });

  it('strips thinking for models that cannot think and leaves unknown models alone', () => {
    expect(applyReasoningLimits({ mode: 'level', level: 'high' }, null)).toBeUndefined();
    expect(applyReasoningLimits({ mode: 'budget', budgetTokens: 999_999 }, undefined)).toEqual({ mode: 'budget', budgetTokens: 999_999 });
  });

  it('nearestLevel prefers the lower level on ties', () => {
    expect(nearestLevel('medium', ['low', 'high'])).toBe('low');
    expect(nearestLevel('minimal', ['low', 'high'])).toBe('low');
  });
});
