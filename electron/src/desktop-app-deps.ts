/**
 * What `createDesktopApp` is wired from: the parts of Electron it uses (as small interfaces the real objects
 * satisfy), the proxy's start, stores and clocks. `main.ts` passes the real ones; tests pass fakes.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { ConfigLocation } from './core/config-location.js';
import type { PortProbe } from './core/port-conflict.js';
import type { ShowMessageBox } from './core/proxy-dialogs.js';
import type { RunningProxy } from './core/proxy-core.js';
import type { IpcMainLike } from './ipc/register-ipc.js';
import type { LaunchAtLogin } from './lifecycle/launch-at-login.js';
import type { PowerMonitorLike } from './lifecycle/resume-refresh.js';
import type { NativeNotificationLike } from './notifications/notification-presenter.js';
import type { Settings } from './settings/settings-store.js';
import type { Timers } from './tray/status-poller.js';
import type { TrayLike } from './tray/tray-icon.js';
import type { TrayHealth } from './tray/tray-state.js';
import type { AutoUpdaterLike } from './updates/update-checker.js';
import type { BrowserWindowLike, DisplayArea } from './windows/main-window.js';
import type { SessionLike } from './windows/session-security.js';

/** The parts of Electron's `app` used here. */
export interface DesktopAppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface DesktopAppDeps {
  app: DesktopAppLike;
  platform: NodeJS.Platform;
  createTray(image: unknown): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  trayImage(health: TrayHealth): unknown;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindowLike;
  displays?(): DisplayArea[];
  createNotification(options: { title: string; body: string; icon?: unknown }): NativeNotificationLike;
  notificationsSupported(): boolean;
  openExternal(url: string): Promise<void>;
  showItemInFolder(file: string): void;
  writeClipboard(text: string): void;
  showMessageBox: ShowMessageBox;
  ipcMain: IpcMainLike;
  session?: SessionLike;
  settings: Settings;
  launchAtLogin: LaunchAtLogin;
  /** Finds (and on first run creates) config.yaml, as `cliproxyctl serve` does. */
  prepareConfig(): Promise<ConfigLocation>;
  /** Starts proxy-core with this launch's management key; `port` overrides config.yaml's for this run. */
  startProxy(options: { configPath: string; port?: number }): Promise<RunningProxy>;
  probe: PortProbe;
  fetch: typeof fetch;
  managementKey: string;
  preloadPath: string;
  windowIcon?: string;
  notificationIcon?: unknown;
  csp: string;
  /** Started by login at login: stay in the tray. */
  startHidden: boolean;
  now(): number;
  timers: Timers;
  sleep(ms: number): Promise<void>;
  /** Tray refresh interval; default 15 s. */
  pollIntervalMs?: number;
  /** electron-updater's autoUpdater in an installed app; absent in a development checkout (checks then say so). */
  autoUpdater?: AutoUpdaterLike;
  /** This app's version (app.getVersion()). */
  appVersion?: string;
  /** Electron's powerMonitor: after sleep, tokens and quota are refreshed at once. */
  powerMonitor?: PowerMonitorLike;
  /** The OS's language (Electron's app.getLocale()); the tray follows it unless the dashboard chose one. Default English. */
  systemLocale?(): string;
  log(message: string): void;
}

