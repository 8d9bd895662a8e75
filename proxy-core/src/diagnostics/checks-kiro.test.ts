import { describe, expect, it } from 'vitest';
import type { AccountView } from '../server/management/contract.js';
import type { DiagnosticsContext } from './context.js';
import { kiroAccountsOutcome } from './checks-kiro.js';

function account(overrides: Partial<AccountView> & { label: string }): AccountView {
  return {
    id: `kiro-aws-${overrides.label}.json`,
    provider: 'kiro',
    providerName: 'Kiro',
    email: overrides.label,
    file: `kiro-aws-${overrides.label}.json`,
    enabled: true,
    state: 'active',
    stateMessage: 'Active',
    plan: null,
    projects: [],
    token: { expiresAt: null, lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null },
    quota: { buckets: [{ id: 'agentic_request', label: 'Credits', limit: 50, remaining: 20, remainingFraction: 0.4, unit: 'credits', resetsAt: null, models: [] }], fetchedAt: null, source: 'vendor', error: null },
    cooldowns: [],
    models: [],
    lastUsedAt: null,
    ...overrides,
  } as AccountView;
}

const run = (accounts: AccountView[]) => kiroAccountsOutcome({ proxy: { accounts: () => accounts } } as unknown as DiagnosticsContext, {});
const exhaustedQuota = { buckets: [{ id: 'agentic_request', label: 'Credits', limit: 50, remaining: 0, remainingFraction: 0, unit: 'credits', resetsAt: null, models: [] }], fetchedAt: null, source: 'vendor' as const, error: null };

describe('Kiro diagnostics rows', () => {
  it('healthy accounts pass', () => {
    expect(run([account({ label: 'a@example.com' })])).toMatchObject({ status: 'pass', summary: '1 Kiro account(s) with credits left and no auth or 403 trouble.' });
  });
  it('auth loop: an account whose refresh token was refused fails with the login command', () => {
    const outcome = run([account({ label: 'a@example.com', state: 'needs-relogin' }), account({ label: 'b@example.com' })])!;
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('1 Kiro account(s) need a new login (a@example.com): the vendor refused the refresh token, so the proxy stopped refreshing them instead of looping.');
    expect(outcome.remediation).toMatch(/cliproxyctl login --provider kiro --device/);
  });
  it('403: the account and the reason are named', () => {
    const cooldown = { model: '*', until: '', secondsLeft: 86_000, reason: 'quota', status: 403, message: 'Kiro suspended this account (TEMPORARILY_SUSPENDED)' };
    expect(run([account({ label: 'a@example.com', cooldowns: [cooldown] })])).toMatchObject({ status: 'warn', summary: 'Kiro answered 403 for 1 account(s) (a@example.com: Kiro suspended this account (TEMPORARILY_SUSPENDED)).' });
  });
  it('quota: one used up warns (traffic moves on), all used up fails, unknown quota warns', () => {
    expect(run([account({ label: 'a@example.com', quota: exhaustedQuota }), account({ label: 'b@example.com' })])).toMatchObject({ status: 'warn', summary: 'Kiro quota: 1 used up (a@example.com); traffic goes to the others.' });
    expect(run([account({ label: 'a@example.com', quota: exhaustedQuota })])).toMatchObject({ status: 'fail' });
    expect(run([account({ label: 'a@example.com', quota: { buckets: [], fetchedAt: null, source: null, error: 'HTTP 500' } })])).toMatchObject({ status: 'warn', summary: 'Kiro quota: 1 with unknown quota (a@example.com).' });
  });
  it('no running proxy or no Kiro account: nothing to add to the generic row', () => {
    expect(kiroAccountsOutcome({} as DiagnosticsContext, {})).toBeUndefined();
    expect(run([])).toBeUndefined();
  });
});
