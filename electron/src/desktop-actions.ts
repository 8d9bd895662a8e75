/**
 * What the tray's items and the IPC channels do. Each tray action runs in the background and reports a
 * failure as a notification (a menu click has nowhere else to show one); IPC handlers return or throw, and
 * `register-ipc.ts` turns a throw into an error envelope.
 */
import { createTranslator, type Translate } from './i18n/index.js';
import type { ProxyController, ProxyStatus } from './core/proxy-controller.js';
import type { DesktopHandlers } from './ipc/contract.js';
import type { LaunchAtLogin } from './lifecycle/launch-at-login.js';
import type { LoginFlow } from './logins/login-flow.js';
import type { ManagementClient } from './management/management-client.js';
import type { Settings } from './settings/settings-store.js';
import type { TrayActions } from './tray/build-tray-menu.js';
import type { MainWindow } from './windows/main-window.js';

export interface DesktopActionsDeps {
  controller: ProxyController;
  client: ManagementClient;
  window: MainWindow;
  loginFlow: LoginFlow;
  settings: Settings;
  launchAtLogin: LaunchAtLogin;
  writeClipboard(text: string): void;
  openExternal(url: string): Promise<void>;
  showItemInFolder(file: string): void;
  managementKey: string;
  notify(message: { title: string; body: string }): void;
  refresh(): Promise<unknown>;
  render(): void;
  /** Explains a failed start (dialogs) and acts on the answer. */
  afterStart(status: ProxyStatus): Promise<void>;
  /** Asks the app to quit (which closes the proxy first). */
  quit(): void;
  /** The next "stopped" is the user's doing, not a crash. */
  markStopRequested(): void;
  /** Self-update: the tray item's action (check, offer, install) and the automatic-check switch. */
  updates: { trayAction(): Promise<void>; setAutoCheck(enabled: boolean): void };
  /** Saves the language preference and answers the language now in effect (the tray re-renders). */
  setLanguage(preference: 'system' | 'en' | 'zh-CN'): 'en' | 'zh-CN';
  /** Notifications in the app's language now (a switch applies to the next one). */
  translate(): Translate;
  log(message: string): void;
}

