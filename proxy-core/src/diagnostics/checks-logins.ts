import type { AccountView } from '../server/management/contract.js';
import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

const troubled = (account: AccountView) => account.state === 'needs-relogin' || account.state === 'refresh-failing';
const exhausted = (account: AccountView) => account.enabled && account.quota.buckets.some((bucket) => bucket.remainingFraction !== null && bucket.remainingFraction <= 0);

/**
 * The "OAuth auth loops" row, from the running proxy's side: accounts whose refresh token the vendor
 * rejected (they need a new login — the proxy does not retry them in a loop), whose refresh keeps failing,
 * or whose vendor quota is used up.
 */
async function runAccountLogins(context: DiagnosticsContext): Promise<CheckOutcome> {
  const accounts = context.proxy?.accounts?.() ?? [];
  const evidence = {
    accounts: accounts.map((account) => ({
      provider: account.provider,
      label: account.label,
      state: account.state,
      tokenExpiresAt: account.token.expiresAt,
      lastRefresh: account.token.lastRefresh,
      quotaLeft: account.quota.buckets.map((bucket) => ({ bucket: bucket.id, remaining: bucket.remainingFraction, resetsAt: bucket.resetsAt })),
    })),
  };
  if (accounts.length === 0) return { status: 'pass', summary: 'No subscription accounts are logged in (nothing to refresh).', evidence, applies: false };
  const relogin = accounts.filter(troubled);
  if (relogin.length > 0) {
    return {
      status: 'fail',
      summary: `${relogin.map((account) => `${account.providerName} ${account.label}: ${account.stateMessage}`).join(' ')}`,
      evidence,
      remediation: `Log in again (Accounts → Log in again, or \`cliproxyctl login --provider ${relogin[0].provider}\`); the account keeps its settings.`,
    };
  }
  const empty = accounts.filter(exhausted);
  if (empty.length > 0) {
    const resets = (account: AccountView) => account.quota.buckets.filter((bucket) => bucket.remainingFraction !== null && bucket.remainingFraction <= 0).map((bucket) => `${bucket.label}${bucket.resetsAt ? ` until ${bucket.resetsAt}` : ''}`);
    return {
      status: 'warn',
      summary: `Quota used up: ${empty.map((account) => `${account.label} (${resets(account).join(', ')})`).join('; ')}. Requests go to other accounts meanwhile.`,
      evidence,
      remediation: 'Wait for the reset, or log in to another account of the same provider.',
    };
  }
  return { status: 'pass', summary: `${accounts.length} subscription account(s) with valid tokens.`, evidence };
}

async function loginAgain(context: DiagnosticsContext): Promise<FixOutcome> {
  const account = (context.proxy?.accounts?.() ?? []).find(troubled);
  if (!account) return { ok: false, message: 'No account needs a new login.' };
  if (!context.proxy?.startLogin) return { ok: false, message: 'Logins are not available in this context; use Accounts → Log in again.' };
  const login = await context.proxy.startLogin(account.provider);
  return {
    ok: true,
    message: `A login for ${account.providerName} started: open the page, approve as ${account.label}, and the account is back (${login.message})`,
    link: { url: login.url, label: `Log in to ${account.providerName}` },
  };
}

export const loginChecks: readonly CheckDefinition[] = [
  {
    id: 'account-logins',
    title: 'Subscription logins',
    symptom: 'A logged-in account stops working; "auth loops"; an account keeps failing with 401',
    cause: 'The vendor revoked the refresh token (a new login is needed), refreshes keep failing, or the quota is used up',
    needs: 'proxy',
    run: runAccountLogins,
    fix: { id: 'relogin', label: 'Log in again', needs: 'proxy', apply: loginAgain },
  },
];
