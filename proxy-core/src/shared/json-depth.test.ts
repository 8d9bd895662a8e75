import { describe, expect, it } from 'vitest';
import { findForbiddenKey } from './forbidden-keys.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('nestsDeeperThan', () => {
  it('allows exactly MAX_JSON_DEPTH levels and refuses one more, objects and arrays alike', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(JSON.parse('{"a":'.repeat(300) + '1' + '}'.repeat(300)))).toBe(true);
    expect(nestsDeeperThan(nested(100_000))).toBe(true);
  });

  it('does not walk a body too short to nest that deep', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH, 100)).toBe(false);
  });
});

describe('findForbiddenKey', () => {
  it('finds prototype keys at any depth (own keys from JSON.parse), iteratively', () => {
    expect(findForbiddenKey(JSON.parse('{"a":[{"b":{"__proto__":{"x":1}}}]}'))).toEqual(['a', 0, 'b', '__proto__']);
    expect(findForbiddenKey({ constructor: 1 })).toEqual(['constructor']);
    expect(findForbiddenKey({ a: { prototype: 1 } })).toEqual(['a', 'prototype']);
    expect(findForbiddenKey(nested(100_000))).toBeUndefined();
    expect(findForbiddenKey({ model: 'x', messages: [{ role: 'user' }] })).toBeUndefined();
  });
});
