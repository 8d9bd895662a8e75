/** The tray and notifications follow the OS language, and the dashboard's choice (IPC `setLanguage`) switches them. */
import { afterEach, describe, expect, it } from 'vitest';
import { click, findItem, until } from '../test/fakes.js';
import { account, bucket, withQuota } from '../test/views.js';
import { harness, runCleanups, runningUrl } from '../test/desktop-harness.js';
import { DESKTOP_CHANNELS } from './ipc/channels.js';
import { createSettings, memoryBackend } from './settings/settings-store.js';

afterEach(runCleanups);

describe('desktop app language', () => {
  it('a Chinese OS gets a Chinese tray; the dashboard switching to English switches the tray and is saved', async () => {
    const settings = createSettings(memoryBackend());
    const h = harness({ extra: { systemLocale: () => 'zh-CN', settings } });
    await h.desktop.start();
    const url = runningUrl(h);
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'models in the tray');
    expect(h.tray().tooltip).toMatch(/^CLIProxy Desktop: 运行于 127\.0\.0\.1:\d+ · 1 个凭据中 1 个已启用$/);
    expect(findItem(h.tray().menu, 'stop')?.label).toBe('停止代理');
    expect(findItem(h.tray().menu, 'model:claude-model')?.label).toBe('claude-model (1 个账号)');
    expect(findItem(h.tray().menu, 'accounts')?.label).toBe('账号');
    expect(findItem(h.tray().menu, 'quit')?.label).toBe('退出 CLIProxy Desktop');
    expect(findItem(h.tray().menu, 'notifications:quota-low')?.label).toBe('额度低于 10%');

    const answer = await h.ipcMain.invoke(`${url}/ui/`, DESKTOP_CHANNELS.setLanguage, 'en');
    expect(answer).toEqual({ ok: true, value: 'en' });
    expect(settings.get().language).toBe('en');
    expect(findItem(h.tray().menu, 'stop')?.label).toBe('Stop proxy');
    expect(h.tray().tooltip).toMatch(/^CLIProxy Desktop: Running on /);

    expect(await h.ipcMain.invoke(`${url}/ui/`, DESKTOP_CHANNELS.setLanguage, 'system')).toEqual({ ok: true, value: 'zh-CN' });
    expect(findItem(h.tray().menu, 'stop')?.label).toBe('停止代理');
    expect(await h.ipcMain.invoke(`${url}/ui/`, DESKTOP_CHANNELS.setLanguage, 'fr')).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('a failed tray action is notified in the chosen language ("Could not …")', async () => {
    const h = harness({ extra: { systemLocale: () => 'en-US', settings: createSettings(memoryBackend({ language: 'zh-CN' })) } });
    await h.desktop.start();
    await until(() => findItem(h.tray().menu, 'model:claude-model') !== undefined, 5000, 'the model in the tray');
    h.overrides.set('/v0/management/models/claude-model', null);
    click(h.tray().menu, 'model:claude-model');
    await until(() => h.notifications.length > 0, 5000, 'the error notification');
    expect(h.notifications[0].options).toMatchObject({ title: '无法关闭 claude-model' });
  });

  it('notifications and quota lines come in the chosen language', async () => {
    const h = harness({ extra: { systemLocale: () => 'en-US', settings: createSettings(memoryBackend({ language: 'zh-CN' })) } });
    h.overrides.set('/v0/management/accounts', {
      accounts: [withQuota(account({ id: 'claude-me.json', email: 'me@example.com' }), [bucket({ id: 'five-hour', label: '5-hour', remainingFraction: 0.05, resetsAt: new Date(Date.now() + 80 * 60_000 + 20_000).toISOString() })])],
    });
    await h.desktop.start();
    const titles = () => h.notifications.map((notification) => notification.options.title);
    await until(() => titles().includes('Claude me@example.com：额度不足'), 5000, 'the low-quota notification');
    expect(h.notifications[0].options.body).toBe('剩余 5-hour 5%（1 小时 20 分钟后重置）。');
    expect(findItem(h.tray().menu, 'quota:title')?.label).toBe('额度');

    h.overrides.set('/v0/management/status', null);
    // Two failed polls in a row: the proxy counts as down.
    for (let poll = 0; poll < 3 && !titles().includes('代理已停止运行'); poll += 1) {
      await until(() => h.timers.pending() > 0, 5000, 'a scheduled poll');
      h.timers.runAll();
      await until(() => h.timers.pending() > 0, 5000, 'the poll to finish');
    }
    const stopped = h.notifications.find((notification) => notification.options.title === '代理已停止运行');
    expect(stopped?.options.body).toMatch(/^它的管理 API 没有响应（.+）。 在代理重新运行之前，你的工具都无法连接它/);
    expect(h.tray().menu[1].label).toMatch(/^代理没有响应：/);
  });
});
