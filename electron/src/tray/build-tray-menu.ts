/**
 * The tray menu as a pure function of the tray state: the same state always gives the same items, and a click
 * only calls one of the given actions. `Menu.buildFromTemplate(buildTrayMenu(state, actions))` makes it real.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AccountView, CredentialView } from '../core/proxy-core.js';
import { NOTIFICATION_KINDS, type NotificationKind, type TrayDisplay } from '../settings/settings-schema.js';
import { connectMenu, type ConnectActions } from './connect-menu.js';
import { accountName, bucketLine, tightestBucket } from './quota.js';
import type { Translate } from '../i18n/index.js';
import { APP_NAME, degradedReasons, statusLine, translatorOf, type TrayState } from './tray-state.js';

export interface TrayActions {
  start(): void;
  stop(): void;
  /** After a port conflict: start on `port` for this run, and write it to config.yaml when `save`. */
  startOnPort(port: number, save: boolean): void;
  copyBaseUrl(): void;
  copyClientKey(): void;
  login(providerId: string): void;
  setCredentialEnabled(credentialId: string, enabled: boolean): void;
  /** Switches a model on or off for every account and key that serves it. */
  setModelEnabled(modelId: string, enabled: boolean): void;
  setDisplay(display: TrayDisplay): void;
  /** `route` is a dashboard hash route such as `accounts`. */
  openDashboard(route?: string): void;
  setLaunchAtLogin(enabled: boolean): void;
  setNotification(kind: NotificationKind, enabled: boolean): void;
  /** Checks for an update, or offers the one found, or installs the downloaded one (by the update state). */
  checkForUpdates(): void;
  setAutoUpdateCheck(enabled: boolean): void;
  quit(): void;
  /** The "Connect a tool" submenu's actions (set up, revert); without them the submenu is left out. */
  connect?: ConnectActions;
}

/** Long lists stop here and point at the dashboard. */
export const MENU_LIST_LIMIT = 25;
const QUOTA_LINES = 3;

const separator: MenuItemConstructorOptions = { type: 'separator' };
const info = (id: string, label: string): MenuItemConstructorOptions => ({ id, label, enabled: false });

function stateSuffix(credential: CredentialView, account: AccountView | undefined, t: Translate): string {
  if (account?.state === 'needs-relogin') return t('menu.suffix.relogin');
  if (account?.state === 'refresh-failing') return t('menu.suffix.refreshFailing');
  if (credential.state === 'cooling') return t('menu.suffix.cooling');
  if (credential.state === 'unsupported') return t('menu.suffix.unsupported');
  return '';
}

function credentialItem(id: string, credential: CredentialView, account: AccountView | undefined, actions: TrayActions, t: Translate): MenuItemConstructorOptions {
  const enabled = !credential.disabled;
  return {
    id,
    label: `${credential.label} (${credential.group})${stateSuffix(credential, account, t)}`,
    type: 'checkbox',
    checked: enabled,
    click: () => actions.setCredentialEnabled(credential.id, !enabled),
  };
}

function moreItem(id: string, hidden: number, route: string, actions: TrayActions, t: Translate): MenuItemConstructorOptions {
  return { id, label: t('menu.more', { count: hidden }), click: () => actions.openDashboard(route) };
}

function proxyItems(state: TrayState, actions: TrayActions, t: Translate): MenuItemConstructorOptions[] {
  const { proxy } = state;
  if (proxy.kind === 'running') return [{ id: 'stop', label: t('menu.stop'), click: () => actions.stop() }];
  if (proxy.kind === 'starting') return [{ id: 'start', label: t('menu.start'), enabled: false }];
  const items: MenuItemConstructorOptions[] = [];
  if (proxy.kind === 'port-conflict' && proxy.conflict.suggestedPort) {
    const port = proxy.conflict.suggestedPort;
    items.push(
      { id: 'start-on-port', label: t('menu.startOnPort', { port }), click: () => actions.startOnPort(port, false) },
      { id: 'start-on-port-save', label: t('menu.startOnPortSave', { port }), click: () => actions.startOnPort(port, true) },
    );
  }
  items.push({ id: 'start', label: proxy.kind === 'port-conflict' || proxy.kind === 'failed' ? t('menu.tryAgain') : t('menu.start'), click: () => actions.start() });
  return items;
}

