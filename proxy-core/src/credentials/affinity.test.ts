import { describe, expect, it } from 'vitest';
import { createAffinitySelector } from './affinity.js';
import type { Credential } from './credential.js';
import { createSelector, type Binding } from './selector.js';

const binding = (id: string): Binding => ({ credential: { id, group: 'g', priority: 0 } as Credential, upstreamModel: 'm' });
const bindings = [binding('a'), binding('b'), binding('c')];
const always = () => true;

function setup(capacity = 10) {
  let now = 1_000;
  const stats = { hits: 0, misses: 0 };
  const selector = createAffinitySelector(createSelector('round-robin'), { ttlMs: 60_000, capacity, now: () => now, stats });
  const serve = (session: string, isAvailable: (candidate: Binding) => boolean = always) => {
    const first = selector.order(bindings, 'm', isAvailable, session)[0];
    selector.served?.(first, 'm', session);
    return first.credential.id;
  };
  return { selector, stats, serve, advance: (ms: number) => (now += ms) };
}

describe('session affinity selector', () => {
  it('keeps a session on its credential while round-robin moves on for others', () => {
    const { serve, stats } = setup();
    const pinned = serve('s1');
    expect([serve('s1'), serve('s1'), serve('s1')]).toEqual([pinned, pinned, pinned]);
    expect(stats).toEqual({ hits: 3, misses: 1 });
  });

  it('moves when the pinned credential is unavailable, and the new one sticks', () => {
    const { serve } = setup();
    const pinned = serve('s1');
    const moved = serve('s1', (candidate) => candidate.credential.id !== pinned);
    expect(moved).not.toBe(pinned);
    expect(serve('s1')).toBe(moved);
  });

  it('forgets a pin after the TTL since its last use', () => {
    const { serve, stats, advance } = setup();
    serve('s1');
    advance(59_000);
    serve('s1');
    advance(59_000);
    serve('s1');
    expect(stats).toEqual({ hits: 2, misses: 1 });
    advance(60_001);
    serve('s1');
    expect(stats).toEqual({ hits: 2, misses: 2 });
  });

  it('remembers at most `capacity` conversations, dropping the least recently used', () => {
    const { serve, stats } = setup(2);
    serve('s1');
    serve('s2');
    serve('s1');
    serve('s3');
    expect(stats).toEqual({ hits: 1, misses: 3 });
    serve('s1');
    expect(stats.hits).toBe(2);
    serve('s2');
    expect(stats.misses).toBe(4);
  });

  it('requests without a session just follow the wrapped strategy', () => {
    const { selector, stats } = setup();
    const order = (selector.order(bindings, 'm', always) ?? []).map((candidate) => candidate.credential.id);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(stats).toEqual({ hits: 0, misses: 0 });
  });
});
