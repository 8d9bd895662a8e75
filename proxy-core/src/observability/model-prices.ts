/** USD per million tokens for models matching `model` (a glob: `*` any characters, case-insensitive). */
export interface ModelPrice {
  model: string;
  input: number;
  output: number;
  /** Cached input tokens; default the input price. */
  cachedInput?: number;
}

/**
 * List prices (USD per million tokens) of well-known models, used when `model-prices` names none that matches. Prices
 * change: the dashboard calls the result an estimate, and `model-prices` entries come first.
 */
export const DEFAULT_MODEL_PRICES: readonly ModelPrice[] = [
  { model: 'claude-opus-4*', input: 15, output: 75, cachedInput: 1.5 },
  { model: 'claude-sonnet-4*', input: 3, output: 15, cachedInput: 0.3 },
  { model: 'claude-3-7-sonnet*', input: 3, output: 15, cachedInput: 0.3 },
  { model: 'claude-haiku-4*', input: 1, output: 5, cachedInput: 0.1 },
  { model: 'claude-3-5-haiku*', input: 0.8, output: 4, cachedInput: 0.08 },
  { model: 'gpt-5-mini*', input: 0.25, output: 2, cachedInput: 0.025 },
  { model: 'gpt-5-nano*', input: 0.05, output: 0.4, cachedInput: 0.005 },
  { model: 'gpt-5*', input: 1.25, output: 10, cachedInput: 0.125 },
  { model: 'gpt-4.1-mini*', input: 0.4, output: 1.6, cachedInput: 0.1 },
  { model: 'gpt-4.1*', input: 2, output: 8, cachedInput: 0.5 },
  { model: 'gpt-4o-mini*', input: 0.15, output: 0.6, cachedInput: 0.075 },
  { model: 'gpt-4o*', input: 2.5, output: 10, cachedInput: 1.25 },
  { model: 'gemini-2.5-pro*', input: 1.25, output: 10, cachedInput: 0.31 },
  { model: 'gemini-2.5-flash-lite*', input: 0.1, output: 0.4, cachedInput: 0.025 },
  { model: 'gemini-2.5-flash*', input: 0.3, output: 2.5, cachedInput: 0.075 },
];

export interface PriceTable {
  /** Estimated USD for one request's tokens, or null when no price matches the model. */
  cost(model: string, tokens: { inputTokens: number; outputTokens: number; cachedTokens: number }): number | null;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The user's prices first (in order), then the defaults; the first glob that matches wins. */
export function createPriceTable(userPrices: readonly ModelPrice[]): PriceTable {
  const entries = [...userPrices, ...DEFAULT_MODEL_PRICES].map((price) => ({ price, pattern: globToRegExp(price.model) }));
  const cache = new Map<string, ModelPrice | null>();
  const find = (model: string): ModelPrice | null => {
    let found = cache.get(model);
    if (found === undefined) {
      // Provider prefixes (`team-a/claude-…`) and thinking suffixes (`model(high)`) do not change the price.
      const bare = model.replace(/^.*\//, '').replace(/\(.*\)$/, '');
      found = entries.find((entry) => entry.pattern.test(bare))?.price ?? null;
      if (cache.size > 1000) cache.clear();
      cache.set(model, found);
    }
    return found;
  };
  return {
    cost(model, tokens) {
      const price = find(model);
      if (!price) return null;
      const cached = Math.min(tokens.cachedTokens, tokens.inputTokens);
      const fresh = tokens.inputTokens - cached;
      return (fresh * price.input + cached * (price.cachedInput ?? price.input) + tokens.outputTokens * price.output) / 1_000_000;
    },
  };
}
