/**
 * The desktop app wired together from injected parts: single-instance lock, proxy lifecycle, tray, window,
 * IPC, logins and notifications. `main.ts` passes the real Electron objects; tests pass fakes and drive the
 * same code in plain Node.
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { ConfigLocation } from './core/config-location.js';
import type { PortProbe } from './core/port-conflict.js';
import { askAboutPortConflict, askAboutStartFailure, type ShowMessageBox } from './core/proxy-dialogs.js';
import { createProxyController, type ProxyStatus } from './core/proxy-controller.js';
import type { RunningProxy } from './core/proxy-core.js';
import { createTranslators, resolveAppLanguage, type Translate } from './i18n/index.js';
import { registerIpc, type IpcMainLike } from './ipc/register-ipc.js';
import { claimSingleInstance } from './lifecycle/single-instance.js';
import type { LaunchAtLogin } from './lifecycle/launch-at-login.js';
import { createLoginFlow } from './logins/login-flow.js';
import { createManagementClient } from './management/management-client.js';
import { createNotificationPresenter, type NativeNotificationLike } from './notifications/notification-presenter.js';
import { createNotifier } from './notifications/notifier.js';
import type { Settings } from './settings/settings-store.js';
import { createDesktopActions } from './desktop-actions.js';
import { buildTrayMenu } from './tray/build-tray-menu.js';
import { createStatusPoller, type Timers } from './tray/status-poller.js';
import { createTrayIcon, type TrayLike } from './tray/tray-icon.js';
import { trayHealth, trayTitle, trayTooltip, type ManagementSnapshot, type TrayHealth, type TrayState } from './tray/tray-state.js';
import { createMainWindow, type BrowserWindowLike, type DisplayArea } from './windows/main-window.js';
import { originOf } from './windows/navigation-policy.js';
import { hardenSession, type SessionLike } from './windows/session-security.js';

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
  /** The OS's language (Electron's app.getLocale()); the tray follows it unless the dashboard chose one. Default English. */
  systemLocale?(): string;
  log(message: string): void;
}

export type DesktopApp = ReturnType<typeof createDesktopApp>;

