/**
 * After the computer wakes from sleep (Electron's powerMonitor 'resume'), tokens may have expired and quota
 * windows reset while the background timers were frozen. Refresh at once instead of waiting for the next poll:
 * tokens that expire within `soonMs` (or already did) are refreshed, every enabled account's quota is asked
 * from the vendor, and the tray re-reads everything.
 */
import type { AccountView } from '../core/proxy-core.js';

/** The part of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown;
  off?(event: 'resume', listener: () => void): unknown;
}

export interface ResumeRefreshDeps {
  powerMonitor: PowerMonitorLike;
  isRunning(): boolean;
  client: {
    accounts(): Promise<AccountView[]>;
    refreshAccountToken(id: string): Promise<unknown>;
    refreshAccountQuota(id: string): Promise<unknown>;
  };
  /** The tray poll, run after the refreshes. */
  refresh(): Promise<unknown>;
  now(): number;
  log(message: string): void;
  /** A token expiring within this long counts as expiring; default 10 min. */
  soonMs?: number;
}

export function tokenNeedsRefresh(account: AccountView, now: number, soonMs: number): boolean {
  if (!account.enabled || account.state === 'needs-relogin') return false;
  const expires = account.token.expiresAt ? Date.parse(account.token.expiresAt) : Number.NaN;
  return Number.isFinite(expires) && expires - now <= soonMs;
}

export function watchResume(deps: ResumeRefreshDeps): { dispose(): void; run(): Promise<void> } {
  const soonMs = deps.soonMs ?? 10 * 60_000;
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    if (!deps.isRunning()) return;
    const accounts = await deps.client.accounts().catch((error: Error) => {
      deps.log(`after sleep: accounts could not be read: ${error.message}`);
      return [] as AccountView[];
    });
    const now = deps.now();
    const tokens = accounts.filter((account) => tokenNeedsRefresh(account, now, soonMs));
    // Tokens first, so the quota calls use fresh ones.
    await Promise.all(tokens.map((account) => deps.client.refreshAccountToken(account.id).catch((error: Error) => deps.log(`after sleep: ${account.label}: ${error.message}`))));
    const enabled = accounts.filter((account) => account.enabled && account.state !== 'needs-relogin');
    await Promise.all(enabled.map((account) => deps.client.refreshAccountQuota(account.id).catch((error: Error) => deps.log(`after sleep: quota of ${account.label}: ${error.message}`))));
    deps.log(`after sleep: refreshed ${tokens.length} token(s) and the quota of ${enabled.length} account(s)`);
    await deps.refresh();
  }

  const onResume = () => {
    running ??= run().finally(() => {
      running = null;
    });
  };
  deps.powerMonitor.on('resume', onResume);
  return {
    dispose: () => void deps.powerMonitor.off?.('resume', onResume),
    /** The refresh a resume starts (tests await it). */
    run: () => {
      onResume();
      return running ?? Promise.resolve();
    },
  };
}
