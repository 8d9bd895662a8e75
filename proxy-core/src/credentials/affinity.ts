import type { Binding, Selector } from './selector.js';

export interface AffinityStats {
  /** Requests of a known conversation that stayed on their credential. */
  hits: number;
  /** Requests of a conversation with no (usable) credential yet: first turns, expiries, moves. */
  misses: number;
}

export interface AffinityOptions {
  ttlMs: number;
  /** Most conversations remembered; the least recently used is forgotten first. */
  capacity: number;
  now(): number;
  /** Shared counters (they outlive a selector rebuilt on reload). */
  stats: AffinityStats;
}

/**
 * Session affinity (`routing.session-affinity`): requests of one conversation go to the credential that served it
 * last, so the vendor's prompt cache keeps hitting. The pin is per provider group + conversation + model and lasts
 * `ttlMs` after its last use. It moves only when that credential is not available (cooling down, out of quota,
 * disabled or removed): then the wrapped selector's order decides and the next success pins again.
 */
export function createAffinitySelector(inner: Selector, options: AffinityOptions): Selector {
  const pins = new Map<string, { credentialId: string; expires: number }>();
  const keyOf = (group: string, session: string, model: string) => `${group}\u0000${model}\u0000${session}`;
  return {
    order(bindings, model, isAvailable, session) {
      const ordered = inner.order(bindings, model, isAvailable);
      if (!session) return ordered;
      const now = options.now();
      const index = ordered.findIndex((binding) => {
        const key = keyOf(binding.credential.group, session, model);
        const pin = pins.get(key);
        if (!pin) return false;
        if (pin.expires <= now) {
          pins.delete(key);
          return false;
        }
        return pin.credentialId === binding.credential.id;
      });
      if (index < 0) {
        options.stats.misses++;
        return ordered;
      }
      options.stats.hits++;
      return index === 0 ? ordered : [ordered[index], ...ordered.slice(0, index), ...ordered.slice(index + 1)];
    },
    peek: (bindings, model, isAvailable) => inner.peek(bindings, model, isAvailable),
    served(binding: Binding, model: string, session?: string) {
      if (!session) return;
      const key = keyOf(binding.credential.group, session, model);
      pins.delete(key);
      pins.set(key, { credentialId: binding.credential.id, expires: options.now() + options.ttlMs });
      if (pins.size > options.capacity) pins.delete(pins.keys().next().value!);
    },
  };
}
