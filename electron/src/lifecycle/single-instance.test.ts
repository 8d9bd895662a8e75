import { describe, expect, it, vi } from 'vitest';
import { FakeApp } from '../../test/fakes.js';
import { claimSingleInstance } from './single-instance.js';

describe('single instance', () => {
  it('a second launch quits at once and starts nothing', () => {
    const app = new FakeApp();
    app.lock = false;
    const openWindow = vi.fn();
    expect(claimSingleInstance({ app, focusWindow: () => true, openWindow })).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance focuses its window when launched again', () => {
    const app = new FakeApp();
    const focusWindow = vi.fn(() => true);
    const openWindow = vi.fn();
    expect(claimSingleInstance({ app, focusWindow, openWindow })).toBe(true);
    app.emit('second-instance');
    expect(focusWindow).toHaveBeenCalledTimes(1);
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('and opens the window when none is open (the way in where no tray can be shown)', () => {
    const app = new FakeApp();
    const openWindow = vi.fn();
    claimSingleInstance({ app, focusWindow: () => false, openWindow });
    app.emit('second-instance');
    expect(openWindow).toHaveBeenCalledTimes(1);
  });
});
