import { describe, expect, it } from 'vitest';
import { parseModelSuffix } from './thinking-suffix.js';

describe('parseModelSuffix', () => {
  it('parses levels, budgets, none and auto', () => {
    expect(parseModelSuffix('gpt-5(high)')).toEqual({ base: 'gpt-5', suffix: 'high', reasoning: { mode: 'level', level: 'high' } });
    expect(parseModelSuffix('gemini-2.5-pro(8192)').reasoning).toEqual({ mode: 'budget', budgetTokens: 8192 });
    expect(parseModelSuffix('m(0)').reasoning).toEqual({ mode: 'none' });
    expect(parseModelSuffix('m(NONE)').reasoning).toEqual({ mode: 'none' });
    expect(parseModelSuffix('m(auto)').reasoning).toEqual({ mode: 'auto' });
    expect(parseModelSuffix('m(-1)').reasoning).toEqual({ mode: 'auto' });
  });

  it('keeps names without a trailing suffix and flags unknown values', () => {
    expect(parseModelSuffix('claude-sonnet-4-5-thinking')).toEqual({ base: 'claude-sonnet-4-5-thinking' });
    expect(parseModelSuffix('weird(x)y')).toEqual({ base: 'weird(x)y' });
    expect(parseModelSuffix('m(turbo)')).toEqual({ base: 'm', suffix: 'turbo' });
  });
});
