import type { Cancellation } from '../shared/cancellation.js';
import { createSystemClock, type Clock } from '../shared/clock.js';

/** A clock for a real proxy under test: time that never stands still, and long waits that end when the test says. */
export interface TestClock extends Clock {
  /** The lengths (ms) of the waits being held right now, oldest first. */
  held(): number[];
  /** Resolves with the held waits once there are `count` of them (they start asynchronously inside the proxy). */
  waitForHeld(count?: number, timeoutMs?: number): Promise<number[]>;
  /** Moves the clock on by `ms` and ends every held wait that is due by then. */
  advance(ms: number): void;
}

interface HeldWait {
  ms: number;
  due: number;
  resolve(): void;
}

/**
 * `now()` is the system time plus whatever `advance` added, and never reads the same millisecond twice (so a
 * duration measured by the proxy is at least 1 ms and its sign shows). Waits that `hold(ms)` picks out are kept
 * until `advance` passes them; every other wait is a real timer.
 */
export function createTestClock(options: { hold?(ms: number): boolean } = {}): TestClock {
  const system = createSystemClock();
  const waits: HeldWait[] = [];
  let offset = 0;
  let last = 0;
  const now = () => (last = Math.max(Date.now() + offset, last + 1));

  return {
    now,
    sleep(ms: number, signal?: Cancellation) {
      if (!options.hold?.(ms)) return system.sleep(ms, signal);
      return new Promise<void>((resolve, reject) => {
        if (signal?.cancelled) return reject(new Error('cancelled'));
        const wait: HeldWait = {
          ms,
          due: now() + ms,
          resolve: () => {
            removeListener?.();
            resolve();
          },
        };
        waits.push(wait);
        const removeListener = signal?.onCancel(() => {
          waits.splice(waits.indexOf(wait), 1);
          reject(new Error('cancelled'));
        });
      });
    },
    held: () => waits.map((wait) => wait.ms),
    async waitForHeld(count = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (waits.length < count) {
        if (Date.now() > until) throw new Error(`test clock: ${count} held wait(s) expected within ${timeoutMs} ms, ${waits.length} held`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return waits.map((wait) => wait.ms);
    },
    advance(ms) {
      offset += ms;
      last += ms;
      const current = now();
      for (const wait of waits.filter((candidate) => candidate.due <= current)) {
        waits.splice(waits.indexOf(wait), 1);
        wait.resolve();
      }
    },
  };
}