export function createDesktopActions(deps: DesktopActionsDeps) {
  const t = (key: string, values?: Record<string, unknown>) => deps.translate()(`desktop:${key}`, values);
  // The log stays in English whatever the display language.
  const english = createTranslator('en');
  /** Runs tray work; a failure is logged and notified as "Could not <what>" (`what` a key under couldNot). */
  const background = (what: string, values: Record<string, unknown>, work: () => Promise<unknown>) => {
    void work().catch((error: Error) => {
      deps.log(`${english(`desktop:couldNot.${what}`, values)}: ${error.message}`);
      deps.notify({ title: t('couldNot.title', { what: t(`couldNot.${what}`, values) }), body: error.message });
    });
  };

  async function start(): Promise<ProxyStatus> {
    const status = await deps.controller.start();
    if (status.kind !== 'running') await deps.afterStart(status);
    return deps.controller.status();
  }

  async function startOnPort(port: number, save: boolean): Promise<void> {
    const status = await deps.controller.start({ port });
    if (status.kind !== 'running') {
      await deps.afterStart(status);
      return;
    }
    if (!save) return;
    try {
      const result = await deps.client.patchConfig({ port });
      if (!result.persisted) deps.notify({ title: t('port.thisRunOnly', { port }), body: result.reason ?? t('port.notWritten') });
    } catch (error) {
      deps.notify({ title: t('port.notSaved', { port }), body: t('port.notSavedBody', { error: (error as Error).message, port }) });
    }
  }

  function setLaunchAtLogin(enabled: boolean): boolean {
    const now = deps.launchAtLogin.set(enabled);
    deps.settings.update({ launchAtLogin: now });
    deps.render();
    return now;
  }

  function openDashboard(route?: string): void {
    if (deps.window.show(route)) return;
    background('openDashboard', {}, async () => {
      const status = await start();
      if (status.kind === 'running') deps.window.show(route);
    });
  }

  const tray: TrayActions = {
    start: () => background('start', {}, start),
    stop: () =>
      background('stop', {}, async () => {
        deps.markStopRequested();
        await deps.controller.stop();
      }),
    startOnPort: (port, save) => background('startOnPort', { port }, () => startOnPort(port, save)),
    copyBaseUrl: () => {
      const status = deps.controller.status();
      if (status.kind === 'running') deps.writeClipboard(status.url);
    },
    copyClientKey: () =>
      background('copyClientKey', {}, async () => {
        const [key] = await deps.client.clientKeys();
        if (!key) throw new Error('config.yaml has no client key (api-keys). Add one on the dashboard Settings page.');
        deps.writeClipboard(key);
      }),
    login: (providerId) => background('logIn', {}, () => deps.loginFlow.start(providerId)),
    setCredentialEnabled: (credentialId, enabled) =>
      background(enabled ? 'accountOn' : 'accountOff', {}, async () => {
        try {
          await deps.client.setCredentialDisabled(credentialId, !enabled);
        } finally {
          // Show the real state either way: the change, or the checkbox flipping back.
          await deps.refresh();
        }
      }),
    setModelEnabled: (modelId, enabled) =>
      background(enabled ? 'modelOn' : 'modelOff', { model: modelId }, async () => {
        try {
          const result = await deps.client.setModelEnabled(modelId, enabled);
          if (!result.persisted) deps.notify({ title: t(enabled ? 'model.onUntilRestart' : 'model.offUntilRestart', { model: modelId }), body: result.reason ?? t('port.notWritten') });
        } finally {
          // Show the real state either way: the change, or the checkbox flipping back.
          await deps.refresh();
        }
      }),
    setDisplay: (display) => {
      deps.settings.update({ trayDisplay: display });
      deps.render();
    },
    openDashboard,
    setLaunchAtLogin: (enabled) => {
      try {
        setLaunchAtLogin(enabled);
      } catch (error) {
        deps.notify({ title: t('launchAtLogin'), body: (error as Error).message });
      }
    },
    setNotification: (kind, enabled) => {
      deps.settings.update({ notifications: { ...deps.settings.get().notifications, [kind]: enabled } });
      deps.render();
    },
    checkForUpdates: () => background('checkUpdates', {}, () => deps.updates.trayAction()),
    setAutoUpdateCheck: (enabled) => {
      deps.updates.setAutoCheck(enabled);
      deps.render();
    },
    quit: () => deps.quit(),
    connect: {
      setUp: (clientId) =>
        background('setUp', { client: clientId }, async () => {
          try {
            const result = await deps.client.applyClient(clientId);
            deps.notify({
              title: t('connect.pointsHere', { name: result.client.name }),
              body: result.written.length === 0 ? t('connect.alreadySetUp') : t(result.backups.length > 0 ? 'connect.changedBackedUp' : 'connect.changed', { files: result.written.join(', ') }),
            });
          } finally {
            await deps.refresh();
          }
        }),
      revert: (clientId) =>
        background('revert', { client: clientId }, async () => {
          try {
            const result = await deps.client.revertClient(clientId);
            deps.notify({ title: t('connect.backAsItWas', { name: result.client.name }), body: [...result.restored.map((file) => t('connect.restored', { file })), ...result.removed.map((file) => t('connect.removed', { file }))].join('; ') || t('connect.nothingToRestore') });
          } finally {
            await deps.refresh();
          }
        }),
      openPage: () => openDashboard('connect'),
    },
  };

  function ipcHandlers(origin: () => string | null): DesktopHandlers {
    return {
      openExternal: (url) => deps.openExternal(url),
      revealFile: (file) => deps.showItemInFolder(file),
      quit: () => {
        // Answer the renderer first; quitting closes its window.
        setTimeout(() => deps.quit(), 0);
      },
      getLaunchAtLogin: () => deps.launchAtLogin.get(),
      setLaunchAtLogin: (enabled) => setLaunchAtLogin(enabled),
      getConnection: () => {
        const baseUrl = origin();
        if (!baseUrl) throw new Error('the proxy is not running; start it from the tray.');
        return { baseUrl, managementKey: deps.managementKey };
      },
      setLanguage: (preference) => deps.setLanguage(preference),
    };
  }

  return { tray, start, startOnPort, ipcHandlers };
}
