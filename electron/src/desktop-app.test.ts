import path from 'node:path';
/**
 * The whole main process as `main.ts` wires it, with Electron replaced by fakes and the real proxy-core
 * running on loopback (harness in test/desktop-harness.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { click, findItem, ids, until } from '../test/fakes.js';
import { harness, KEY, occupyPort, runCleanups, runningUrl } from '../test/desktop-harness.js';
import { account, bucket, withQuota } from '../test/views.js';
import { isPortFree } from './core/proxy-core.js';
import { DESKTOP_CHANNELS } from './ipc/channels.js';

afterEach(runCleanups);

describe('desktop app (fakes for Electron, real proxy-core)', () => {
  it('starts the proxy, shows the running tray with accounts and models, and opens the dashboard', async () => {
    const h = harness();
    expect(await h.desktop.start()).toBe(true);
    const url = runningUrl(h);
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'models in the tray');
    expect(h.tray().image).toBe('tray-running.png');
    expect(h.tray().tooltip).toMatch(/^CLIProxy Desktop: Running on 127\.0\.0\.1:\d+ · 1 of 1 credential on$/);
    expect(findItem(h.tray().menu, 'model:claude-model')?.label).toBe('claude-model (1 account)');
    expect(findItem(h.tray().menu, 'login:claude')?.label).toBe('Claude Code (Claude Pro / Max)');
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0].loaded).toEqual([`${url}/ui/`]);
    click(h.tray().menu, 'copy-base-url');
    click(h.tray().menu, 'copy-client-key');
    await until(() => h.clipboard.length === 2, 5000, 'client key on the clipboard');
    expect(h.clipboard).toEqual([url, 'sk-client-1']);
  });

  it('unticking an account in the tray disables it on the proxy, saved to config.yaml, and the checkbox follows', async () => {
    const h = harness();
    await h.desktop.start();
    const credentialItem = () => ids(h.tray().menu).find((id) => id.startsWith('credential:'));
    await until(() => credentialItem() !== undefined, 5000, 'the account in the tray');
    const id = credentialItem()!;
    expect(findItem(h.tray().menu, id)).toMatchObject({ type: 'checkbox', checked: true });
    click(h.tray().menu, id);
    await until(() => findItem(h.tray().menu, id)?.checked === false, 5000, 'the checkbox to clear');
    expect(h.requests.filter((request) => request.startsWith('PATCH'))).toEqual([`PATCH /v0/management/credentials/${encodeURIComponent(id.slice('credential:'.length))}`]);
    expect(readFileSync(h.configPath, 'utf8')).toMatch(/disabled: true/);
    // Its only account is off, so the proxy no longer serves the model, and the tray no longer lists it.
    expect(findItem(h.tray().menu, 'model:claude-model')).toBeUndefined();
    click(h.tray().menu, id);
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'the model back');
    expect(findItem(h.tray().menu, id)?.checked).toBe(true);
  });

  it('unticking a model in the tray switches it off on the proxy, saved to config.yaml; ticking it brings it back', async () => {
    const h = harness();
    await h.desktop.start();
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'the model in the tray');
    expect(findItem(h.tray().menu, 'model:claude-model')).toMatchObject({ type: 'checkbox', checked: true });
    click(h.tray().menu, 'model:claude-model');
    await until(() => findItem(h.tray().menu, 'model:claude-model')?.checked === false, 5000, 'the model checkbox to clear');
    expect(h.bodies).toEqual([{ request: 'PATCH /v0/management/models/claude-model', body: { enabled: false } }]);
    expect(findItem(h.tray().menu, 'model:claude-model')?.label).toBe('claude-model (off)');
    expect(readFileSync(h.configPath, 'utf8')).toMatch(/excluded-models:\n\s+- claude-model\n/);
    click(h.tray().menu, 'model:claude-model');
    await until(() => findItem(h.tray().menu, 'model:claude-model')?.checked === true, 5000, 'the model back');
    expect(h.bodies.at(-1)).toEqual({ request: 'PATCH /v0/management/models/claude-model', body: { enabled: true } });
    expect(readFileSync(h.configPath, 'utf8')).not.toContain('excluded-models');
    expect(readFileSync(h.configPath, 'utf8')).toContain('# my settings');
    expect(h.notifications).toEqual([]);
  });

  it('a model switch that fails says why in a notification, and the checkbox stays as the proxy has it', async () => {
    const h = harness();
    await h.desktop.start();
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'the model in the tray');
    h.overrides.set('/v0/management/models/claude-model', null);
    click(h.tray().menu, 'model:claude-model');
    await until(() => h.notifications.length > 0, 5000, 'the error notification');
    expect(h.notifications[0].options).toMatchObject({ title: 'Could not switch claude-model off' });
    expect(h.notifications[0].options.body).toMatch(/Cannot reach the proxy .*PATCH \/v0\/management\/models\/claude-model/);
    await until(() => h.requests.filter((request) => request === 'GET /v0/management/models').length >= 2, 5000, 'the refresh after the failure');
    expect(findItem(h.tray().menu, 'model:claude-model')?.checked).toBe(true);
    expect(readFileSync(h.configPath, 'utf8')).not.toContain('excluded-models');
  });

  it('port in use: the dialog names the owner and offers a free port; "save" runs there and writes config.yaml', async () => {
    const taken = await occupyPort();
    const h = harness({ port: taken, dialogAnswer: 1 });
    await h.desktop.start();
    expect(h.dialogs).toHaveLength(1);
    if (process.platform === 'linux') expect(h.dialogs[0].message).toContain(`(process ${process.pid})`);
    expect(h.dialogs[0].message).toContain(`Port ${taken} on 127.0.0.1 is already in use`);
    const offered = Number(/Use port (\d+) this time/.exec(h.dialogs[0].buttons[0])?.[1]);
    expect(h.dialogs[0].buttons).toEqual([`Use port ${offered} this time`, `Use port ${offered} and save it`, 'Not now']);
    await until(() => h.desktop.controller.status().kind === 'running', 5000, 'the proxy on the offered port');
    expect(runningUrl(h)).toBe(`http://127.0.0.1:${offered}`);
    await until(() => readFileSync(h.configPath, 'utf8').includes(`port: ${offered}`), 5000, 'the port saved');
    expect(readFileSync(h.configPath, 'utf8')).toContain('# my settings');
  });

  it('port in use and the user says "Not now": the tray keeps the explanation and the offer', async () => {
    const taken = await occupyPort();
    const h = harness({ port: taken });
    await h.desktop.start();
    expect(h.tray().image).toBe('tray-stopped.png');
    expect(h.tray().menu[0].label).toContain(`Port ${taken} on 127.0.0.1 is already in use`);
    expect(findItem(h.tray().menu, 'start-on-port')?.label).toMatch(/^Start on port \d+ \(this run\)$/);
    expect(h.windows).toHaveLength(0);
  });

  it('a second launch focuses the window, or opens it again after it was closed', async () => {
    const h = harness();
    await h.desktop.start();
    h.windows[0].focused = false;
    h.app.emit('second-instance');
    expect(h.windows[0].focused).toBe(true);
    h.windows[0].close();
    h.app.emit('second-instance');
    await until(() => h.windows.length === 2, 2000, 'a new window');
    expect(h.windows[1].visible).toBe(true);
  });

  it('without a tray, a hidden start still opens the window (the only way in)', async () => {
    const h = harness({ noTray: true, startHidden: true });
    await h.desktop.start();
    expect(h.desktop.tray.available()).toBe(false);
    expect(h.windows).toHaveLength(1);
  });

  it('started hidden with a tray: no window until asked', async () => {
    const h = harness({ startHidden: true });
    await h.desktop.start();
    expect(h.windows).toHaveLength(0);
    click(h.tray().menu, 'open-dashboard');
    expect(h.windows).toHaveLength(1);
  });

  it('gives the dashboard its connection over IPC, and the per-launch key works against the proxy', async () => {
    const h = harness();
    await h.desktop.start();
    const url = runningUrl(h);
    const answer = (await h.ipcMain.invoke(`${url}/ui/`, DESKTOP_CHANNELS.getConnection)) as { ok: true; value: { baseUrl: string; managementKey: string } };
    expect(answer).toEqual({ ok: true, value: { baseUrl: url, managementKey: KEY } });
    const status = await fetch(`${url}/v0/management/status`, { headers: { authorization: `Bearer ${answer.value.managementKey}` } });
    expect(status.status).toBe(200);
    expect(await h.ipcMain.invoke('https://evil.example/', DESKTOP_CHANNELS.getConnection)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('"Log in to" opens the vendor page, shows Accounts, and notifies when the login is done', async () => {
    const h = harness();
    await h.desktop.start();
    await until(() => findItem(h.tray().menu, 'login:claude') !== undefined, 5000, 'login providers');
    click(h.tray().menu, 'login:claude');
    await until(() => h.notifications.some((notification) => notification.options.title === 'Logged in to Claude'), 5000, 'the login notification');
    expect(h.opened).toEqual(['https://claude.ai/oauth/authorize?state=abc']);
    expect(h.windows[0].loaded.at(-1)).toBe(`${runningUrl(h)}/ui/#/accounts`);
    expect(h.requests).toContain('POST /v0/management/logins');
    expect(h.notifications.at(-1)?.options.body).toBe('me@example.com is ready to use.');
  });

  it('notifies once about low quota and about the proxy no longer answering, and the tray shows it', async () => {
    const h = harness();
    h.overrides.set('/v0/management/accounts', {
      accounts: [withQuota(account({ id: 'claude-me.json', email: 'me@example.com' }), [bucket({ id: 'five-hour', label: '5-hour', remainingFraction: 0.05 })])],
    });
    await h.desktop.start();
    const titles = () => h.notifications.map((notification) => notification.options.title);
    /** Runs the next scheduled poll and waits until it finished (it schedules the one after). */
    const nextPoll = async () => {
      await until(() => h.timers.pending() > 0, 5000, 'a scheduled poll');
      h.timers.runAll();
      await until(() => h.timers.pending() > 0, 5000, 'the poll to finish');
    };
    await until(() => titles().includes('Claude me@example.com: quota low'), 5000, 'the low-quota notification');
    await nextPoll(); // same quota: no repeat
    expect(titles().filter((title) => title.endsWith('quota low'))).toHaveLength(1);
    expect(findItem(h.tray().menu, 'quota:claude-me.json')?.label).toBe('Claude me@example.com: 5-hour 5%');

    h.overrides.set('/v0/management/status', null);
    await nextPoll();
    expect(titles()).not.toContain('The proxy stopped'); // one failed poll may be a hiccup
    await nextPoll();
    await nextPoll();
    expect(titles().filter((title) => title === 'The proxy stopped')).toHaveLength(1);
    expect(h.tray().image).toBe('tray-degraded.png');
    expect(h.tray().menu[1].label).toMatch(/^The proxy does not answer: Cannot reach the proxy/);

    h.overrides.delete('/v0/management/status');
    await nextPoll();
    await until(() => h.tray().image === 'tray-running.png', 5000, 'the tray green again');
  });

  it('Stop closes the proxy (port free) and the tray turns grey; Quit closes it before the app exits', async () => {
    const h = harness();
    await h.desktop.start();
    const port = Number(new URL(runningUrl(h)).port);
    click(h.tray().menu, 'stop');
    await until(() => h.desktop.controller.status().kind === 'stopped', 5000, 'stopped');
    expect(await isPortFree(port, '127.0.0.1')).toBe(true);
    expect(h.tray().image).toBe('tray-stopped.png');
    expect(h.notifications.map((notification) => notification.options.title)).not.toContain('The proxy stopped');

    click(h.tray().menu, 'start');
    await until(() => h.desktop.controller.status().kind === 'running', 5000, 'running again');
    let exited = false;
    h.app.on('quit', () => (exited = true));
    click(h.tray().menu, 'quit');
    expect(exited).toBe(false); // held back until the proxy closed
    await until(() => exited, 5000, 'the app to exit');
    expect(h.desktop.controller.status().kind).toBe('stopped');
    expect(h.tray().destroyed).toBe(true);
  });
});

