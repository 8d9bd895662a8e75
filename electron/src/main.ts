/**
 * Electron main process: the composition root. It resolves paths, builds the real Electron parts, and hands
 * them to `createDesktopApp`, which holds all behaviour (and is tested with fakes). Run it with
 * `npm start` where a display and an Electron runtime exist.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, powerMonitor, screen, session, shell, Tray } from 'electron';
import Store from 'electron-store';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateAndEnsureConfig } from './core/config-location.js';
import { DASHBOARD_CSP, defaultDataDir, findPortOwner, isPortFree, probeCliproxy, startProxy, writeLocalControl } from './core/proxy-core.js';
import { createDesktopApp } from './desktop-app.js';
import { createLaunchAtLogin, HIDDEN_FLAG } from './lifecycle/launch-at-login.js';
import { createSettings, electronStoreBackend } from './settings/settings-store.js';
import type { TrayHealth } from './tray/tray-state.js';

/** dist/electron/ once built: preload.cjs, tray/ and icon.png sit beside this file; the dashboard is dist/renderer/. */
const here = path.dirname(fileURLToPath(import.meta.url));
const home = os.homedir();
const argv = process.argv.slice(app.isPackaged ? 1 : 2);
const log = (message: string) => process.stdout.write(`[desktop] ${message}\n`);

app.setAppUserModelId('dev.cliproxy.desktop');
// Nothing the app shows needs a second window or an embedded page.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

const settings = createSettings(electronStoreBackend(new Store({ name: 'settings', clearInvalidConfig: true })));
const autostartBase = process.env.XDG_CONFIG_HOME && path.isAbsolute(process.env.XDG_CONFIG_HOME) ? process.env.XDG_CONFIG_HOME : path.join(home, '.config');
const launchAtLogin = createLaunchAtLogin({
  platform: process.platform,
  app,
  files: fs,
  autostartDir: path.join(autostartBase, 'autostart'),
  command: process.env.APPIMAGE ? [process.env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()],
});

const trayImages = new Map<TrayHealth, Electron.NativeImage>();
const trayImage = (health: TrayHealth) => {
  let image = trayImages.get(health);
  if (!image) trayImages.set(health, (image = nativeImage.createFromPath(path.join(here, 'tray', `tray-${health}.png`))));
  return image;
};
const managementKey = randomBytes(32).toString('base64url');
// electron-updater only in an installed app: it needs the app-update.yml that packaging writes (publish in
// electron-builder.yml). A development checkout checks nothing and says so when asked.
const autoUpdater = app.isPackaged ? (await import('electron-updater')).default.autoUpdater : undefined;

const desktop = createDesktopApp({
  app,
  platform: process.platform,
  createTray: (image) => new Tray(image as Electron.NativeImage),
  buildMenu: (template) => Menu.buildFromTemplate(template),
  trayImage,
  createWindow: (options) => new BrowserWindow(options),
  displays: () => screen.getAllDisplays().map((display) => display.workArea),
  createNotification: (options) => new Notification({ title: options.title, body: options.body, icon: options.icon as Electron.NativeImage | undefined }),
  notificationsSupported: () => Notification.isSupported(),
  openExternal: (url) => shell.openExternal(url),
  showItemInFolder: (file) => shell.showItemInFolder(file),
  writeClipboard: (text) => clipboard.writeText(text),
  showMessageBox: (options) => dialog.showMessageBox(options),
  ipcMain,
  get session() {
    return session.defaultSession;
  },
  settings,
  launchAtLogin,
  prepareConfig: () =>
    locateAndEnsureConfig({ argv, env: process.env, cwd: process.cwd(), home, platform: process.platform, chosenPath: settings.get().configPath }),
  startProxy: async ({ configPath, port }) => {
    const dataDir = defaultDataDir({ platform: process.platform, env: process.env, home });
    const proxy = await startProxy(
      { configPath, port },
      { localManagementKey: managementKey, dataDir, home, dashboardDir: path.join(here, '..', 'renderer'), logSink: (line) => process.stdout.write(`${line}\n`) },
    );
    // `cliproxyctl status` in a terminal reaches this proxy with the per-launch key (as with `cliproxyctl serve`).
    const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: managementKey, configPath }).catch(() => undefined);
    return { ...proxy, close: () => proxy.close().finally(() => control?.remove()) };
  },
  probe: { findPortOwner: (port) => findPortOwner(port), isPortFree, identifyCliproxy: (url) => probeCliproxy(url) },
  fetch: globalThis.fetch,
  managementKey,
  preloadPath: path.join(here, 'preload.cjs'),
  windowIcon: path.join(here, 'icon.png'),
  notificationIcon: nativeImage.createFromPath(path.join(here, 'icon.png')),
  csp: DASHBOARD_CSP,
  startHidden: argv.includes(HIDDEN_FLAG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin),
  now: () => Date.now(),
  timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  systemLocale: () => app.getLocale(),
  autoUpdater,
  appVersion: app.getVersion(),
  powerMonitor,
  log,
});

// Ctrl-C in the terminal (npm start) quits like the tray's Quit: the proxy closes its streams first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

// Not a top-level await: Electron emits `ready` only after the entry module finished evaluating.
void app.whenReady().then(async () => {
  try {
    settings.update({ launchAtLogin: launchAtLogin.get() });
  } catch (error) {
    log(`launch at login could not be read: ${(error as Error).message}`);
  }
  if (!(await desktop.start())) app.exit(0);
});
