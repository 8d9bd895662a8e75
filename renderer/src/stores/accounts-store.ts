import { ENGLISH_SAY, type Say } from './say.js';
import { createStore } from 'zustand/vanilla';
import {
  toApiError,
  type AccountView,
  type LoginFlowName,
  type LoginProviderView,
  type LoginView,
  type ManagementApiError,
  type ManagementClient,
} from '../api/index.js';
import { createLoader, emptyResource, type Resource } from './resource.js';
import { defaultFlow, TERMINAL_LOGIN } from './subscription-accounts.js';
import type { ToastStore } from './toast-store.js';

/** The login shown in the login panel (one at a time). */
export interface LoginPanel {
  /** Changes with every start, so late answers for an older login are ignored. */
  attempt: number;
  providerId: string;
  providerName: string;
  flow: LoginFlowName;
  /** The flows the provider offers (the panel lets the user switch). */
  flows: LoginFlowName[];
  /** Extra login fields the provider takes (Gemini CLI: `projectId`). */
  options: LoginProviderView['options'];
  /** The project this login is for, when one was given. */
  projectId: string | null;
  /** Kiro IAM Identity Center: the organisation's access portal and its region; null = AWS Builder ID. */
  identityCenter: { startUrl: string; region: string | null } | null;
  /** "Log in again" for this account (its label), or null for a new login. */
  reloginOf: string | null;
  /** The login as the proxy last reported it; null while it is being started. */
  view: LoginView | null;
  /** POST /logins failed: nothing to poll, only "Try again". */
  startError: ManagementApiError | null;
  /** Polling failed (the proxy is unreachable, or forgot the login); the last view stays on screen. */
  pollError: string | null;
  submitting: boolean;
  /** Why the pasted address was refused (wrong state, already used, not an address…). */
  pasteError: string | null;
  cancelling: boolean;
}

export type AccountAction = 'quota' | 'token' | 'toggle' | 'delete' | 'cooldown';

export interface StartLoginOptions {
  flow?: LoginFlowName;
  callbackPort?: number;
  /** Gemini CLI: a Google Cloud project (or a comma list, or ALL); none = find or set one up. */
  projectId?: string;
  /** Kiro IAM Identity Center: the AWS access portal URL (none = AWS Builder ID). */
  startUrl?: string;
  /** Kiro IAM Identity Center: the region of the Identity Center instance. */
  region?: string;
  /** The account label when this is "Log in again". */
  reloginOf?: string | null;
}

export interface AccountsState {
  providers: Resource<LoginProviderView[]>;
  accounts: Resource<AccountView[]>;
  login: LoginPanel | null;
  /** `${action}:${accountId}` → a write or vendor call in flight for that account. */
  busy: Record<string, boolean>;
  /** The user's last flow per provider ("Paste a code" sticks once chosen). */
  preferredFlow: Record<string, LoginFlowName>;
  /** Providers (refetched at most once a minute) and accounts. */
  load(): Promise<void>;
  loadAccounts(): Promise<void>;
  startLogin(providerId: string, options?: StartLoginOptions): Promise<void>;
  /** Restarts the current login with another flow. */
  chooseFlow(flow: LoginFlowName): Promise<void>;
  /** Restarts the current login for one Google Cloud project (providers with the `projectId` option). */
  chooseProject(projectId: string): Promise<void>;
  /** Restarts the current Kiro login for an IAM Identity Center organisation (both empty = AWS Builder ID). */
  chooseIdentityCenter(startUrl: string, region: string): Promise<void>;
  /** Starts the current provider's login again (after an error, a cancel or an expiry). */
  retryLogin(): Promise<void>;
  submitCallback(pasted: string): Promise<void>;
  cancelLogin(): Promise<void>;
  /** Hides the panel (cancelling the login if it is still waiting). */
  closeLogin(): void;
  refreshQuota(account: AccountView): Promise<void>;
  refreshToken(account: AccountView): Promise<void>;
  setEnabled(account: AccountView, enabled: boolean): Promise<void>;
  /** Ends the proxy's cooldowns for the account now (when the vendor's limit has reset early). */
  clearCooldown(account: AccountView): Promise<void>;
  remove(account: AccountView): Promise<void>;
  isBusy(accountId: string, action: AccountAction): boolean;
  /** Stops the login poll (tests, unmount of the app). */
  dispose(): void;
}

