import type { Credential } from './credential.js';

export interface Binding {
  credential: Credential;
  /** The model name sent upstream for this credential. */
  upstreamModel: string;
}

export type RoutingStrategy = 'round-robin' | 'fill-first' | 'weighted-round-robin';

export interface Selector {
  /**
   * The order in which to try `bindings` for one request: only available ones, highest priority tier first,
   * each tier in credential-id order; round-robin rotates the start once per call.
   */
  order(bindings: readonly Binding[], model: string, isAvailable: (binding: Binding) => boolean, session?: string): Binding[];
  /** The order the next request would use, without moving the round-robin cursor ("who serves next"). */
  peek(bindings: readonly Binding[], model: string, isAvailable: (binding: Binding) => boolean): Binding[];
  /** Told which binding answered a request (session affinity pins it for the conversation). */
  served?(binding: Binding, model: string, session?: string): void;
}

const MAX_CURSORS = 4096;

export function createSelector(strategy: RoutingStrategy): Selector {
  const cursors = new Map<string, number>();
  /** weighted-round-robin: per model, each credential's running "current" score (smooth WRR, as nginx and the reference). */
  const scores = new Map<string, { weights: string; current: Map<string, number> }>();
  const byId = (a: Binding, b: Binding) => (a.credential.id < b.credential.id ? -1 : a.credential.id > b.credential.id ? 1 : 0);
  const arrange = (bindings: readonly Binding[], model: string, isAvailable: (binding: Binding) => boolean, advance: boolean): Binding[] => {
    const available = bindings.filter((binding) => isAvailable(binding) && (strategy !== 'weighted-round-robin' || weightOf(binding) > 0));
    if (available.length <= 1) return available;
    const tiers = new Map<number, Binding[]>();
    for (const binding of available) {
      const tier = tiers.get(binding.credential.priority);
      if (tier) tier.push(binding);
      else tiers.set(binding.credential.priority, [binding]);
    }
    let cursor = 0;
    if (strategy === 'round-robin') {
      if (cursors.size >= MAX_CURSORS && !cursors.has(model)) cursors.clear();
      cursor = cursors.get(model) ?? 0;
      if (advance) cursors.set(model, cursor + 1);
    }
    const ordered: Binding[] = [];
    let first = true;
    for (const priority of [...tiers.keys()].sort((a, b) => b - a)) {
      const tier = tiers.get(priority)!.sort(byId);
      if (strategy === 'weighted-round-robin') {
        // The top tier's pick comes from smooth WRR; the rest follow in id order as fail-over.
        const picked = first ? pickWeighted(tier, model, advance) : tier[0]!;
        ordered.push(picked, ...tier.filter((binding) => binding !== picked));
      } else {
        const start = cursor % tier.length;
        for (let offset = 0; offset < tier.length; offset++) ordered.push(tier[(start + offset) % tier.length]!);
      }
      first = false;
    }
    return ordered;
  };
  const pickWeighted = (tier: Binding[], model: string, advance: boolean): Binding => {
    const weights = tier.map((binding) => `${binding.credential.id}=${weightOf(binding)}`).join(',');
    if (scores.size >= MAX_CURSORS && !scores.has(model)) scores.clear();
    let state = scores.get(model);
    // A new set of candidates or weights starts over, as in the reference.
    if (!state || state.weights !== weights) state = { weights, current: new Map() };
    const current = advance ? state.current : new Map(state.current);
    let total = 0;
    let picked = tier[0]!;
    let best = -Infinity;
    for (const binding of tier) {
      const weight = weightOf(binding);
      const score = (current.get(binding.credential.id) ?? 0) + weight;
      current.set(binding.credential.id, score);
      total += weight;
      if (score > best) {
        best = score;
        picked = binding;
      }
    }
    current.set(picked.credential.id, best - total);
    if (advance) scores.set(model, state);
    return picked;
  };
  return {
    order: (bindings, model, isAvailable) => arrange(bindings, model, isAvailable, true),
    peek: (bindings, model, isAvailable) => arrange(bindings, model, isAvailable, false),
  };
}

/** `weight`, default 1. */
function weightOf(binding: Binding): number {
  return binding.credential.weight ?? 1;
}
