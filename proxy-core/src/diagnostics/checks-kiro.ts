import type { AccountView } from '../server/management/contract.js';
import type { CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

const LOGIN = 'cliproxyctl login --provider kiro --device (or cliproxyctl import for the Kiro IDE token)';

/**
 * The seed's Kiro rows as live checks on the running proxy's Kiro accounts: "Kiro OAuth auth loops" (a refresh
 * token the vendor refused: the account waits for a new login instead of retrying), repeated 403s (suspended
 * or refused tokens), and "Kiro remaining quota unknown or near exhaustion" (the usage-limits call).
 */
export function kiroAccountsOutcome(context: DiagnosticsContext, evidence: Record<string, unknown>): CheckOutcome | undefined {
  const all = context.proxy?.accounts?.();
  if (!all) return undefined; // doctor without a running proxy: only the files are known
  const accounts = all.filter((account) => account.provider === 'kiro');
  if (accounts.length === 0) return undefined;
  const remaining = (account: AccountView) => (account.quota.buckets.length > 0 ? account.quota.buckets.reduce((sum, bucket) => sum + (bucket.remaining ?? 0), 0) : undefined);
  const relogin = accounts.filter((account) => account.state === 'needs-relogin');
  const forbidden = accounts.filter((account) => account.cooldowns.some((cooldown) => cooldown.status === 403));
  const exhausted = accounts.filter((account) => remaining(account) === 0 || account.cooldowns.some((cooldown) => cooldown.status === 402));
  const unknown = accounts.filter((account) => account.quota.buckets.length === 0);
  const low = accounts.filter((account) => account.quota.buckets.some((bucket) => typeof bucket.remainingFraction === 'number' && bucket.remainingFraction > 0 && bucket.remainingFraction < 0.1));
  Object.assign(evidence, {
    accounts: accounts.map((account) => ({ file: account.file, state: account.state, remainingCredits: remaining(account) ?? null, quotaError: account.quota.error })),
  });
  const names = (list: AccountView[]) => list.map((account) => account.label).join(', ');
  if (relogin.length > 0) {
    return {
      status: 'fail',
      summary: `${relogin.length} Kiro account(s) need a new login (${names(relogin)}): the vendor refused the refresh token, so the proxy stopped refreshing them instead of looping.`,
      evidence,
      remediation: `Log in again: ${LOGIN}.`,
    };
  }
  if (forbidden.length > 0) {
    const reasons = forbidden.map((account) => `${account.label}: ${account.cooldowns.find((cooldown) => cooldown.status === 403)!.message}`).join('; ');
    return { status: 'warn', summary: `Kiro answered 403 for ${forbidden.length} account(s) (${reasons}).`, evidence, remediation: 'A suspended account rests 24 h; check it in the Kiro IDE or AWS console. A refused token: log in again.' };
  }
  if (exhausted.length === accounts.length) {
    return { status: 'fail', summary: `Every Kiro account's credits are used up (${names(exhausted)}).`, evidence, remediation: 'Wait for the monthly reset (see GET /v0/management/kiro-quota), or add another Kiro account.' };
  }
  if (exhausted.length > 0 || low.length > 0 || unknown.length > 0) {
    const parts = [
      exhausted.length > 0 ? `${exhausted.length} used up (${names(exhausted)}); traffic goes to the others` : '',
      low.length > 0 ? `${low.length} below 10% (${names(low)})` : '',
      unknown.length > 0 ? `${unknown.length} with unknown quota (${names(unknown)})` : '',
    ].filter(Boolean);
    return { status: 'warn', summary: `Kiro quota: ${parts.join('; ')}.`, evidence, remediation: 'Read each account’s credits with GET /v0/management/kiro-quota?refresh=true (or the Accounts page).' };
  }
  return { status: 'pass', summary: `${accounts.length} Kiro account(s) with credits left and no auth or 403 trouble.`, evidence };
}
