import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { account } from '../../test/views.js';
import { watchResume } from './resume-refresh.js';

const NOW = Date.parse('2026-12-08T02:00:00Z');

function setup(running = true) {
  const powerMonitor = new EventEmitter();
  const calls: string[] = [];
  const accounts = [
    account({ id: 'expired.json', token: { expiresAt: new Date(NOW - 60_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null } }),
    account({ id: 'soon.json', token: { expiresAt: new Date(NOW + 5 * 60_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null } }),
    account({ id: 'fresh.json', token: { expiresAt: new Date(NOW + 3 * 3_600_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null } }),
    account({ id: 'off.json', enabled: false, token: { expiresAt: new Date(NOW - 60_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null } }),
    account({ id: 'relogin.json', state: 'needs-relogin' }),
  ];
  const watcher = watchResume({
    powerMonitor,
    isRunning: () => running,
    client: {
      accounts: async () => accounts,
      refreshAccountToken: async (id) => void calls.push(`token ${id}`),
      refreshAccountQuota: async (id) => void calls.push(`quota ${id}`),
    },
    refresh: async () => void calls.push('tray poll'),
    now: () => NOW,
    log: () => undefined,
  });
  return { powerMonitor, calls, watcher };
}

describe('resume after sleep', () => {
  it('on "resume": refreshes expired and expiring tokens, then every enabled account\'s quota, then the tray', async () => {
    const { powerMonitor, calls, watcher } = setup();
    powerMonitor.emit('resume');
    powerMonitor.emit('resume'); // a second event while the first refresh runs joins it
    await watcher.run();
    expect(calls).toEqual(['token expired.json', 'token soon.json', 'quota expired.json', 'quota soon.json', 'quota fresh.json', 'tray poll']);
  });

  it('does nothing while the proxy is stopped, and stops listening when disposed', async () => {
    const stopped = setup(false);
    stopped.powerMonitor.emit('resume');
    await stopped.watcher.run();
    expect(stopped.calls).toEqual([]);

    const { powerMonitor, watcher } = setup();
    watcher.dispose();
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });
});
