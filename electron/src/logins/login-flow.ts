/**
 * "Log in to X" from the tray: start the login on the proxy (`POST /logins`), open its address in the system
 * browser, show the dashboard's Accounts page for progress, poll `GET /logins/:id` until it ends, then refresh
 * the tray and say how it went. One login per provider at a time; asking again re-opens its browser page.
 */
import type { LoginView } from '../core/proxy-core.js';
import { isWebUrl } from '../ipc/contract.js';
import { createTranslator, type Translate } from '../i18n/index.js';
import type { ManagementClient } from '../management/management-client.js';

export type LoginOutcome = 'done' | 'error' | 'cancelled' | 'expired';
const FINAL: ReadonlySet<string> = new Set<LoginOutcome>(['done', 'error', 'cancelled', 'expired']);

export interface LoginFlowDeps {
  client: Pick<ManagementClient, 'startLogin' | 'login'>;
  openExternal(url: string): Promise<void>;
  /** Shows the window on the Accounts page. */
  showAccounts(): void;
  copyText(text: string): void;
  notify(message: { title: string; body: string }): void;
  /** Refreshes the tray after a login ends. */
  refresh(): unknown;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Between two status polls; default 1.5 s. */
  pollIntervalMs?: number;
  /** Consecutive failed polls before giving up; default 5. */
  maxPollFailures?: number;
  onChange?(providersInProgress: string[]): void;
  log?(message: string): void;
  /** The notifications' language; English by default. */
  translate?(): Translate;
}

export type LoginFlow = ReturnType<typeof createLoginFlow>;

function outcomeMessage(view: LoginView, translate: Translate): { title: string; body: string } {
  const name = view.providerName || view.provider;
  const t = (key: string, options?: Record<string, unknown>) => translate(`notifications:login.${key}`, options);
  switch (view.status) {
    case 'done':
      return { title: t('done', { name }), body: view.account ? t('doneBody', { account: view.account.label }) : t('doneBodyNoAccount') };
    case 'cancelled':
      return { title: t('cancelled', { name }), body: t('cancelledBody') };
    case 'expired':
      return { title: t('expired', { name }), body: t('expiredBody') };
    default:
      // The proxy's own explanation (error and next step) is passed on as it said it.
      return { title: t('failed', { name }), body: view.error ? `${view.error.message} ${view.error.nextStep}`.trim() : view.message || t('failedNoReason') };
  }
}

export function createLoginFlow(deps: LoginFlowDeps) {
  const active = new Map<string, LoginView>();
  const interval = deps.pollIntervalMs ?? 1500;
  const maxFailures = deps.maxPollFailures ?? 5;
  const changed = () => deps.onChange?.([...active.keys()]);
  const english = deps.translate ? undefined : createTranslator('en');
  const translate = (): Translate => deps.translate?.() ?? english!;

  async function open(view: LoginView): Promise<void> {
    if (!isWebUrl(view.url)) {
      deps.log?.(`login: not opening ${JSON.stringify(view.url)} (not an http(s) address)`);
      return;
    }
    await deps.openExternal(view.url).catch((error: Error) => deps.log?.(`login: could not open the browser: ${error.message}`));
    if (view.userCode) {
      deps.copyText(view.userCode);
      const t = translate();
      deps.notify({ title: t('notifications:login.code', { code: view.userCode, name: view.providerName }), body: t('notifications:login.codeBody') });
    }
  }

  async function follow(providerId: string, start: LoginView): Promise<LoginView> {
    let view = start;
    let failures = 0;
    const deadline = Date.parse(start.expiresAt);
    while (!FINAL.has(view.status)) {
      await deps.sleep(interval);
      try {
        view = await deps.client.login(view.id);
        active.set(providerId, view);
        failures = 0;
      } catch (error) {
        failures += 1;
        deps.log?.(`login: status check failed (${failures}/${maxFailures}): ${(error as Error).message}`);
        if (failures >= maxFailures) {
          return { ...view, status: 'error', error: { code: 'unreachable', message: `The proxy stopped answering about this login (${(error as Error).message}).`, nextStep: 'Check the Accounts page, then try again.' } };
        }
      }
      // A proxy that never reports the end must not keep us polling forever.
      if (!FINAL.has(view.status) && Number.isFinite(deadline) && deps.now() > deadline + 60_000) return { ...view, status: 'expired' };
    }
    return view;
  }

  return {
    inProgress: () => [...active.keys()],
    /** Runs one login to its end; resolves with the final view, or null when it could not start. */
    async start(providerId: string): Promise<LoginView | null> {
      const running = active.get(providerId);
      if (running) {
        await open(running);
        deps.showAccounts();
        return null;
      }
      let view: LoginView;
      try {
        view = await deps.client.startLogin(providerId);
      } catch (error) {
        deps.notify({ title: translate()('notifications:login.notStarted'), body: (error as Error).message });
        return null;
      }
      active.set(providerId, view);
      changed();
      try {
        await open(view);
        deps.showAccounts();
        const final = await follow(providerId, view);
        deps.log?.(`login: ${final.provider} ended ${final.status}`);
        await deps.refresh();
        deps.notify(outcomeMessage(final, translate()));
        return final;
      } finally {
        active.delete(providerId);
        changed();
      }
    },
  };
}
