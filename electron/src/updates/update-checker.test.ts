import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { MessageBoxOptions } from '../core/proxy-dialogs.js';
import { createTranslator } from '../i18n/index.js';
import { createSettings, memoryBackend } from '../settings/settings-store.js';
import { createUpdateChecker, isNewer, releaseNotesText, type AutoUpdaterLike, type UpdateInfoLike } from './update-checker.js';

/** electron-updater's autoUpdater, scripted: what the feed says, and whether downloading works. */
class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  feed: UpdateInfoLike | Error = { version: '0.1.0' };
  checks = 0;
  downloads = 0;
  installs = 0;
  async checkForUpdates() {
    this.checks += 1;
    if (this.feed instanceof Error) throw this.feed;
    return { updateInfo: this.feed };
  }
  async downloadUpdate() {
    this.downloads += 1;
    // electron-updater emits this when the file is in place.
    queueMicrotask(() => this.emit('update-downloaded', this.feed));
    return [];
  }
  quitAndInstall() {
    this.installs += 1;
  }
}

function setup(options: { answers?: number[]; language?: 'en' | 'zh-CN'; updater?: boolean } = {}) {
  const updater = new FakeAutoUpdater();
  const settings = createSettings(memoryBackend());
  const dialogs: MessageBoxOptions[] = [];
  const notices: Array<{ title: string; body: string }> = [];
  const answers = [...(options.answers ?? [])];
  const checker = createUpdateChecker({
    updater: options.updater === false ? undefined : updater,
    currentVersion: '0.1.0',
    settings,
    showMessageBox: async (dialog) => {
      dialogs.push(dialog);
      return { response: answers.shift() ?? dialog.cancelId };
    },
    notify: (notice) => void notices.push(notice),
    translate: () => createTranslator(options.language ?? 'en'),
    onChange: () => undefined,
    log: () => undefined,
  });
  return { updater, settings, dialogs, notices, checker };
}

const release = { version: '0.2.0', releaseNotes: '<h2>What is new</h2><ul><li>Chinese UI</li><li>LAN switch &amp; backups</li></ul>' };

describe('update checker', () => {
  it('never downloads by itself; the check at start only notifies', async () => {
    const { updater, notices, dialogs, checker } = setup();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    updater.feed = release;
    expect(await checker.checkAtStart()).toEqual({ kind: 'available', version: '0.2.0', notes: 'What is new\n• Chinese UI\n• LAN switch & backups' });
    expect(notices).toEqual([{ title: 'CLIProxy Desktop 0.2.0 is available', body: 'You have 0.1.0. Choose “Update to 0.2.0…” in the tray to see what is new.' }]);
    expect(dialogs).toEqual([]);
    expect(updater.downloads).toBe(0);
  });

  it('the tray shows the release notes, downloads on "Download and install", then installs on "Restart now"', async () => {
    const { updater, dialogs, notices, checker } = setup({ answers: [0, 0] });
    updater.feed = release;
    await checker.trayAction();
    expect(dialogs[0]).toMatchObject({ title: 'CLIProxy Desktop 0.2.0 is available', buttons: ['Download and install', 'Skip this version', 'Later'] });
    expect(dialogs[0].detail).toBe('You have 0.1.0. What is new:\n\nWhat is new\n• Chinese UI\n• LAN switch & backups');
    expect(updater.downloads).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(checker.status()).toMatchObject({ kind: 'ready', version: '0.2.0' });
    expect(notices.at(-1)?.title).toBe('CLIProxy Desktop 0.2.0 is ready to install');
    await checker.trayAction();
    expect(dialogs[1].buttons).toEqual(['Restart now', 'Later']);
    expect(updater.installs).toBe(1);
  });

  it('"Skip this version" stays on the current one: later automatic checks are silent until a newer release', async () => {
    const { updater, settings, notices, checker } = setup({ answers: [1] });
    updater.feed = release;
    await checker.trayAction();
    expect(settings.get().updates.skippedVersion).toBe('0.2.0');
    expect(updater.downloads).toBe(0);
    expect(await checker.checkAtStart()).toEqual({ kind: 'idle' });
    expect(notices).toEqual([]);
    updater.feed = { version: '0.2.1', releaseNotes: null };
    expect((await checker.checkAtStart()).kind).toBe('available');
  });

  it('automatic checks can be turned off; a manual check says "up to date", errors, and why a checkout cannot update', async () => {
    const { updater, settings, notices, checker } = setup();
    checker.setAutoCheck(false);
    expect(settings.get().updates.autoCheck).toBe(false);
    await checker.checkAtStart();
    expect(updater.checks).toBe(0);
    await checker.trayAction();
    expect(notices.at(-1)).toEqual({ title: 'CLIProxy Desktop is up to date', body: 'You have 0.1.0, the newest version.' });
    updater.feed = new Error('net::ERR_INTERNET_DISCONNECTED');
    await checker.trayAction();
    expect(notices.at(-1)).toEqual({ title: 'Could not check for updates', body: 'net::ERR_INTERNET_DISCONNECTED' });

    const checkout = setup({ updater: false, language: 'zh-CN' });
    await checkout.checker.trayAction();
    expect(checkout.notices).toEqual([{ title: '只有安装版才会检查更新', body: '当前是开发环境运行的副本（0.1.0），请用 git pull 更新。' }]);
  });

  it('compares versions and flattens release notes', () => {
    expect(isNewer('0.10.0', '0.9.9')).toBe(true);
    expect(isNewer('1.0.0', '1.0.0')).toBe(false);
    expect(isNewer('1.0.0-beta.2', '1.0.0')).toBe(false);
    expect(isNewer('1.0.0', '1.0.0-beta.2')).toBe(true);
    expect(isNewer('v1.2.0', '1.1.9')).toBe(true);
    expect(releaseNotesText([{ version: '0.2.0', note: '<p>One</p>' }, { version: '0.1.1', note: null }])).toBe('0.2.0\nOne\n\n0.1.1');
  });
});
