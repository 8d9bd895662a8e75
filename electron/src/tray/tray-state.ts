/**
 * What the tray shows, as plain data, and the pure functions that read it: the icon state (running /
 * degraded / stopped), the status line with its reasons, and the title and tooltip the user chose.
 */
import type { AccountView, ClientSetupView, CredentialView, HiddenModelView, LoginProviderView, ModelView, StatusResponse } from '../core/proxy-core.js';
import type { ProxyStatus } from '../core/proxy-controller.js';
import type { NotificationPreferences, TrayDisplay } from '../settings/settings-schema.js';
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
}

export type TrayHealth = 'running' | 'degraded' | 'stopped';

export const APP_NAME = 'CLIProxy Desktop';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Why the proxy counts as degraded, in plain words; empty when it is healthy or stopped. */
export function degradedReasons(state: TrayState): string[] {
  if (state.proxy.kind !== 'running' || !state.snapshot) return [];
  const { snapshot } = state;
  if (snapshot.error) return [`The proxy does not answer: ${snapshot.error}`];
  const reasons: string[] = [];
  const relogin = snapshot.accounts.filter((account) => account.state === 'needs-relogin').length;
  const refreshFailing = snapshot.accounts.filter((account) => account.state === 'refresh-failing').length;
  const cooling = snapshot.status?.credentials.cooling ?? snapshot.credentials.filter((credential) => credential.state === 'cooling').length;
  if (relogin > 0) reasons.push(`${plural(relogin, 'account needs', 'accounts need')} a new login`);
  if (refreshFailing > 0) reasons.push(`${plural(refreshFailing, 'account')} cannot refresh its token`);
  if (cooling > 0) reasons.push(`${plural(cooling, 'credential')} cooling down`);
  return reasons;
}

export function trayHealth(state: TrayState): TrayHealth {
  if (state.proxy.kind !== 'running') return 'stopped';
  return degradedReasons(state).length > 0 ? 'degraded' : 'running';
}

/** The first, disabled line of the menu. */
export function statusLine(state: TrayState): string {
  const { proxy } = state;
  switch (proxy.kind) {
    case 'starting':
      return 'Starting the proxy…';
    case 'stopped':
      return proxy.byUser ? 'Proxy stopped' : 'Proxy not running';
    case 'port-conflict':
      return proxy.message;
    case 'failed':
      return proxy.message;
    case 'running': {
      const address = `${proxy.host}:${proxy.port}`;
      const credentials = state.snapshot?.status?.credentials;
      const counts = credentials ? ` · ${credentials.enabled} of ${plural(credentials.total, 'credential')} on` : '';
      return `${trayHealth(state) === 'degraded' ? 'Degraded' : 'Running'} on ${address}${counts}`;
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
    return typeof count === 'number' ? `${count} today` : '';
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
  const lines = [`${APP_NAME}: ${statusLine(state)}`, ...degradedReasons(state)];
  const { display } = state;
  if (state.proxy.kind === 'running' && display.kind === 'requests-today' && typeof state.snapshot?.requestsToday === 'number') {
    lines.push(plural(state.snapshot.requestsToday, 'request') + ' today');
  }
  if (state.proxy.kind === 'running' && display.kind === 'account-quota') {
    const account = displayedAccount(state);
    const tight = account ? tightestBucket(account, display.bucketId) : null;
    if (account && tight) lines.push(`${accountName(account)}: ${bucketLine(tight, state.now)}`);
  }
  return lines.join('\n');
}