function loginMenu(state: TrayState, actions: TrayActions, running: boolean, t: Translate): MenuItemConstructorOptions {
  const providers = state.snapshot?.loginProviders ?? [];
  const submenu: MenuItemConstructorOptions[] = providers.map((provider) => {
    const busy = state.loginsInProgress.includes(provider.id);
    return {
      id: `login:${provider.id}`,
      label: `${provider.name}${busy ? t('menu.loggingIn') : provider.hint ? ` (${provider.hint})` : ''}`,
      enabled: running,
      click: () => actions.login(provider.id),
    };
  });
  if (submenu.length === 0) submenu.push(info('login:none', running ? t('menu.noLogins') : t('menu.startToLogin')));
  return { id: 'login', label: t('menu.loginTo'), submenu };
}

function accountsMenu(state: TrayState, actions: TrayActions, running: boolean, t: Translate): MenuItemConstructorOptions {
  const credentials = state.snapshot?.credentials ?? [];
  const accounts = new Map((state.snapshot?.accounts ?? []).map((account) => [account.id, account]));
  const submenu = credentials.slice(0, MENU_LIST_LIMIT).map((credential) => credentialItem(`credential:${credential.id}`, credential, accounts.get(credential.id), actions, t));
  if (credentials.length > MENU_LIST_LIMIT) submenu.push(moreItem('credentials:more', credentials.length - MENU_LIST_LIMIT, 'accounts', actions, t));
  if (submenu.length === 0) submenu.push(info('credentials:none', running ? t('menu.noAccounts') : t('menu.startToSeeAccounts')));
  submenu.push(separator, { id: 'credentials:manage', label: t('menu.manageAccounts'), enabled: running, click: () => actions.openDashboard('accounts') });
  return { id: 'accounts', label: t('menu.accounts'), submenu };
}

/**
 * One checkbox per model, served ones ticked and switched-off ones (`hiddenModels`) not, in one list sorted by
 * id so a model keeps its place when it is switched. The label says how many accounts serve it.
 */
function modelsMenu(state: TrayState, actions: TrayActions, running: boolean, t: Translate): MenuItemConstructorOptions {
  const credentials = new Map((state.snapshot?.credentials ?? []).map((credential) => [credential.id, credential]));
  const served = (state.snapshot?.models ?? []).map((model) => {
    const serving = model.credentials.map((binding) => credentials.get(binding.id)).filter((credential): credential is CredentialView => Boolean(credential));
    const on = serving.filter((credential) => !credential.disabled).length;
    const count = on < serving.length ? t('menu.modelsOn', { on, count: serving.length }) : t('menu.modelAccounts', { count: serving.length });
    // An id only an account's live list names (a model released after this build) says so; the Models page marks all sources.
    const origins = (model.sources ?? []).includes('live') ? [t('menu.source.live')] : [];
    return { id: model.id, enabled: true, label: `${model.id} (${[count, ...origins].join(' · ')})` };
  });
  const servedIds = new Set(served.map((model) => model.id));
  const hidden = (state.snapshot?.hiddenModels ?? [])
    .filter((model) => !servedIds.has(model.id))
    .map((model) => ({ id: model.id, enabled: false, label: `${model.id} (${t('menu.modelOff')})` }));
  const models = [...served, ...hidden].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  const submenu: MenuItemConstructorOptions[] = models.slice(0, MENU_LIST_LIMIT).map((model) => ({
    id: `model:${model.id}`,
    label: model.label,
    type: 'checkbox',
    checked: model.enabled,
    enabled: running,
    click: () => actions.setModelEnabled(model.id, !model.enabled),
  }));
  if (models.length > MENU_LIST_LIMIT) submenu.push(moreItem('models:more', models.length - MENU_LIST_LIMIT, 'models', actions, t));
  if (submenu.length === 0) submenu.push(info('models:none', running ? t('menu.noModels') : t('menu.startToSeeModels')));
  return { id: 'models', label: t('menu.models'), submenu };
}

/** Up to three accounts with the least quota left, tightest first. */
function quotaItems(state: TrayState, actions: TrayActions, t: Translate): MenuItemConstructorOptions[] {
  const rows = (state.snapshot?.accounts ?? [])
    .filter((account) => account.enabled)
    .map((account) => ({ account, tight: tightestBucket(account) }))
    .filter((row): row is { account: AccountView; tight: NonNullable<typeof row.tight> } => row.tight !== null)
    .sort((left, right) => left.tight.fraction - right.tight.fraction);
  if (rows.length === 0) return [];
  const items = rows.slice(0, QUOTA_LINES).map(({ account, tight }) => info(`quota:${account.id}`, `${accountName(account)}: ${bucketLine(tight, state.now, t)}`));
  if (rows.length > QUOTA_LINES) items.push({ id: 'quota:more', label: t('menu.allQuota'), click: () => actions.openDashboard('accounts') });
  return [separator, info('quota:title', t('menu.quota')), ...items];
}

