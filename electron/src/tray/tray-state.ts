/**
 * What the tray shows, as plain data, and the pure functions that read it: the icon state (running /
 * degraded / stopped), the status line with its reasons, and the title and tooltip the user chose.
 */
import type { AccountView, ClientSetupView, CredentialView, HiddenModelView, LoginProviderView, ModelView, StatusResponse } from '../core/proxy-core.js';
import type { ProxyStatus } from '../core/proxy-controller.js';
import type { NotificationPreferences, TrayDisplay } from '../settings/settings-schema.js';
import { createTranslator, type Translate } from '../i18n/index.js';
import type { UpdateStatus } from '../updates/update-checker.js';
import { accountName, bucketLine, formatPercent, tightestBucket } from './quota.js';

/** One poll of the management API. A list whose endpoint failed is empty; `error` says the status call failed. */
export interface ManagementSnapshot {
  status: StatusResponse | null;
  credentials: CredentialView[];
  models: ModelView[];
  /** Models switched off everywhere (shown unchecked in the Models menu). */
  hiddenModels: HiddenModelView[];
  accounts: AccountView[];
  loginProviders: LoginProviderView[];
  requestsToday: number | null;
  /** Coding tools and their setup status (the "Connect a tool" menu); absent from a proxy without client setup. */
  clients?: ClientSetupView[];
  /** Why the proxy's management API could not be read, if it could not. */
  error: string | null;
}

export interface TrayState {
  proxy: ProxyStatus;
  snapshot: ManagementSnapshot | null;
  display: TrayDisplay;
  launchAtLogin: boolean;
  notifications: NotificationPreferences;
  /** Providers with a login in progress. */
  loginsInProgress: readonly string[];
  /** Milliseconds since the epoch, for reset countdowns. */
  now: number;
  /** The tray's language (Settings → Language in the dashboard, else the OS's); English when absent. */
  t?: Translate;
  /** Self-update progress (electron-updater), and whether it checks by itself at start. */
  update?: UpdateStatus;
  autoUpdateCheck?: boolean;
}

export type TrayHealth = 'running' | 'degraded' | 'stopped';

export const APP_NAME = 'CLIProxy Desktop';

/** The state's translator, English by default (tests and older callers build states without one). */
export function translatorOf(state: TrayState): Translate {
  return state.t ?? createTranslator('en');
}

/** Why the proxy counts as degraded, in plain words; empty when it is healthy or stopped. */
export function degradedReasons(state: TrayState): string[] {
  if (state.proxy.kind !== 'running' || !state.snapshot) return [];
  const { snapshot } = state;
  const t = translatorOf(state);
  if (snapshot.error) return [t('status.notAnswering', { error: snapshot.error })];
  const reasons: string[] = [];
  const relogin = snapshot.accounts.filter((account) => account.state === 'needs-relogin').length;
  const refreshFailing = snapshot.accounts.filter((account) => account.state === 'refresh-failing').length;
  const cooling = snapshot.status?.credentials.cooling ?? snapshot.credentials.filter((credential) => credential.state === 'cooling').length;
  if (relogin > 0) reasons.push(t('status.relogin', { count: relogin }));
  if (refreshFailing > 0) reasons.push(t('status.refreshFailing', { count: refreshFailing }));
  if (cooling > 0) reasons.push(t('status.cooling', { count: cooling }));
  return reasons;
}

export function trayHealth(state: TrayState): TrayHealth {
  if (state.proxy.kind !== 'running') return 'stopped';
  return degradedReasons(state).length > 0 ? 'degraded' : 'running';
}

/** The first, disabled line of the menu. */
export function statusLine(state: TrayState): string {
  const { proxy } = state;
  const t = translatorOf(state);
  switch (proxy.kind) {
    case 'starting':
      return t('status.starting');
    case 'stopped':
      return proxy.byUser ? t('status.stopped') : t('status.notRunning');
    case 'port-conflict':
      return proxy.message;
    case 'failed':
      return proxy.message;
    case 'running': {
      // The live address from the last poll: the LAN switch (Settings → Network) moves it without a restart.
      const address = `${state.snapshot?.status?.address.host ?? proxy.host}:${proxy.port}`;
      const credentials = state.snapshot?.status?.credentials;
      const counts = credentials ? t('status.counts', { enabled: credentials.enabled, count: credentials.total }) : '';
      return t(trayHealth(state) === 'degraded' ? 'status.degraded' : 'status.running', { address, counts });
    }
  }
}

/** The account the display choice points at, if it still exists. */
export function displayedAccount(state: TrayState): AccountView | undefined {
  const { display } = state;
  if (display.kind !== 'account-quota') return undefined;
  return state.snapshot?.accounts.find((account) => account.id === display.accountId);
}

/** The user's chosen metric, short: "412 requests today", "Claude 5-hour 62%"; '' when none applies. */
export function trayTitle(state: TrayState): string {
  if (state.proxy.kind !== 'running') return '';
  const { display } = state;
  if (display.kind === 'requests-today') {
    const count = state.snapshot?.requestsToday;
    return typeof count === 'number' ? translatorOf(state)('status.todayShort', { count }) : '';
  }
  if (display.kind === 'account-quota') {
    const account = displayedAccount(state);
    const tight = account ? tightestBucket(account, display.bucketId) : null;
    return account && tight ? `${account.providerName} ${tight.bucket.label} ${formatPercent(tight.fraction)}` : '';
  }
  return '';
}

/** Hover text: app name, state, the chosen metric in full. */
export function trayTooltip(state: TrayState): string {
  const t = translatorOf(state);
  const lines = [`${APP_NAME}: ${statusLine(state)}`, ...degradedReasons(state)];
  const { display } = state;
  if (state.proxy.kind === 'running' && display.kind === 'requests-today' && typeof state.snapshot?.requestsToday === 'number') {
    lines.push(t('status.requestsToday', { count: state.snapshot.requestsToday }));
  }
  if (state.proxy.kind === 'running' && display.kind === 'account-quota') {
    const account = displayedAccount(state);
    const tight = account ? tightestBucket(account, display.bucketId) : null;
    if (account && tight) lines.push(`${accountName(account)}: ${bucketLine(tight, state.now, t)}`);
  }
  return lines.join('\n');
}
