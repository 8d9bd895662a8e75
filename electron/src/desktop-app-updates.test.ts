/** Self-update from the tray and the refresh after sleep, with the whole app wired (fakes for Electron, real proxy-core). */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { click, findItem, until } from '../test/fakes.js';
import { harness, runCleanups } from '../test/desktop-harness.js';
import { account } from '../test/views.js';
import type { AutoUpdaterLike, UpdateInfoLike } from './updates/update-checker.js';

afterEach(runCleanups);

class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  feed: UpdateInfoLike = { version: '0.3.0', releaseNotes: 'Faster startup.' };
  checks = 0;
  async checkForUpdates() {
    this.checks += 1;
    return { updateInfo: this.feed };
  }
  async downloadUpdate() {
    return [];
  }
  quitAndInstall() {}
}

describe('desktop app: updates and sleep', () => {
  it('checks at start, shows the update in the tray, and its item offers it with the release notes', async () => {
    const updater = new FakeAutoUpdater();
    const h = harness({ dialogAnswer: 2, extra: { autoUpdater: updater, appVersion: '0.1.0' } });
    await h.desktop.start();
    await until(() => findItem(h.tray().menu, 'updates')?.label === 'Update to 0.3.0…', 5000, 'the update in the tray');
    expect(updater.checks).toBe(1);
    expect(h.notifications.map((notification) => notification.options.title)).toContain('CLIProxy Desktop 0.3.0 is available');
    expect(findItem(h.tray().menu, 'auto-update')).toMatchObject({ type: 'checkbox', checked: true, label: 'Check for updates automatically' });
    click(h.tray().menu, 'updates');
    await until(() => h.dialogs.length > 0, 5000, 'the update dialog');
    expect(h.dialogs[0]).toMatchObject({ title: 'CLIProxy Desktop 0.3.0 is available', detail: 'You have 0.1.0. What is new:\n\nFaster startup.' });
    click(h.tray().menu, 'auto-update');
    expect(findItem(h.tray().menu, 'auto-update')?.checked).toBe(false);
  });

  it('after sleep (powerMonitor "resume") it refreshes tokens and quota through the management API at once', async () => {
    const powerMonitor = new EventEmitter();
    const h = harness({ extra: { powerMonitor } });
    h.overrides.set('/v0/management/accounts', {
      accounts: [account({ id: 'claude-me.json', token: { expiresAt: new Date(Date.now() - 60_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null } })],
    });
    h.overrides.set('/v0/management/accounts/claude-me.json/refresh', {});
    h.overrides.set('/v0/management/accounts/claude-me.json/quota', {});
    await h.desktop.start();
    await until(() => h.requests.includes('GET /v0/management/accounts'), 5000, 'the first poll');
    const before = h.requests.length;
    powerMonitor.emit('resume');
    await h.desktop.afterResume();
    expect(h.requests.slice(before)).toEqual(
      expect.arrayContaining(['GET /v0/management/accounts', 'POST /v0/management/accounts/claude-me.json/refresh', 'GET /v0/management/accounts/claude-me.json/quota?refresh=true']),
    );
  });
});
