import { describe, expect, it } from 'vitest';
import type { Credential } from './credential.js';
import { createSelector, type Binding } from './selector.js';

function binding(id: string, priority = 0): Binding {
  const credential = { id, priority, group: 'g', label: id } as Credential;
  return { credential, upstreamModel: 'm' };
}

const ids = (bindings: Binding[]) => bindings.map((item) => item.credential.id);
const always = () => true;

describe('selector', () => {
  it('round-robin rotates the starting credential once per request, in id order', () => {
    const selector = createSelector('round-robin');
    const pool = [binding('c'), binding('a'), binding('b')];
    expect(ids(selector.order(pool, 'm', always))).toEqual(['a', 'b', 'c']);
    expect(ids(selector.order(pool, 'm', always))).toEqual(['b', 'c', 'a']);
    expect(ids(selector.order(pool, 'm', always))).toEqual(['c', 'a', 'b']);
    expect(ids(selector.order(pool, 'other', always))).toEqual(['a', 'b', 'c']);
  });

  it('weighted-round-robin spreads picks smoothly by weight (5:1:1 → a a b a c a a) and leaves out weight ≤ 0', () => {
    const selector = createSelector('weighted-round-robin');
    const weighted = (id: string, weight: number) => ({ ...binding(id), credential: { ...binding(id).credential, weight } });
    const pool = [weighted('a', 5), weighted('b', 1), weighted('c', 1), weighted('z', 0)];
    expect(ids(selector.peek(pool, 'm', always))).toEqual(['a', 'b', 'c']);
    const firsts = Array.from({ length: 7 }, () => selector.order(pool, 'm', always)[0]!.credential.id);
    expect(firsts).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
    expect(ids(selector.order(pool, 'm', always))).toEqual(['a', 'b', 'c']);
    expect(ids(selector.order([weighted('z', 0), weighted('y', -3)], 'm', always))).toEqual([]);
  });

  it('fill-first always starts at the first credential', () => {
    const selector = createSelector('fill-first');
    const pool = [binding('b'), binding('a')];
    expect(ids(selector.order(pool, 'm', always))).toEqual(['a', 'b']);
    expect(ids(selector.order(pool, 'm', always))).toEqual(['a', 'b']);
  });

  it('uses the highest priority tier first and lower tiers only after it', () => {
    const selector = createSelector('round-robin');
    const pool = [binding('low', 0), binding('high-1', 5), binding('high-2', 5)];
    expect(ids(selector.order(pool, 'm', always))).toEqual(['high-1', 'high-2', 'low']);
    expect(ids(selector.order(pool, 'm', (item) => !item.credential.id.startsWith('high')))).toEqual(['low']);
  });

  it('peek shows the next order without advancing the rotation', () => {
    const selector = createSelector('round-robin');
    const pool = [binding('a'), binding('b')];
    expect(ids(selector.peek(pool, 'm', always))).toEqual(['a', 'b']);
    expect(ids(selector.peek(pool, 'm', always))).toEqual(['a', 'b']);
    expect(ids(selector.order(pool, 'm', always))).toEqual(['a', 'b']);
    expect(ids(selector.peek(pool, 'm', always))).toEqual(['b', 'a']);
  });
});
