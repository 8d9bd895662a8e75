import { describe, expect, it, vi } from 'vitest';
import { FakeIpcMain } from '../../test/fakes.js';
import { DESKTOP_CHANNELS } from './channels.js';
import type { DesktopHandlers } from './contract.js';
import { createDesktopApi, DesktopIpcError } from './desktop-api.js';
import { registerIpc } from './register-ipc.js';

const DASHBOARD = 'http://127.0.0.1:8317/ui/#/accounts';

function setup() {
  const ipcMain = new FakeIpcMain();
  const handlers = {
    openExternal: vi.fn(async () => undefined),
    revealFile: vi.fn(() => undefined),
    quit: vi.fn(() => undefined),
    getLaunchAtLogin: vi.fn(() => false),
    setLaunchAtLogin: vi.fn((enabled: boolean) => enabled),
    getConnection: vi.fn(() => ({ baseUrl: 'http://127.0.0.1:8317', managementKey: 'per-launch-key' })),
    setLanguage: vi.fn((preference: 'system' | 'en' | 'zh-CN') => (preference === 'system' ? 'en' : preference)),
  } satisfies DesktopHandlers;
  const log = vi.fn();
  const registration = registerIpc({ ipcMain, handlers, isTrustedUrl: (url) => url.startsWith('http://127.0.0.1:8317/'), log });
  // What the preload builds, wired to the fake ipcMain as if called from the dashboard.
  const desktop = createDesktopApi((channel, ...args) => ipcMain.invoke(DASHBOARD, channel, ...args));
  return { ipcMain, handlers, desktop, registration, log };
}

describe('desktop IPC', () => {
  it('registers one channel per window.desktop method and removes them on dispose', () => {
    const { ipcMain, registration } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
    registration.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes valid calls through and returns their answers', async () => {
    const { desktop, handlers } = setup();
    await desktop.openExternal('https://github.com/router-for-me/CLIProxyAPI');
    expect(handlers.openExternal).toHaveBeenCalledWith('https://github.com/router-for-me/CLIProxyAPI');
    expect(await desktop.setLaunchAtLogin(true)).toBe(true);
    expect(await desktop.getConnection()).toEqual({ baseUrl: 'http://127.0.0.1:8317', managementKey: 'per-launch-key' });
    expect(await desktop.getManagementConnection()).toEqual({ baseUrl: 'http://127.0.0.1:8317', key: 'per-launch-key' });
  });

  it('rejects a non-web address with a clear error and never calls the handler', async () => {
    const { desktop, handlers } = setup();
    await expect(desktop.openExternal('file:///etc/passwd')).rejects.toThrow(
      'window.desktop.openExternal: only http:// and https:// addresses can be opened, got "file:///etc/passwd".',
    );
    await expect(desktop.openExternal('javascript:alert(1)')).rejects.toBeInstanceOf(DesktopIpcError);
    expect(handlers.openExternal).not.toHaveBeenCalled();
  });

  it('rejects payloads of the wrong type, extra arguments and relative paths', async () => {
    const { ipcMain, handlers } = setup();
    const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(DASHBOARD, channel, ...args);
    expect(await call(DESKTOP_CHANNELS.setLaunchAtLogin, 'yes')).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'window.desktop.setLaunchAtLogin: expected true or false.' },
    });
    expect(await call(DESKTOP_CHANNELS.openExternal, { url: 'https://x.io' })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await call(DESKTOP_CHANNELS.quit, 'now')).toMatchObject({ ok: false, error: { message: 'window.desktop.quit: this method takes no argument.' } });
    expect(await call(DESKTOP_CHANNELS.setLaunchAtLogin, true, true)).toMatchObject({ ok: false, error: { message: 'window.desktop.setLaunchAtLogin takes at most one argument, got 2.' } });
    expect(await call(DESKTOP_CHANNELS.revealFile, 'config.yaml')).toMatchObject({ ok: false, error: { message: 'window.desktop.revealFile: the file path must be absolute.' } });
    expect(handlers.setLaunchAtLogin).not.toHaveBeenCalled();
    expect(handlers.quit).not.toHaveBeenCalled();
    expect(handlers.revealFile).not.toHaveBeenCalled();
  });

  it('refuses callers that are not the dashboard', async () => {
    const { ipcMain, handlers } = setup();
    expect(await ipcMain.invoke('https://evil.example/', DESKTOP_CHANNELS.getConnection)).toEqual({
      ok: false,
      error: { code: 'untrusted-sender', message: 'window.desktop.getConnection is only available to the dashboard window.' },
    });
    expect(handlers.getConnection).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an error answer instead of crashing', async () => {
    const { desktop, handlers, log } = setup();
    handlers.getConnection.mockImplementation(() => {
      throw new Error('the proxy is not running; start it from the tray.');
    });
    await expect(desktop.getConnection()).rejects.toThrow('window.desktop.getConnection failed: the proxy is not running; start it from the tray.');
    expect(log).toHaveBeenCalledWith('ipc: getConnection failed: the proxy is not running; start it from the tray.');
  });
});
