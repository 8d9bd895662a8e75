import type { Credential } from './credential.js';

export interface Binding {
  credential: Credential;
  /** The model name sent upstream for this credential. */
  upstreamModel: string;
}

export type RoutingStrategy = 'round-robin' | 'fill-first';

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
  const arrange = (bindings: readonly Binding[], model: string, isAvailable: (binding: Binding) => boolean, advance: boolean): Binding[] => {
    const available = bindings.filter(isAvailable);
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
    for (const priority of [...tiers.keys()].sort((a, b) => b - a)) {
      const tier = tiers.get(priority)!.sort((a, b) => (a.credential.id < b.credential.id ? -1 : a.credential.id > b.credential.id ? 1 : 0));
      const start = cursor % tier.length;
      for (let offset = 0; offset < tier.length; offset++) ordered.push(tier[(start + offset) % tier.length]);
    }
    return ordered;
  };
  return {
    order: (bindings, model, isAvailable) => arrange(bindings, model, isAvailable, true),
    peek: (bindings, model, isAvailable) => arrange(bindings, model, isAvailable, false),
  };
}
