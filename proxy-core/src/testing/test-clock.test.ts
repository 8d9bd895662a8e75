import { describe, expect, it } from 'vitest';
import { createCancellation } from '../shared/cancellation.js';
import { createTestClock } from './test-clock.js';

describe('createTestClock', () => {
  it('never reads the same millisecond twice', () => {
    const clock = createTestClock();
    const readings = Array.from({ length: 50 }, () => clock.now());
    for (let index = 1; index < readings.length; index++) expect(readings[index]).toBeGreaterThan(readings[index - 1]);
  });

  it('holds the waits it is told to until advance passes them; cancelled waits drop out', async () => {
    const clock = createTestClock({ hold: (ms) => ms >= 1000 });
    const ended: number[] = [];
    void clock.sleep(1000).then(() => ended.push(1000));
    void clock.sleep(6000).then(() => ended.push(6000));
    const cancel = createCancellation();
    const cancelled = clock.sleep(2000, cancel).catch((error: Error) => error.message);
    await clock.sleep(1);
    expect(clock.held()).toEqual([1000, 6000, 2000]);
    cancel.cancel();
    expect(await cancelled).toBe('cancelled');
    const before = clock.now();
    clock.advance(1000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(1000);
    await clock.waitForHeld(1);
    await Promise.resolve();
    expect(ended).toEqual([1000]);
    expect(clock.held()).toEqual([6000]);
    clock.advance(5000);
    await Promise.resolve();
    expect(ended).toEqual([1000, 6000]);
    expect(clock.held()).toEqual([]);
  });
});
