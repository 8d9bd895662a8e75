/**
 * The tray menu as a pure function of the tray state: the same state always gives the same items, and a click
 * only calls one of the given actions. `Menu.buildFromTemplate(buildTrayMenu(state, actions))` makes it real.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AccountView, CredentialView } from '../core/proxy-core.js';
import { NOTIFICATION_KINDS, type NotificationKind, type TrayDisplay } from '../settings/settings-schema.js';
import { connectMenu, type ConnectActions } from './connect-menu.js';
import { accountName, bucketLine, tightestBucket } from './quota.js';
import { APP_NAME, degradedReasons, statusLine, type TrayState } from './tray-state.js';

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
  quit(): void;
  /** The "Connect a tool" submenu's actions (set up, revert); without them the submenu is left out. */
  connect?: ConnectActions;
}

const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  'needs-relogin': 'An account needs a new login',
  'quota-low': 'Quota below 10%',
  'quota-exhausted': 'Quota used up',
  'quota-restored': 'Quota restored',
  'proxy-stopped': 'The proxy stopped',
};

/** Long lists stop here and point at the dashboard. */
export const MENU_LIST_LIMIT = 25;
const QUOTA_LINES = 3;

const separator: MenuItemConstructorOptions = { type: 'separator' };
const info = (id: string, label: string): MenuItemConstructorOptions => ({ id, label, enabled: false });

function stateSuffix(credential: CredentialView, account: AccountView | undefined): string {
  if (account?.state === 'needs-relogin') return ' · log in again';
  if (account?.state === 'refresh-failing') return ' · token refresh failing';
  if (credential.state === 'cooling') return ' · cooling down';
  if (credential.state === 'unsupported') return ' · not supported';
  return '';
}

function credentialItem(id: string, credential: CredentialView, account: AccountView | undefined, actions: TrayActions, label?: string): MenuItemConstructorOptions {
  const enabled = !credential.disabled;
  return {
    id,
    label: `${label ?? `${credential.label} (${credential.group})`}${stateSuffix(credential, account)}`,
    type: 'checkbox',
    checked: enabled,
    click: () => actions.setCredentialEnabled(credential.id, !enabled),
  };
}

function moreItem(id: string, hidden: number, route: string, actions: TrayActions): MenuItemConstructorOptions {
  return { id, label: `${hidden} more in the dashboard…`, click: () => actions.openDashboard(route) };
}

function proxyItems(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const { proxy } = state;
  if (proxy.kind === 'running') return [{ id: 'stop', label: 'Stop proxy', click: () => actions.stop() }];
  if (proxy.kind === 'starting') return [{ id: 'start', label: 'Start proxy', enabled: false }];
  const items: MenuItemConstructorOptions[] = [];
  if (proxy.kind === 'port-conflict' && proxy.conflict.suggestedPort) {
    const port = proxy.conflict.suggestedPort;
    items.push(
      { id: 'start-on-port', label: `Start on port ${port} (this run)`, click: () => actions.startOnPort(port, false) },
      { id: 'start-on-port-save', label: `Start on port ${port} and save it`, click: () => actions.startOnPort(port, true) },
    );
  }
  items.push({ id: 'start', label: proxy.kind === 'port-conflict' || proxy.kind === 'failed' ? 'Try again' : 'Start proxy', click: () => actions.start() });
  return items;
}

function loginMenu(state: TrayState, actions: TrayActions, running: boolean): MenuItemConstructorOptions {
  const providers = state.snapshot?.loginProviders ?? [];
  const submenu: MenuItemConstructorOptions[] = providers.map((provider) => {
    const busy = state.loginsInProgress.includes(provider.id);
    return {
      id: `login:${provider.id}`,
      label: `${provider.name}${busy ? ' (logging in…)' : provider.hint ? ` (${provider.hint})` : ''}`,
      enabled: running,
      click: () => actions.login(provider.id),
    };
  });
  if (submenu.length === 0) submenu.push(info('login:none', running ? 'No subscription logins available' : 'Start the proxy to log in'));
  return { id: 'login', label: 'Log in to', submenu };
}

function accountsMenu(state: TrayState, actions: TrayActions, running: boolean): MenuItemConstructorOptions {
  const credentials = state.snapshot?.credentials ?? [];
  const accounts = new Map((state.snapshot?.accounts ?? []).map((account) => [account.id, account]));
  const submenu = credentials.slice(0, MENU_LIST_LIMIT).map((credential) => credentialItem(`credential:${credential.id}`, credential, accounts.get(credential.id), actions));
  if (credentials.length > MENU_LIST_LIMIT) submenu.push(moreItem('credentials:more', credentials.length - MENU_LIST_LIMIT, 'accounts', actions));
  if (submenu.length === 0) submenu.push(info('credentials:none', running ? 'No accounts or keys yet' : 'Start the proxy to see accounts'));
  submenu.push(separator, { id: 'credentials:manage', label: 'Manage accounts…', enabled: running, click: () => actions.openDashboard('accounts') });
  return { id: 'accounts', label: 'Accounts', submenu };
}

