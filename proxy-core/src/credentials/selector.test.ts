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
