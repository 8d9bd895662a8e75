import { describe, expect, it } from 'vitest';
import { createPriceTable } from './model-prices.js';

describe('price table', () => {
  it('prices fresh input, cached input and output per million tokens, user entries first', () => {
    const table = createPriceTable([{ model: 'claude-sonnet-4*', input: 10, output: 20 }]);
    // The user's price wins over the built-in one; no cached price: cached input costs the input price.
    expect(table.cost('claude-sonnet-4-5', { inputTokens: 1_000_000, outputTokens: 500_000, cachedTokens: 0 })).toBe(20);
    // Built-in: claude-opus-4 at $15 / $75, cached input $1.50.
    expect(table.cost('claude-opus-4-1', { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedTokens: 400_000 })).toBeCloseTo(0.6 * 15 + 0.4 * 1.5 + 75, 10);
    // Prefixes and thinking suffixes do not change the price; gpt-5-mini is not priced as gpt-5.
    expect(table.cost('team-a/gpt-5-mini(high)', { inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 0 })).toBe(0.25);
    expect(table.cost('my-local-model', { inputTokens: 10, outputTokens: 10, cachedTokens: 0 })).toBeNull();
  });
});
