import { describe, expect, it } from 'vitest';
import type { AccountView, CredentialView, QuotaBucketView } from '../api/index.js';
import { buildAccountRows } from './account-rows.js';
import { accountStatus, defaultFlow, isBlockedSubscription, isLoopbackHost, quotaBar, subscriptionFiles, subscriptionRow, tokenFacts } from './subscription-accounts.js';

const NOW = new Date(2026, 11, 1, 12, 0).getTime();
const bucket = (overrides: Partial<QuotaBucketView>): QuotaBucketView => ({ id: 'five_hour', label: '5-hour limit', remainingFraction: null, remaining: null, limit: null, unit: null, resetsAt: null, models: [], ...overrides });
const account = (overrides: Partial<AccountView> = {}): AccountView => ({
  id: 'claude-a.json',
  provider: 'claude',
  providerName: 'Claude Code',
  label: 'a@example.com',
  email: 'a@example.com',
  file: 'claude-a.json',
  enabled: true,
  state: 'active',
  stateMessage: 'Ready.',
  plan: 'max',
  projects: [],
  token: { expiresAt: null, lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null },
  quota: { buckets: [], fetchedAt: null, source: null, error: null },
  cooldowns: [],
  models: [],
  lastUsedAt: null,
  ...overrides,
});

describe('quota bars', () => {
  it('shows the share left, amber below 20 %, red when used up, and unknown without numbers', () => {
    expect(quotaBar(bucket({ remainingFraction: 0.75 }))).toMatchObject({ percent: 75, level: 'ok', text: '75% left' });
    expect(quotaBar(bucket({ remainingFraction: 0.19 }))).toMatchObject({ percent: 19, level: 'low' });
    expect(quotaBar(bucket({ remainingFraction: 0.004 }))).toMatchObject({ percent: 0, level: 'low', text: '<1% left' });
    expect(quotaBar(bucket({ remainingFraction: 0 }))).toMatchObject({ percent: 0, level: 'exhausted', text: 'Used up' });
    expect(quotaBar(bucket({ remaining: 120, limit: 500, unit: 'requests' }))).toMatchObject({ percent: 24, level: 'ok', text: '120 of 500 requests left' });
    expect(quotaBar(bucket({ remaining: 0 }))).toMatchObject({ level: 'exhausted' });
    expect(quotaBar(bucket({}))).toMatchObject({ percent: null, level: 'unknown', text: 'Unknown' });
    expect(quotaBar(bucket({ remainingFraction: 0.5, resetsAt: new Date(NOW + 3_600_000).toISOString() })).resetsAt).toBe(NOW + 3_600_000);
  });
});

describe('account status', () => {
  it('an active account with a used-up bucket reads "Quota used up" with the reset time', () => {
    const status = accountStatus(account({ quota: { buckets: [bucket({ remainingFraction: 0, resetsAt: new Date(NOW + 90 * 60_000).toISOString() })], fetchedAt: null, source: 'headers', error: null } }), NOW);
    expect(status).toMatchObject({ state: 'exhausted', label: 'Quota used up', detail: '5-hour limit used up; resets 13:30 (in 1 h 30 min).' });
  });

  it('cooling says until when and why; needs-relogin and refresh-failing keep the proxy’s words', () => {
    const until = new Date(NOW + 125 * 60_000).toISOString();
    expect(accountStatus(account({ state: 'cooling', cooldowns: [{ model: '*', until, secondsLeft: 7500, reason: 'quota', status: 429, message: '5-hour limit reached' }] }), NOW)).toEqual({
      state: 'cooling',
      label: 'Cooling until 14:05',
      detail: 'Resting: quota (429) on every model — 5-hour limit reached',
    });
    expect(accountStatus(account({ state: 'needs-relogin', stateMessage: 'Log in again: revoked.' }), NOW)).toMatchObject({ state: 'needs-relogin', label: 'Log in again', detail: 'Log in again: revoked.' });
    expect(accountStatus(account({ state: 'refresh-failing', stateMessage: 'The token expired…' }), NOW)).toMatchObject({ state: 'refresh-failing', label: 'Refresh failing' });
    expect(subscriptionRow(account({ state: 'needs-relogin' }), NOW).relogin).toEqual({ provider: 'claude', label: 'a@example.com' });
    expect(subscriptionRow(account(), NOW).relogin).toBeNull();
  });

  it('token facts: expiry, the last refresh result and the next refresh', () => {
    const facts = tokenFacts(
      account({ token: { expiresAt: new Date(NOW - 10 * 60_000).toISOString(), lastRefreshAt: null, lastRefresh: { ok: false, at: new Date(NOW - 60_000).toISOString(), error: 'invalid_grant' }, nextRefreshAt: null } }),
      NOW,
    );
    expect(facts).toEqual({ expiry: 'Expired 11:50 (10 min ago)', refresh: 'Refresh failed 1 min ago: invalid_grant', refreshOk: false, next: null });
    const dead = account({ state: 'needs-relogin', stateMessage: 'Log in again: invalid_grant', token: { expiresAt: null, lastRefreshAt: null, lastRefresh: { ok: false, at: new Date(NOW).toISOString(), error: 'invalid_grant' }, nextRefreshAt: null } });
    expect(tokenFacts(dead, NOW).refresh).toBe('Refresh failed just now');
    const fine = tokenFacts(account({ token: { expiresAt: new Date(NOW + 8 * 3_600_000).toISOString(), lastRefreshAt: new Date(NOW - 120_000).toISOString(), lastRefresh: null, nextRefreshAt: new Date(NOW + 4 * 3_600_000).toISOString() } }), NOW);
    expect(fine).toEqual({ expiry: 'Valid until 20:00 (in 8 h)', refresh: 'Refreshed 2 min ago', refreshOk: null, next: 'Next refresh 16:00' });
  });
});

