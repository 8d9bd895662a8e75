/**
 * Polls the management API for everything the tray shows and hands each snapshot on. One poll is a handful
 * of small local requests; a failing list endpoint (e.g. one an older proxy lacks) leaves that list empty
 * instead of failing the whole snapshot.
 */
import type { ManagementClient } from '../management/management-client.js';
import type { ManagementSnapshot } from './tray-state.js';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Local midnight before `now`. */
export function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

const reason = (result: PromiseSettledResult<unknown>) => (result.status === 'rejected' ? String((result.reason as Error)?.message ?? result.reason) : null);
const valueOr = <T>(result: PromiseSettledResult<T>, fallback: T): T => (result.status === 'fulfilled' ? result.value : fallback);

export async function fetchSnapshot(client: ManagementClient, now: number): Promise<ManagementSnapshot> {
  const [status, credentials, models, accounts, loginProviders, usage, clients] = await Promise.allSettled([
    client.status(),
    client.credentials(),
    client.models(),
    client.accounts(),
    client.loginProviders(),
    client.usageSince(startOfDay(now)),
    client.clients(),
  ]);
  return {
    status: valueOr(status, null),
    credentials: valueOr(credentials, []),
    models: valueOr(models, { models: [], hidden: [] }).models,
    hiddenModels: valueOr(models, { models: [], hidden: [] }).hidden,
    accounts: valueOr(accounts, []),
    loginProviders: valueOr(loginProviders, []),
    requestsToday: usage.status === 'fulfilled' ? (usage.value.summary?.requests ?? null) : null,
    ...(clients.status === 'fulfilled' ? { clients: clients.value.clients } : {}),
    error: reason(status),
  };
}

export interface StatusPollerDeps {
  client: ManagementClient;
  now(): number;
  timers: Timers;
  intervalMs: number;
  onSnapshot(snapshot: ManagementSnapshot): void;
}

export function createStatusPoller(deps: StatusPollerDeps) {
  let timer: unknown;
  let running = false;
  let inFlight: Promise<ManagementSnapshot> | undefined;

  const schedule = () => {
    if (!running) return;
    deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => void refresh(), deps.intervalMs);
  };

  /** Polls now (joining a poll already under way) and restarts the interval. */
  function refresh(): Promise<ManagementSnapshot> {
    inFlight ??= fetchSnapshot(deps.client, deps.now())
      .then((snapshot) => {
        // A poll that finishes after stop() (the proxy was stopped meanwhile) is dropped.
        if (running) deps.onSnapshot(snapshot);
        return snapshot;
      })
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
    return inFlight;
  }

  return {
    start() {
      running = true;
      return refresh();
    },
    stop() {
      running = false;
      deps.timers.clearTimeout(timer);
    },
    refresh,
  };
}
