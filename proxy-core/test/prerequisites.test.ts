import { describe, expect, it } from 'vitest';
import { prerequisiteOutcome } from './prerequisites.js';

describe('prerequisiteOutcome', () => {
  it('runs when the prerequisite is there, skips without it locally, and fails without it under CI', () => {
    expect(prerequisiteOutcome('192.0.2.2', { CI: 'true' })).toBe('run');
    expect(prerequisiteOutcome('192.0.2.2', {})).toBe('run');
    expect(prerequisiteOutcome(undefined, {})).toBe('skip');
    expect(prerequisiteOutcome(undefined, { CI: 'true' })).toBe('fail');
    expect(prerequisiteOutcome(false, { CI: '1' })).toBe('fail');
  });
});
