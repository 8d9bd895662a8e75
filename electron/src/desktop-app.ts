/**
 * The desktop app wired together from injected parts: single-instance lock, proxy lifecycle, tray, window,
 * IPC, logins and notifications. `main.ts` passes the real Electron objects; tests pass fakes and drive the
 * same code in plain Node.
 */
import type { ConfigLocation } from './core/config-location.js';
import { askAboutPortConflict, askAboutStartFailure } from './core/proxy-dialogs.js';
import { createProxyController, type ProxyStatus } from './core/proxy-controller.js';
import { createDesktopActions } from './desktop-actions.js';
import type { DesktopAppDeps } from './desktop-app-deps.js';
import { createTranslators, resolveAppLanguage, type Translate } from './i18n/index.js';
import { registerIpc } from './ipc/register-ipc.js';
import { watchResume } from './lifecycle/resume-refresh.js';
import { claimSingleInstance } from './lifecycle/single-instance.js';
import { createLoginFlow } from './logins/login-flow.js';
import { createManagementClient } from './management/management-client.js';
import { createNotificationPresenter } from './notifications/notification-presenter.js';
import { createNotifier } from './notifications/notifier.js';
import { buildTrayMenu } from './tray/build-tray-menu.js';
import { createStatusPoller } from './tray/status-poller.js';
import { createTrayIcon } from './tray/tray-icon.js';
import { trayHealth, trayTitle, trayTooltip, type ManagementSnapshot, type TrayState } from './tray/tray-state.js';
import { createUpdateChecker } from './updates/update-checker.js';
import { createMainWindow } from './windows/main-window.js';
import { originOf } from './windows/navigation-policy.js';
import { hardenSession } from './windows/session-security.js';

export type { DesktopAppDeps, DesktopAppLike } from './desktop-app-deps.js';

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
    translate,
    log: deps.log,
  });

  const updates = createUpdateChecker({
    updater: deps.autoUpdater,
    currentVersion: deps.appVersion ?? '0.0.0',
    settings: deps.settings,
    showMessageBox: deps.showMessageBox,
    notify,
    translate,
    onChange: () => render(),
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
    updates,
    setLanguage: (preference) => {
      if (deps.settings.get().language !== preference) deps.settings.update({ language: preference });
      render();
      return resolveAppLanguage(preference, deps.systemLocale?.() ?? 'en');
    },
    translate,
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
    return { proxy: controller.status(), snapshot, display: settings.trayDisplay, launchAtLogin: settings.launchAtLogin, notifications: settings.notifications, loginsInProgress: logins, now: deps.now(), t: translate(), update: updates.status(), autoUpdateCheck: settings.updates.autoCheck };
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
      const choice = await askAboutPortConflict(deps.showMessageBox, status, { trayAvailable: tray.available(), t: translate() });
      if (choice.kind === 'use-port') await actions.startOnPort(choice.port, choice.save);
      if (choice.kind === 'quit') deps.app.quit();
    } else if (status.kind === 'failed') {
      const choice = await askAboutStartFailure(deps.showMessageBox, status, { trayAvailable: tray.available(), configPath: config?.path ?? null, t: translate() });
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
  const resume = deps.powerMonitor
    ? watchResume({
        powerMonitor: deps.powerMonitor,
        isRunning: () => controller.status().kind === 'running',
        client,
        refresh: () => poller.refresh(),
        now: deps.now,
        log: deps.log,
      })
    : undefined;
  let shutDown = false;
  let shuttingDown: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    shuttingDown ??= (async () => {
      poller.stop();
      ipc?.dispose();
      resume?.dispose();
      await controller.close().catch((error: Error) => deps.log(`quit: the proxy did not close cleanly: ${error.message}`));
      tray.dispose();
      shutDown = true;
    })();
    return shuttingDown;
  }

  return {
    state,
    actions: actions.tray,
    updates,
    /** The refresh a wake from sleep starts (tests call it; the powerMonitor 'resume' event does in the app). */
    afterResume: () => resume?.run() ?? Promise.resolve(),
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
      void updates.checkAtStart().catch((error: Error) => deps.log(`update check: ${error.message}`));
      return true;
    },
    /** Stops polling and IPC, closes the proxy (ending streams cleanly) and removes the tray. */
    shutdown,
  };
}