describe('tray: Connect a tool (real proxy, files in its home folder)', () => {
  it('Set up writes Claude Code’s settings and says so; the status follows; Revert removes the file it created', async () => {
    const h = harness();
    await h.desktop.start();
    const home = path.dirname(h.configPath);
    const settingsFile = path.join(home, '.claude', 'settings.json');
    await until(() => findItem(h.tray().menu, 'connect:claude-code') !== undefined, 5000, 'Claude Code in the Connect menu');
    expect(findItem(h.tray().menu, 'connect:claude-code')?.label).toBe('Claude Code — not set up (not found here)');
    click(h.tray().menu, 'connect:claude-code:setup');
    await until(() => h.notifications.length > 0, 5000, 'the setup notification');
    expect(h.notifications[0].options).toEqual({ title: 'Claude Code now points at this proxy', body: `Changed ${settingsFile}. Restart the tool to pick it up.` });
    expect(JSON.parse(readFileSync(settingsFile, 'utf8')).env).toEqual({ ANTHROPIC_BASE_URL: runningUrl(h), ANTHROPIC_AUTH_TOKEN: 'sk-client-1' });
    await until(() => findItem(h.tray().menu, 'connect:claude-code')?.label === 'Claude Code — points here', 5000, 'the new status');
    click(h.tray().menu, 'connect:claude-code:revert');
    await until(() => h.notifications.length > 1, 5000, 'the revert notification');
    expect(h.notifications[1].options).toEqual({ title: 'Claude Code is back as it was', body: `Removed ${settingsFile}` });
    await until(() => findItem(h.tray().menu, 'connect:claude-code')?.label === 'Claude Code — not set up (not found here)', 5000, 'the status after revert');
    click(h.tray().menu, 'connect:codex:preview');
    expect(h.windows.at(-1)?.loaded.at(-1)).toBe(`${runningUrl(h)}/ui/#/connect`);
  });
});