export interface AccountsDeps {
  client: ManagementClient;
  toasts: ToastStore;
  clock: { now(): number };
  timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** True when the dashboard runs on another machine than the proxy (then paste mode is the default). */
  isRemote(): boolean;
  /** Accounts changed (login, toggle, delete): the credentials, models and status lists refresh. */
  onAccountsChanged?(): void;
  /** Toast sentences in the dashboard's language (English without one). */
  say?: Say;
  /** How often a waiting login is polled; default 1 s. */
  loginPollMs?: number;
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

const PROVIDERS_FRESH_MS = 60_000;

/**
 * Subscription accounts (GET /accounts) and the login panel: starting a login, polling it about once a second
 * while it waits, the pasted callback, cancel and retry. Every call has its own busy flag, so a slow vendor
 * never blocks the rest of the page.
 */
export function createAccountsStore(deps: AccountsDeps) {
  const { client, clock } = deps;
  const pollMs = deps.loginPollMs ?? 1000;
  const toast = deps.toasts.getState();
  const say = deps.say ?? ENGLISH_SAY;

  return createStore<AccountsState>()((set, get) => {
    const now = () => clock.now();
    const providers = createLoader(set, get, 'providers', now);
    const accounts = createLoader(set, get, 'accounts', now);
    const reloadAccounts = () => accounts(client.listAccounts);
    let attempts = 0;
    let pollTimer: unknown = null;

    const stopPolling = () => {
      if (pollTimer !== null) deps.timers.clearTimeout(pollTimer);
      pollTimer = null;
    };
    /** Changes the panel only while it still shows `attempt`. */
    const patchPanel = (attempt: number, changes: Partial<LoginPanel> | ((panel: LoginPanel) => Partial<LoginPanel>)) => {
      const panel = get().login;
      if (!panel || panel.attempt !== attempt) return false;
      set({ login: { ...panel, ...(typeof changes === 'function' ? changes(panel) : changes) } });
      return true;
    };
    const setBusy = (key: string, value: boolean) => {
      const busy = { ...get().busy };
      if (value) busy[key] = true;
      else delete busy[key];
      set({ busy });
    };
    const replaceAccount = (next: AccountView) => {
      const current = get().accounts;
      if (current.data) set({ accounts: { ...current, data: current.data.map((item) => (item.id === next.id ? next : item)) } });
    };
    const changed = async () => {
      deps.onAccountsChanged?.();
      await reloadAccounts();
    };

    const finished = (attempt: number, view: LoginView) => {
      stopPolling();
      if (get().login?.attempt !== attempt) return;
      if (view.status === 'done') {
        toast.show('success', say('account.loggedIn', { provider: view.providerName, account: view.account?.label ?? say('account.newAccount') }));
        void changed();
      }
    };

    /** Shows a login answer; keeps polling while it waits, finishes when it ended. */
    const show = (attempt: number, view: LoginView) => {
      if (!patchPanel(attempt, { view, pollError: null, ...(TERMINAL_LOGIN.has(view.status) ? { submitting: false, cancelling: false } : {}) })) return;
      if (TERMINAL_LOGIN.has(view.status)) finished(attempt, view);
      else schedulePoll(attempt);
    };

    const schedulePoll = (attempt: number) => {
      stopPolling();
      pollTimer = deps.timers.setTimeout(() => {
        pollTimer = null;
        void poll(attempt);
      }, pollMs);
    };

    const poll = async (attempt: number) => {
      const panel = get().login;
      if (!panel || panel.attempt !== attempt || !panel.view) return;
      try {
        show(attempt, await client.getLogin(panel.view.id));
      } catch (raw) {
        const error = toApiError(raw);
        if (error.kind === 'http' && error.status === 404) {
          // The proxy restarted (logins live in memory) or dropped it: nothing left to wait for.
          patchPanel(attempt, (current) => ({
            pollError: `${error.message}`,
            view: current.view ? { ...current.view, status: 'expired', error: { code: 'expired', message: say('account.loginLost'), nextStep: say('account.loginLostNext') } } : null,
          }));
          return;
        }
        // Unreachable or slow: say so and keep trying.
        if (patchPanel(attempt, { pollError: error.message })) schedulePoll(attempt);
      }
    };

    const cancelQuietly = (view: LoginView | null) => {
      if (view && !TERMINAL_LOGIN.has(view.status)) void client.cancelLogin(view.id).catch(() => undefined);
    };

    const startLogin = async (providerId: string, options: StartLoginOptions = {}) => {
      const provider = get().providers.data?.find((item) => item.id === providerId);
      const previous = get().login;
      stopPolling();
      cancelQuietly(previous?.view ?? null);
      const flows = provider?.flows ?? previous?.flows ?? [];
      const flow = options.flow ?? defaultFlow({ flows: flows.length ? flows : ['browser'] }, { preferred: get().preferredFlow[providerId], remote: deps.isRemote() });
      const attempt = ++attempts;
      set({
        login: {
          attempt,
          providerId,
          providerName: provider?.name ?? previous?.providerName ?? providerId,
          flow,
          flows,
          options: provider?.options ?? previous?.options ?? [],
          projectId: options.projectId ?? null,
          identityCenter: options.startUrl ? { startUrl: options.startUrl, region: options.region ?? null } : null,
          reloginOf: options.reloginOf ?? null,
          view: null,
          startError: null,
          pollError: null,
          submitting: false,
          pasteError: null,
          cancelling: false,
        },
      });
      try {
        const view = await client.startLogin({
          provider: providerId,
          flow,
          ...(options.callbackPort !== undefined ? { callbackPort: options.callbackPort } : {}),
          ...(options.projectId ? { projectId: options.projectId } : {}),
          ...(options.startUrl ? { startUrl: options.startUrl } : {}),
          ...(options.startUrl && options.region ? { region: options.region } : {}),
        });
        if (get().login?.attempt !== attempt) {
          // Cancelled or replaced while it was starting.
          cancelQuietly(view);
          return;
        }
        // The proxy may switch flows (a busy callback port turns a browser login into paste mode).
        patchPanel(attempt, { flow: view.flow });
        show(attempt, view);
      } catch (error) {
        patchPanel(attempt, { startError: toApiError(error) });
      }
    };

    const withBusy = async (account: AccountView, action: AccountAction, work: () => Promise<void>) => {
      const key = `${action}:${account.id}`;
      if (get().busy[key]) return;
      setBusy(key, true);
      try {
        await work();
      } catch (error) {
        toast.show('error', toApiError(error).message);
      } finally {
        setBusy(key, false);
      }
    };

    const name = (account: AccountView) => account.email ?? account.label;

    return {
      providers: emptyResource(),
      accounts: emptyResource(),
      login: null,
      busy: {},
      preferredFlow: {},

      async load() {
        const known = get().providers;
        const stale = known.data === null || known.error !== null || known.updatedAt === null || now() - known.updatedAt > PROVIDERS_FRESH_MS;
        await Promise.all([stale ? providers(client.listLoginProviders) : Promise.resolve(), reloadAccounts()]);
      },

      async loadAccounts() {
        await reloadAccounts();
      },

      startLogin,

      async chooseFlow(flow) {
        const panel = get().login;
        if (!panel || (panel.flow === flow && panel.view && !TERMINAL_LOGIN.has(panel.view.status))) return;
        set({ preferredFlow: { ...get().preferredFlow, [panel.providerId]: flow } });
        await startLogin(panel.providerId, { flow, reloginOf: panel.reloginOf, ...identityCenterOf(panel) });
      },

      async chooseProject(projectId) {
        const panel = get().login;
        if (panel) await startLogin(panel.providerId, { flow: panel.flow, reloginOf: panel.reloginOf, projectId: projectId.trim() || undefined });
      },

      async chooseIdentityCenter(startUrl, region) {
        const panel = get().login;
        const url = startUrl.trim();
        if (panel) await startLogin(panel.providerId, { flow: panel.flow, reloginOf: panel.reloginOf, ...(url ? { startUrl: url, region: region.trim() || undefined } : {}) });
      },

      async retryLogin() {
        const panel = get().login;
        if (panel) await startLogin(panel.providerId, { flow: panel.flow, reloginOf: panel.reloginOf, ...identityCenterOf(panel) });
      },

      async submitCallback(pasted) {
        const panel = get().login;
        if (!panel?.view || panel.submitting) return;
        const text = pasted.trim();
        if (!text) {
          patchPanel(panel.attempt, { pasteError: 'Paste the address the browser ended on, or the code the sign-in page showed.' });
          return;
        }
        const { attempt } = panel;
        const loginId = panel.view.id;
        patchPanel(attempt, { submitting: true, pasteError: null });
        try {
          show(attempt, await client.submitLoginCallback(loginId, text));
          patchPanel(attempt, { submitting: false });
        } catch (raw) {
          const error = toApiError(raw);
          patchPanel(attempt, { submitting: false, pasteError: error.message });
          // 409: the login already got its callback (perhaps from the local callback server): show where it is.
          if (error.status === 409) await poll(attempt);
        }
      },

      async cancelLogin() {
        const panel = get().login;
        if (!panel) return;
        stopPolling();
        if (!panel.view) {
          // Still starting: forget it; the answer, when it comes, is cancelled (see startLogin).
          attempts++;
          set({ login: null });
          return;
        }
        if (TERMINAL_LOGIN.has(panel.view.status)) return;
        patchPanel(panel.attempt, { cancelling: true });
        try {
          show(panel.attempt, await client.cancelLogin(panel.view.id));
        } catch (raw) {
          patchPanel(panel.attempt, { cancelling: false });
          toast.show('error', toApiError(raw).message);
          schedulePoll(panel.attempt);
        }
      },

      closeLogin() {
        const panel = get().login;
        stopPolling();
        cancelQuietly(panel?.view ?? null);
        attempts++;
        set({ login: null });
      },

      async refreshQuota(account) {
        await withBusy(account, 'quota', async () => {
          const quota = await client.getAccountQuota(account.id, true);
          const latest = get().accounts.data?.find((item) => item.id === account.id) ?? account;
          replaceAccount({ ...latest, quota });
          if (quota.error) toast.show('warning', say('account.quotaFailed', { name: name(account), error: quota.error }));
          else toast.show('success', say('account.quotaUpdated', { name: name(account) }));
        });
      },

      async refreshToken(account) {
        await withBusy(account, 'token', async () => {
          const next = await client.refreshAccountToken(account.id);
          replaceAccount(next);
          const result = next.token.lastRefresh;
          if (next.state === 'needs-relogin') toast.show('error', `${name(account)}: ${next.stateMessage}`);
          else if (result && !result.ok) toast.show('error', say('account.refreshFailed', { name: name(account), error: result.error ?? say('account.noReason') }));
          else toast.show('success', say('account.refreshed', { name: name(account) }));
          deps.onAccountsChanged?.();
        });
      },

      async setEnabled(account, enabled) {
        await withBusy(account, 'toggle', async () => {
          const before = get().accounts.data?.find((item) => item.id === account.id) ?? account;
          replaceAccount({ ...before, enabled, state: enabled ? (before.state === 'disabled' ? 'active' : before.state) : 'disabled' });
          try {
            const result = await client.setCredentialDisabled(account.id, !enabled);
            if (result.persisted) toast.show('success', say(enabled ? 'account.enabled' : 'account.disabled', { name: name(account) }));
            else toast.show('warning', say(enabled ? 'account.enabledNotSaved' : 'account.disabledNotSaved', { name: name(account), reason: result.reason ?? say('account.fileNotWritten') }));
          } catch (error) {
            replaceAccount(before);
            throw error;
          }
          await changed();
        });
      },

      async clearCooldown(account) {
        await withBusy(account, 'cooldown', async () => {
          const result = await client.clearCooldowns(account.id);
          toast.show('success', say(result.cleared > 0 ? 'account.cooldownCleared' : 'account.noCooldown', { name: name(account) }));
          await changed();
        });
      },

      async remove(account) {
        await withBusy(account, 'delete', async () => {
          await client.deleteAuthFile(account.file);
          const current = get().accounts;
          if (current.data) set({ accounts: { ...current, data: current.data.filter((item) => item.id !== account.id) } });
          toast.show('success', say('account.deletedFile', { name: name(account), file: account.file }));
          await changed();
        });
      },

      isBusy(accountId, action) {
        return get().busy[`${action}:${accountId}`] === true;
      },

      dispose() {
        stopPolling();
      },
    };
  });
}

/** The Identity Center choice of a login, kept when the flow changes or the login is tried again. */
function identityCenterOf(panel: LoginPanel): Pick<StartLoginOptions, 'startUrl' | 'region'> {
  return panel.identityCenter ? { startUrl: panel.identityCenter.startUrl, ...(panel.identityCenter.region ? { region: panel.identityCenter.region } : {}) } : {};
}
