import type { Cancellation } from './cancellation.js';

/** Time source, injected so tests can move time. `now()` is milliseconds since the epoch. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` is cancelled first. */
  sleep(ms: number, signal?: Cancellation): Promise<void>;
}

export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.cancelled) return reject(new Error('cancelled'));
        const timer = setTimeout(() => {
          removeListener?.();
          resolve();
        }, ms);
        const removeListener = signal?.onCancel(() => {
          clearTimeout(timer);
          reject(new Error('cancelled'));
        });
      }),
  };
}