export function createDesktopApp(deps: DesktopAppDeps) {
  let snapshot: ManagementSnapshot | null = null;
  let failedPolls = 0;
  let everRan = false;
  let stopRequested = false;
  let logins: readonly string[] = [];
  let config: ConfigLocation | undefined;
  const translators = createTranslators();
  const translate = (): Translate => translators(resolveAppLanguage(deps.settings.get().language, deps.systemLocale?.() ?? 'en'));

  const origin = () => {
    const status = controller.status();
    return status.kind === 'running' ? originOf(status.url) : null;
  };
  const client = createManagementClient({ fetch: deps.fetch, baseUrl: origin, managementKey: deps.managementKey });
  const notifier = createNotifier({ isEnabled: (kind) => deps.settings.get().notifications[kind], now: deps.now, translate });
  const presenter = createNotificationPresenter({
    createNotification: deps.createNotification,
    isSupported: deps.notificationsSupported,
    icon: deps.notificationIcon,
    onClick: (notification) => {
      if (notification.accountId) window.show('accounts');
    },
  });
  const notify = (message: { title: string; body: string }) => presenter.show({ kind: 'login', key: message.title, ...message });

  const startProxy = async (options: { port?: number }) => {
    config ??= await deps.prepareConfig();
    return deps.startProxy({ ...options, configPath: config.path });
  };
  const controller = createProxyController({ start: startProxy, probe: deps.probe, log: deps.log, onChange: (status) => proxyChanged(status) });
  const window = createMainWindow({
    createWindow: deps.createWindow,
    openExternal: deps.openExternal,
    settings: deps.settings,
    preloadPath: deps.preloadPath,
    iconPath: deps.windowIcon,
    origin,
    displays: deps.displays,
    log: deps.log,
  });
  const poller = createStatusPoller({ client, now: deps.now, timers: deps.timers, intervalMs: deps.pollIntervalMs ?? 15_000, onSnapshot: (next) => snapshotArrived(next) });
  const loginFlow = createLoginFlow({
    client,
    openExternal: deps.openExternal,
    showAccounts: () => window.show('accounts'),
    copyText: deps.writeClipboard,
    notify,
    refresh: () => poller.refresh(),
    sleep: deps.sleep,
    now: deps.now,
    onChange: (providers) => {
      logins = providers;
      render();
    },
    log: deps.log,
  });

  const actions = createDesktopActions({
    controller,
    client,
    window,
    loginFlow,
    settings: deps.settings,
    launchAtLogin: deps.launchAtLogin,
    writeClipboard: deps.writeClipboard,
    openExternal: deps.openExternal,
    showItemInFolder: deps.showItemInFolder,
    managementKey: deps.managementKey,
    notify,
    refresh: () => poller.refresh(),
    render: () => render(),
    afterStart: (status) => explainStart(status),
    quit: () => deps.app.quit(),
    markStopRequested: () => {
      stopRequested = true;
    },
    setLanguage: (preference) => {
      if (deps.settings.get().language !== preference) deps.settings.update({ language: preference });
      render();
      return resolveAppLanguage(preference, deps.systemLocale?.() ?? 'en');
    },
    log: deps.log,
  });

  const tray = createTrayIcon({
    createTray: deps.createTray,
    buildMenu: deps.buildMenu,
    image: deps.trayImage,
    platform: deps.platform,
    onClick: () => actions.tray.openDashboard(),
    log: deps.log,
  });

  function state(): TrayState {
    const settings = deps.settings.get();
    return { proxy: controller.status(), snapshot, display: settings.trayDisplay, launchAtLogin: settings.launchAtLogin, notifications: settings.notifications, loginsInProgress: logins, now: deps.now(), t: translate() };
  }

  function render(): void {
    const current = state();
    tray.render({ health: trayHealth(current), title: trayTitle(current), tooltip: trayTooltip(current), menu: buildTrayMenu(current, actions.tray) });
  }

  function proxyChanged(status: ProxyStatus): void {
    if (status.kind === 'running') {
      everRan = true;
      stopRequested = false;
      failedPolls = 0;
      presenter.showAll(notifier.observeProxy({ state: 'up' }));
      window.followProxy();
      void poller.start();
    } else {
      poller.stop();
      snapshot = null;
      const unexpected = everRan && !stopRequested && (status.kind === 'failed' || status.kind === 'port-conflict');
      if (unexpected) presenter.showAll(notifier.observeProxy({ state: 'down', reason: `${status.message}` }));
    }
    render();
  }

  function snapshotArrived(next: ManagementSnapshot): void {
    snapshot = next;
    if (next.error) {
      failedPolls += 1;
      if (failedPolls >= 2) presenter.showAll(notifier.observeProxy({ state: 'down', reason: translate()('notifications:managementSilent', { error: next.error }) }));
    } else {
      if (failedPolls >= 2) presenter.showAll(notifier.observeProxy({ state: 'up' }));
      failedPolls = 0;
      presenter.showAll(notifier.observeAccounts(next.accounts));
    }
    render();
  }

  /** After a start attempt: explain a failure in a dialog and act on the answer. */
  async function explainStart(status: ProxyStatus): Promise<void> {
    if (status.kind === 'port-conflict') {
      const choice = await askAboutPortConflict(deps.showMessageBox, status, { trayAvailable: tray.available() });
      if (choice.kind === 'use-port') await actions.startOnPort(choice.port, choice.save);
      if (choice.kind === 'quit') deps.app.quit();
    } else if (status.kind === 'failed') {
      const choice = await askAboutStartFailure(deps.showMessageBox, status, { trayAvailable: tray.available(), configPath: config?.path ?? 'not found' });
      if (choice.kind === 'show-config' && config) deps.showItemInFolder(config.path);
      if (choice.kind === 'quit') deps.app.quit();
    }
  }

  /** A second launch, or the Dock icon: show the window, starting the proxy first when it is stopped. */
  async function openWindow(): Promise<void> {
    if (window.show()) return;
    const status = controller.status();
    if (status.kind === 'stopped') await actions.start();
    else if (status.kind !== 'starting') await explainStart(status);
    window.show();
  }

  let ipc: { dispose(): void } | undefined;
  let shutDown = false;
  let shuttingDown: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    shuttingDown ??= (async () => {
      poller.stop();
      ipc?.dispose();
      await controller.close().catch((error: Error) => deps.log(`quit: the proxy did not close cleanly: ${error.message}`));
      tray.dispose();
      shutDown = true;
    })();
    return shuttingDown;
  }

  return {
    state,
    actions: actions.tray,
    controller,
    window,
    tray,
    /** False when another instance runs (this one then quits without starting anything). */
    async start(): Promise<boolean> {
      if (!claimSingleInstance({ app: deps.app, focusWindow: () => window.focus(), openWindow: () => void openWindow(), log: deps.log })) return false;
      deps.app.on('window-all-closed', () => undefined); // closing the window keeps the proxy and the tray
      deps.app.on('activate', () => void openWindow()); // macOS: clicking the Dock icon
      deps.app.on('before-quit', (event) => {
        if (shutDown) return;
        event.preventDefault();
        void shutdown().then(() => deps.app.quit());
      });
      if (deps.session) hardenSession(deps.session, { csp: deps.csp, origin });
      ipc = registerIpc({ ipcMain: deps.ipcMain, handlers: actions.ipcHandlers(origin), isTrustedUrl: (url) => origin() !== null && originOf(url) === origin(), log: deps.log });
      render();
      const status = await controller.start();
      if (config?.created) {
        const t = translate();
        notify({ title: t('notifications:setUp'), body: t('notifications:setUpBody', { path: config.path }) });
      }
      if (status.kind === 'running') {
        if (!deps.startHidden || !tray.available()) window.show();
      } else {
        await explainStart(status);
      }
      return true;
    },
    /** Stops polling and IPC, closes the proxy (ending streams cleanly) and removes the tray. */
    shutdown,
  };
}
