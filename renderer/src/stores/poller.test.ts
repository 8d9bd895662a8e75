import { describe, expect, it, vi } from 'vitest';
import { createPoller } from './poller.js';

function fakeVisibility() {
  let hidden = false;
  const listeners = new Set<() => void>();
  return {
    isHidden: () => hidden,
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value: boolean) {
      hidden = value;
      for (const listener of listeners) listener();
    },
  };
}

describe('poller', () => {
  it('runs every task at start and on each interval, and stops while the page is hidden', async () => {
    vi.useFakeTimers();
    try {
      const visibility = fakeVisibility();
      const poller = createPoller({ intervalMs: 5000, visibility, setInterval: (callback, ms) => setInterval(callback, ms), clearInterval: (handle) => clearInterval(handle as number) });
      const status = vi.fn();
      const credentials = vi.fn();
      poller.track(status);
      poller.track(credentials);
      poller.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(status).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(status).toHaveBeenCalledTimes(3);
      expect(credentials).toHaveBeenCalledTimes(3);

      visibility.set(true);
      expect(poller.active).toBe(false);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(status).toHaveBeenCalledTimes(3);

      visibility.set(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(status).toHaveBeenCalledTimes(4);
      await vi.advanceTimersByTimeAsync(5000);
      expect(status).toHaveBeenCalledTimes(5);

      poller.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(status).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not pile up ticks while a slow tick is still running, and an untracked task stops running', async () => {
    vi.useFakeTimers();
    try {
      let release: () => void = () => undefined;
      const slow = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
      const poller = createPoller({ intervalMs: 1000, visibility: fakeVisibility(), setInterval: (callback, ms) => setInterval(callback, ms), clearInterval: (handle) => clearInterval(handle as number) });
      const untrack = poller.track(slow);
      poller.start();
      await vi.advanceTimersByTimeAsync(5000);
      expect(slow).toHaveBeenCalledTimes(1);
      release();
      await vi.advanceTimersByTimeAsync(1000);
      expect(slow).toHaveBeenCalledTimes(2);
      release();
      untrack();
      await vi.advanceTimersByTimeAsync(5000);
      expect(slow).toHaveBeenCalledTimes(2);
      poller.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