function displayMenu(state: TrayState, actions: TrayActions, t: Translate): MenuItemConstructorOptions {
  const { display } = state;
  const choice = (id: string, label: string, value: TrayDisplay, checked: boolean): MenuItemConstructorOptions => ({
    id,
    label,
    type: 'radio',
    checked,
    click: () => actions.setDisplay(value),
  });
  const withQuota = (state.snapshot?.accounts ?? []).filter((account) => tightestBucket(account) !== null).slice(0, MENU_LIST_LIMIT);
  return {
    id: 'display',
    label: t('menu.showInTray'),
    submenu: [
      choice('display:state', t('menu.stateOnly'), { kind: 'state' }, display.kind === 'state'),
      choice('display:requests-today', t('menu.requestsToday'), { kind: 'requests-today' }, display.kind === 'requests-today'),
      ...withQuota.map((account) =>
        choice(`display:account:${account.id}`, t('menu.quotaOf', { name: accountName(account) }), { kind: 'account-quota', accountId: account.id }, display.kind === 'account-quota' && display.accountId === account.id),
      ),
    ],
  };
}

function updateItems(state: TrayState, actions: TrayActions, t: Translate): MenuItemConstructorOptions[] {
  const update = state.update ?? { kind: 'idle' };
  const label =
    update.kind === 'checking'
      ? t('updates.checking')
      : update.kind === 'available'
        ? t('updates.available', { version: update.version })
        : update.kind === 'downloading'
          ? t('updates.downloading', { version: update.version })
          : update.kind === 'ready'
            ? t('updates.ready', { version: update.version })
            : t('updates.check');
  const autoCheck = state.autoUpdateCheck ?? true;
  return [
    { id: 'updates', label, enabled: update.kind !== 'checking' && update.kind !== 'downloading', click: () => actions.checkForUpdates() },
    { id: 'auto-update', label: t('updates.auto'), type: 'checkbox', checked: autoCheck, click: () => actions.setAutoUpdateCheck(!autoCheck) },
  ];
}

function notificationsMenu(state: TrayState, actions: TrayActions, t: Translate): MenuItemConstructorOptions {
  return {
    id: 'notifications',
    label: t('menu.notifyWhen'),
    submenu: NOTIFICATION_KINDS.map((kind) => ({
      id: `notifications:${kind}`,
      label: t(`notificationKind.${kind}`),
      type: 'checkbox' as const,
      checked: state.notifications[kind],
      click: () => actions.setNotification(kind, !state.notifications[kind]),
    })),
  };
}

export function buildTrayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const running = state.proxy.kind === 'running';
  const baseUrl = state.proxy.kind === 'running' ? state.proxy.url : null;
  const clientKeys = state.snapshot?.status?.clientKeys ?? 0;
  const t = translatorOf(state);
  return [
    info('status', statusLine(state)),
    ...degradedReasons(state).map((reason, index) => info(`status:reason:${index}`, reason)),
    separator,
    ...proxyItems(state, actions, t),
    separator,
    { id: 'copy-base-url', label: baseUrl ? t('menu.copyBaseUrlWith', { url: baseUrl }) : t('menu.copyBaseUrl'), enabled: running, click: () => actions.copyBaseUrl() },
    { id: 'copy-client-key', label: t('menu.copyClientKey'), enabled: running && clientKeys > 0, click: () => actions.copyClientKey() },
    separator,
    loginMenu(state, actions, running, t),
    accountsMenu(state, actions, running, t),
    modelsMenu(state, actions, running, t),
    ...(actions.connect ? [connectMenu(state, actions.connect, running, t)] : []),
    ...quotaItems(state, actions, t),
    separator,
    { id: 'open-dashboard', label: t('menu.openDashboard'), enabled: running, click: () => actions.openDashboard() },
    displayMenu(state, actions, t),
    notificationsMenu(state, actions, t),
    { id: 'launch-at-login', label: t('menu.launchAtLogin'), type: 'checkbox', checked: state.launchAtLogin, click: () => actions.setLaunchAtLogin(!state.launchAtLogin) },
    separator,
    ...updateItems(state, actions, t),
    separator,
    { id: 'quit', label: t('menu.quit', { app: APP_NAME }), click: () => actions.quit() },
  ];
}
