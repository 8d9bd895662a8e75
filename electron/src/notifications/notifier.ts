/**
 * Decides which desktop notifications to show by diffing successive account snapshots. Pure: it returns the
 * notifications and shows nothing. A condition (an account needing a new login, low or exhausted quota, the
 * proxy down) is announced once when it appears and again only after it has cleared and come back. Kinds the
 * user turned off are still tracked, so turning one back on does not replay old news.
 */
import type { AccountView } from '../core/proxy-core.js';
import { createTranslator, type Translate } from '../i18n/index.js';
import type { NotificationKind } from '../settings/settings-schema.js';
import { accountName, bucketLine, levelOf, tightestBucket, type QuotaLevel } from '../tray/quota.js';

export interface DesktopNotification {
  /** `login`: the outcome of a login the user started (always shown). */
  kind: NotificationKind | 'login';
  /** Stable per condition, e.g. `quota-low:claude-me.json`. */
  key: string;
  title: string;
  body: string;
  /** The account concerned, if any (a click can open it). */
  accountId?: string;
}

export interface NotifierDeps {
  isEnabled(kind: NotificationKind): boolean;
  now(): number;
  /** The current language's messages (it can change while the app runs); English by default. */
  translate?(): Translate;
}

export type Notifier = ReturnType<typeof createNotifier>;

interface AccountMemory {
  needsRelogin: boolean;
  quota: QuotaLevel;
}

/** The account's quota level from its tightest bucket; `unknown` when no bucket has a known share. */
function quotaLevel(account: AccountView): QuotaLevel {
  const tight = tightestBucket(account);
  return tight ? levelOf(tight.fraction) : 'unknown';
}

export function createNotifier(deps: NotifierDeps) {
  const accounts = new Map<string, AccountMemory>();
  let proxyDown = false;
  const english = deps.translate ? undefined : createTranslator('en');
  const translator = () => deps.translate?.() ?? english!;

  const emit = (list: DesktopNotification[], notification: DesktopNotification & { kind: NotificationKind }) => {
    if (deps.isEnabled(notification.kind)) list.push(notification);
  };

  function observeAccount(account: AccountView, out: DesktopNotification[]): void {
    const t = translator();
    const previous = accounts.get(account.id);
    const name = accountName(account);
    const needsRelogin = account.state === 'needs-relogin';
    // A turned-off account's quota is nobody's concern: remember it as unknown so turning it on reports afresh.
    const quota = account.enabled ? quotaLevel(account) : 'unknown';
    accounts.set(account.id, { needsRelogin, quota });

    if (needsRelogin && !previous?.needsRelogin) {
      emit(out, {
        kind: 'needs-relogin',
        key: `needs-relogin:${account.id}`,
        title: t('notifications:needsRelogin', { name }),
        body: account.stateMessage || t('notifications:needsReloginBody'),
        accountId: account.id,
      });
    }

    const before = previous?.quota ?? 'unknown';
    if (quota === before) return;
    const tight = tightestBucket(account);
    const detail = tight ? bucketLine(tight, deps.now(), t) : '';
    if (quota === 'exhausted') {
      emit(out, { kind: 'quota-exhausted', key: `quota-exhausted:${account.id}`, title: t('notifications:exhausted', { name }), body: t('notifications:exhaustedBody', { detail }), accountId: account.id });
    } else if (quota === 'low' && before !== 'exhausted') {
      emit(out, { kind: 'quota-low', key: `quota-low:${account.id}`, title: t('notifications:low', { name }), body: t('notifications:lowBody', { detail }), accountId: account.id });
    } else if (quota === 'ok' && (before === 'low' || before === 'exhausted')) {
      emit(out, { kind: 'quota-restored', key: `quota-restored:${account.id}`, title: t('notifications:restored', { name }), body: t('notifications:restoredBody', { detail }), accountId: account.id });
    }
  }

  return {
    /** Compares with the previous snapshot; accounts that disappeared are forgotten. */
    observeAccounts(list: readonly AccountView[]): DesktopNotification[] {
      const out: DesktopNotification[] = [];
      const seen = new Set<string>();
      for (const account of list) {
        seen.add(account.id);
        observeAccount(account, out);
      }
      for (const id of [...accounts.keys()]) if (!seen.has(id)) accounts.delete(id);
      return out;
    },
    /** `down` with a reason when the proxy stopped without the user asking; `up` when it runs again. */
    observeProxy(event: { state: 'up' } | { state: 'down'; reason: string }): DesktopNotification[] {
      if (event.state === 'up') {
        proxyDown = false;
        return [];
      }
      if (proxyDown) return [];
      proxyDown = true;
      const out: DesktopNotification[] = [];
      const t = translator();
      emit(out, { kind: 'proxy-stopped', key: 'proxy-stopped', title: t('notifications:proxyStopped'), body: t('notifications:proxyStoppedBody', { reason: event.reason }) });
      return out;
    },
  };
}
