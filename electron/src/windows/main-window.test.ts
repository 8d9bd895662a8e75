import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from '../../test/fakes.js';
import { createSettings, memoryBackend } from '../settings/settings-store.js';
import { createMainWindow, dashboardUrl, type MainWindowDeps } from './main-window.js';

function setup(overrides: Partial<MainWindowDeps> = {}, stored: unknown = {}) {
  const windows: FakeBrowserWindow[] = [];
  const opened: string[] = [];
  let origin: string | null = 'http://127.0.0.1:8317';
  const settings = createSettings(memoryBackend(stored));
  const window = createMainWindow({
    createWindow: (options) => {
      const created = new FakeBrowserWindow(options);
      windows.push(created);
      return created;
    },
    openExternal: async (url) => void opened.push(url),
    settings,
    preloadPath: '/app/dist/electron/preload.cjs',
    origin: () => origin,
    ...overrides,
  });
  return { window, windows, opened, settings, setOrigin: (next: string | null) => (origin = next) };
}

describe('main window', () => {
  it('is locked down: context isolation, sandbox, no Node, the typed preload', () => {
    const { window, windows } = setup();
    window.show();
    expect(windows[0].options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('loads the dashboard from the proxy, on the asked-for page', () => {
    const { window, windows } = setup();
    expect(window.show('accounts')).toBe(true);
    expect(windows[0].loaded).toEqual(['http://127.0.0.1:8317/ui/#/accounts']);
    expect(windows[0].visible).toBe(true);
    window.show('models');
    expect(windows).toHaveLength(1);
    expect(windows[0].loaded.at(-1)).toBe('http://127.0.0.1:8317/ui/#/models');
    expect(dashboardUrl('http://127.0.0.1:9', undefined)).toBe('http://127.0.0.1:9/ui/');
  });

  it('does not open while the proxy is not running', () => {
    const { window, windows, setOrigin } = setup();
    setOrigin(null);
    expect(window.show()).toBe(false);
    expect(windows).toHaveLength(0);
  });

  it('never opens new windows; web links go to the system browser, other schemes nowhere', () => {
    const { window, windows, opened } = setup();
    window.show();
    const handler = windows[0].webContents.openHandler!;
    expect(handler({ url: 'https://docs.example.com/setup' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example.com/setup']);
  });

  it('stays on the proxy origin: other origins are refused and sent to the browser', () => {
    const { window, windows, opened } = setup();
    window.show();
    const contents = windows[0].webContents;
    expect(contents.navigate('http://127.0.0.1:8317/ui/#/logs')).toBe(true);
    expect(contents.navigate('http://127.0.0.1:9999/ui/')).toBe(false);
    expect(contents.navigate('https://evil.example/phish')).toBe(false);
    expect(contents.navigate('https://evil.example/x', 'will-redirect')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(opened).toEqual(['http://127.0.0.1:9999/ui/', 'https://evil.example/phish', 'https://evil.example/x']);
  });

  it('remembers size, place and maximized state across closing and reopening', () => {
    const { window, windows, settings } = setup();
    window.show();
    windows[0].bounds = { x: 40, y: 50, width: 1300, height: 900 };
    windows[0].maximized = true;
    windows[0].close();
    expect(settings.get().windowBounds).toEqual({ x: 40, y: 50, width: 1300, height: 900, maximized: true });
    expect(window.isOpen()).toBe(false);
    window.show();
    expect(windows[1].options).toMatchObject({ x: 40, y: 50, width: 1300, height: 900 });
    expect(windows[1].maximized).toBe(true);
  });

  it('drops a remembered position that is on no connected display', () => {
    const { window, windows } = setup({ displays: () => [{ x: 0, y: 0, width: 1920, height: 1080 }] }, { windowBounds: { x: 3000, y: 200, width: 1000, height: 700 } });
    window.show();
    expect(windows[0].options.x).toBeUndefined();
    expect(windows[0].options.width).toBe(1000);
  });

  it('focus brings an open window forward (restoring it) and reports when there is none', () => {
    const { window, windows } = setup();
    expect(window.focus()).toBe(false);
    window.show();
    windows[0].minimized = true;
    windows[0].focused = false;
    expect(window.focus()).toBe(true);
    expect(windows[0]).toMatchObject({ minimized: false, focused: true, visible: true });
  });

  it('follows the proxy to a new port', () => {
    const log = vi.fn();
    const { window, windows, setOrigin } = setup({ log });
    window.show();
    setOrigin('http://127.0.0.1:8318');
    window.followProxy();
    expect(windows[0].loaded.at(-1)).toBe('http://127.0.0.1:8318/ui/');
  });
});