/**
 * One checkbox per model, served ones ticked and switched-off ones (`hiddenModels`) not, in one list sorted by
 * id so a model keeps its place when it is switched. The label says how many accounts serve it.
 */
function modelsMenu(state: TrayState, actions: TrayActions, running: boolean): MenuItemConstructorOptions {
  const credentials = new Map((state.snapshot?.credentials ?? []).map((credential) => [credential.id, credential]));
  const served = (state.snapshot?.models ?? []).map((model) => {
    const serving = model.credentials.map((binding) => credentials.get(binding.id)).filter((credential): credential is CredentialView => Boolean(credential));
    const on = serving.filter((credential) => !credential.disabled).length;
    const count = on < serving.length ? `${on} of ${serving.length} accounts on` : serving.length === 1 ? '1 account' : `${serving.length} accounts`;
    return { id: model.id, enabled: true, label: `${model.id} (${count})` };
  });
  const servedIds = new Set(served.map((model) => model.id));
  const hidden = (state.snapshot?.hiddenModels ?? [])
    .filter((model) => !servedIds.has(model.id))
    .map((model) => ({ id: model.id, enabled: false, label: `${model.id} (off)` }));
  const models = [...served, ...hidden].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  const submenu: MenuItemConstructorOptions[] = models.slice(0, MENU_LIST_LIMIT).map((model) => ({
    id: `model:${model.id}`,
    label: model.label,
    type: 'checkbox',
    checked: model.enabled,
    enabled: running,
    click: () => actions.setModelEnabled(model.id, !model.enabled),
  }));
  if (models.length > MENU_LIST_LIMIT) submenu.push(moreItem('models:more', models.length - MENU_LIST_LIMIT, 'models', actions));
  if (submenu.length === 0) submenu.push(info('models:none', running ? 'No models yet: add an account' : 'Start the proxy to see models'));
  return { id: 'models', label: 'Models', submenu };
}

/** Up to three accounts with the least quota left, tightest first. */
function quotaItems(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const rows = (state.snapshot?.accounts ?? [])
    .filter((account) => account.enabled)
    .map((account) => ({ account, tight: tightestBucket(account) }))
    .filter((row): row is { account: AccountView; tight: NonNullable<typeof row.tight> } => row.tight !== null)
    .sort((left, right) => left.tight.fraction - right.tight.fraction);
  if (rows.length === 0) return [];
  const items = rows.slice(0, QUOTA_LINES).map(({ account, tight }) => info(`quota:${account.id}`, `${accountName(account)}: ${bucketLine(tight, state.now)}`));
  if (rows.length > QUOTA_LINES) items.push({ id: 'quota:more', label: 'All quota…', click: () => actions.openDashboard('accounts') });
  return [separator, info('quota:title', 'Quota'), ...items];
}

function displayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions {
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
    label: 'Show in tray',
    submenu: [
      choice('display:state', 'State only', { kind: 'state' }, display.kind === 'state'),
      choice('display:requests-today', 'Requests today', { kind: 'requests-today' }, display.kind === 'requests-today'),
      ...withQuota.map((account) =>
        choice(`display:account:${account.id}`, `Quota of ${accountName(account)}`, { kind: 'account-quota', accountId: account.id }, display.kind === 'account-quota' && display.accountId === account.id),
      ),
    ],
  };
}

function notificationsMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions {
  return {
    id: 'notifications',
    label: 'Notify me when',
    submenu: NOTIFICATION_KINDS.map((kind) => ({
      id: `notifications:${kind}`,
      label: NOTIFICATION_LABELS[kind],
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
  return [
    info('status', statusLine(state)),
    ...degradedReasons(state).map((reason, index) => info(`status:reason:${index}`, reason)),
    separator,
    ...proxyItems(state, actions),
    separator,
    { id: 'copy-base-url', label: baseUrl ? `Copy base URL (${baseUrl})` : 'Copy base URL', enabled: running, click: () => actions.copyBaseUrl() },
    { id: 'copy-client-key', label: 'Copy client key', enabled: running && clientKeys > 0, click: () => actions.copyClientKey() },
    separator,
    loginMenu(state, actions, running),
    accountsMenu(state, actions, running),
    modelsMenu(state, actions, running),
    ...(actions.connect ? [connectMenu(state, actions.connect, running)] : []),
    ...quotaItems(state, actions),
    separator,
    { id: 'open-dashboard', label: 'Open dashboard', enabled: running, click: () => actions.openDashboard() },
    displayMenu(state, actions),
    notificationsMenu(state, actions),
    { id: 'launch-at-login', label: 'Launch at login', type: 'checkbox', checked: state.launchAtLogin, click: () => actions.setLaunchAtLogin(!state.launchAtLogin) },
    separator,
    { id: 'quit', label: `Quit ${APP_NAME}`, click: () => actions.quit() },
  ];
}