describe('subscription accounts and the credentials table', () => {
  it('an account file shown as a subscription account is not listed again among the credentials or files', () => {
    const oauth = { id: 'claude-a.json', authIndex: 'x', provider: 'claude', group: 'claude', kind: 'oauth', label: 'a@example.com', priority: 0, prefix: null, baseUrl: null, disabled: false, state: 'active', source: { type: 'file', fileName: 'claude-a.json' }, models: [], cooldowns: [] } satisfies CredentialView;
    const key = { ...oauth, id: 'claude:key', kind: 'api-key', source: { type: 'config', yamlKey: 'claude-api-key', index: 0 } } satisfies CredentialView;
    const file = { id: 'claude-a.json', name: 'claude-a.json', type: 'claude', provider: 'claude', label: 'a', disabled: false, status: 'active', statusMessage: 'Ready.', shadowedBy: null, size: 1, modtime: '' } as const;
    const rows = buildAccountRows([oauth, key], [file], new Map(), subscriptionFiles([account()]));
    expect(rows.map((row) => row.id)).toEqual(['claude:key']);
    expect(buildAccountRows([oauth, key], [file], new Map()).map((row) => row.id)).toEqual(['claude-a.json', 'claude:key']);
  });
});

describe('login flow defaults', () => {
  it('uses the remembered choice, else paste mode for a dashboard on another machine, else the provider’s first flow', () => {
    expect(defaultFlow({ flows: ['browser', 'manual'] }, { remote: false })).toBe('browser');
    expect(defaultFlow({ flows: ['browser', 'manual'] }, { remote: true })).toBe('manual');
    expect(defaultFlow({ flows: ['device'] }, { remote: true })).toBe('device');
    expect(defaultFlow({ flows: ['browser', 'manual'] }, { remote: true, preferred: 'browser' })).toBe('browser');
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('192.168.1.5')).toBe(false);
  });
});

describe('blocked subscriptions', () => {
  it('counts enabled accounts that cannot serve for want of a login or quota, not cooling or disabled ones', () => {
    const empty = { buckets: [bucket({ remainingFraction: 0 })], fetchedAt: null, source: 'headers' as const, error: null };
    expect(isBlockedSubscription(account({ state: 'needs-relogin' }), NOW)).toBe(true);
    expect(isBlockedSubscription(account({ quota: empty }), NOW)).toBe(true);
    expect(isBlockedSubscription(account(), NOW)).toBe(false);
    expect(isBlockedSubscription(account({ state: 'needs-relogin', enabled: false }), NOW)).toBe(false);
    expect(isBlockedSubscription(account({ state: 'cooling', cooldowns: [{ model: '*', until: new Date(NOW + 60_000).toISOString(), secondsLeft: 60, reason: 'quota', status: 429, message: '' }] }), NOW)).toBe(false);
  });
});
