import { describe, expect, it } from 'vitest';
import { account, bucket, withQuota } from '../../test/views.js';
import type { NotificationKind } from '../settings/settings-schema.js';
import { createNotifier } from './notifier.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const withShare = (id: string, fraction: number) =>
  withQuota(account({ id, email: `${id}@x.io` }), [bucket({ id: 'five-hour', label: '5-hour', remainingFraction: fraction, resetsAt: new Date(NOW + 3_600_000).toISOString() })]);

function setup(disabled: NotificationKind[] = []) {
  return createNotifier({ isEnabled: (kind) => !disabled.includes(kind), now: () => NOW });
}

describe('createNotifier', () => {
  it('announces an account needing a new login once, and again only after it cleared and came back', () => {
    const notifier = setup();
    const broken = account({ id: 'a', state: 'needs-relogin', stateMessage: 'Log in again: the refresh token was revoked' });
    expect(notifier.observeAccounts([broken])).toEqual([
      { kind: 'needs-relogin', key: 'needs-relogin:a', title: 'Claude a@example.com needs a new login', body: 'Log in again: the refresh token was revoked', accountId: 'a' },
    ]);
    expect(notifier.observeAccounts([broken])).toEqual([]);
    expect(notifier.observeAccounts([broken])).toEqual([]);
    expect(notifier.observeAccounts([account({ id: 'a' })])).toEqual([]);
    expect(notifier.observeAccounts([broken]).map((n) => n.key)).toEqual(['needs-relogin:a']);
  });

  it('low quota, then exhausted, then restored — each once', () => {
    const notifier = setup();
    expect(notifier.observeAccounts([withShare('a', 0.5)])).toEqual([]);
    const low = notifier.observeAccounts([withShare('a', 0.08)]);
    expect(low).toMatchObject([{ kind: 'quota-low', title: 'Claude a@x.io: quota low', body: '5-hour 8% (resets in 1h 0m) left.' }]);
    expect(notifier.observeAccounts([withShare('a', 0.05)])).toEqual([]);
    expect(notifier.observeAccounts([withShare('a', 0)])).toMatchObject([{ kind: 'quota-exhausted', title: 'Claude a@x.io: quota used up' }]);
    expect(notifier.observeAccounts([withShare('a', 0)])).toEqual([]);
    // Partly back but still low: no "low" again right after "used up".
    expect(notifier.observeAccounts([withShare('a', 0.03)])).toEqual([]);
    expect(notifier.observeAccounts([withShare('a', 1)])).toMatchObject([{ kind: 'quota-restored', title: 'Claude a@x.io: quota restored' }]);
    expect(notifier.observeAccounts([withShare('a', 1)])).toEqual([]);
  });

  it('reads remaining / limit when the vendor gives no fraction', () => {
    const notifier = setup();
    const counted = withQuota(account({ id: 'a' }), [bucket({ id: 'daily', label: 'Daily', remaining: 3, limit: 100 })]);
    expect(notifier.observeAccounts([counted]).map((n) => n.kind)).toEqual(['quota-low']);
  });

  it('keeps accounts apart', () => {
    const notifier = setup();
    expect(notifier.observeAccounts([withShare('a', 0.05), withShare('b', 0.5)]).map((n) => n.key)).toEqual(['quota-low:a']);
    expect(notifier.observeAccounts([withShare('a', 0.05), withShare('b', 0.05)]).map((n) => n.key)).toEqual(['quota-low:b']);
  });

  it('kinds turned off are not shown, and turning them on later does not replay old news', () => {
    let off: NotificationKind[] = ['quota-low'];
    const notifier = createNotifier({ isEnabled: (kind) => !off.includes(kind), now: () => NOW });
    expect(notifier.observeAccounts([withShare('a', 0.05)])).toEqual([]);
    off = [];
    expect(notifier.observeAccounts([withShare('a', 0.05)])).toEqual([]);
    expect(notifier.observeAccounts([withShare('a', 0.5)]).map((n) => n.kind)).toEqual(['quota-restored']);
  });

  it('ignores quota of accounts the user turned off, and forgets accounts that were removed', () => {
    const notifier = setup();
    expect(notifier.observeAccounts([{ ...withShare('a', 0.05), enabled: false }])).toEqual([]);
    expect(notifier.observeAccounts([withShare('a', 0.05)]).map((n) => n.kind)).toEqual(['quota-low']);
    expect(notifier.observeAccounts([])).toEqual([]);
    expect(notifier.observeAccounts([withShare('a', 0.05)]).map((n) => n.kind)).toEqual(['quota-low']);
  });

  it('says once that the proxy stopped, until it runs again', () => {
    const notifier = setup();
    const down = notifier.observeProxy({ state: 'down', reason: 'Its management API stopped answering.' });
    expect(down).toMatchObject([{ kind: 'proxy-stopped', title: 'The proxy stopped' }]);
    expect(down[0].body).toContain('Its management API stopped answering.');
    expect(notifier.observeProxy({ state: 'down', reason: 'again' })).toEqual([]);
    expect(notifier.observeProxy({ state: 'up' })).toEqual([]);
    expect(notifier.observeProxy({ state: 'down', reason: 'x' })).toHaveLength(1);
    expect(setup(['proxy-stopped']).observeProxy({ state: 'down', reason: 'x' })).toEqual([]);
  });
});
