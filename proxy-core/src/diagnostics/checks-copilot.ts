import { stableCopilotId } from '../providers/github-copilot/models.js';
import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';
import { unservedNow } from './checks-requested-models.js';

const PROVIDER = 'github-copilot';

const copilotAccounts = (context: DiagnosticsContext) => (context.proxy?.accounts?.() ?? []).filter((account) => account.provider === PROVIDER);

/** Copilot 403s: accounts without a seat (the token exchange refused → "log in again") and models the seat or policy does not allow. */
async function runEntitlement(context: DiagnosticsContext): Promise<CheckOutcome> {
  const accounts = copilotAccounts(context);
  if (accounts.length === 0) return { status: 'unknown', summary: 'No GitHub Copilot account is logged in.', evidence: { accounts: 0 }, remediation: 'Log in with: cliproxyctl login --provider github-copilot' };
  const noSeat = accounts.filter((account) => account.state === 'needs-relogin').map((account) => ({ account: account.label, reason: account.stateMessage }));
  const refused = accounts.flatMap((account) => account.cooldowns.filter((cooldown) => cooldown.status === 403).map((cooldown) => ({ account: account.label, model: cooldown.model, until: cooldown.until, reason: cooldown.message })));
  const evidence = { accounts: accounts.length, needsLogin: noSeat, refusedModels: refused };
  if (noSeat.length > 0) {
    return {
      status: 'fail',
      summary: `${noSeat.length} GitHub Copilot account(s) cannot get a Copilot token: ${noSeat.map((entry) => `${entry.account} (${entry.reason})`).join('; ')}.`,
      evidence,
      remediation: 'Check the Copilot subscription of that GitHub user at github.com/settings/copilot, then log in again (Accounts → Log in again, or cliproxyctl login --provider github-copilot).',
    };
  }
  if (refused.length > 0) {
    return {
      status: 'warn',
      summary: `GitHub Copilot refused ${refused.map((entry) => `${entry.model} on ${entry.account}`).join(', ')} with 403 (not entitled); the proxy skips that model on that account for 30 minutes.`,
      evidence,
      remediation: 'Enable the model for the seat at github.com/settings/copilot (organisation seats: ask the admin to allow it in the Copilot policy), then apply the fix to try again at once; or use another account for the model.',
    };
  }
  return { status: 'pass', summary: `${accounts.length} GitHub Copilot account(s) hold a Copilot token, and no model was refused with 403.`, evidence };
}

async function clearCopilot403(context: DiagnosticsContext): Promise<FixOutcome> {
  const proxy = context.proxy!;
  const ids = new Set(proxy.runtime.current().credentials.filter((credential) => credential.provider === PROVIDER).map((credential) => credential.id));
  const entries = proxy.runtime.cooldowns.list(context.now()).filter((entry) => ids.has(entry.credentialId) && entry.status === 403);
  for (const entry of entries) proxy.runtime.cooldowns.clear(entry.credentialId, entry.model);
  proxy.log('info', `diagnostics: cleared ${entries.length} GitHub Copilot 403 cooldown(s)`);
  return { ok: true, message: entries.length > 0 ? `Cleared ${entries.length} Copilot 403 cooldown(s); the next request tries those models again.` : 'No Copilot model was cooling after a 403.' };
}

/**
 * CPB-0810 "Copilot model id drift": clients configured with Copilot's own spelling (`claude-sonnet-4.5`) get 404,
 * because /v1/models shows the stable id (`claude-sonnet-4-5`). Found in the last day's unserved requests.
 */
async function runModelIds(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const registry = proxy.runtime.current().registry;
  const copilot = proxy.runtime.current().credentials.filter((credential) => credential.provider === PROVIDER);
  const drift = unservedNow(context)
    .map((row) => ({ requested: row.model, served: stableCopilotId(row.model), count: row.count }))
    .filter((row) => row.served !== row.requested && (registry.bindings(row.served) ?? []).some((binding) => binding.credential.provider === PROVIDER));
  const evidence = { copilotCredentials: copilot.length, drift };
  if (copilot.length === 0) return { status: 'unknown', summary: 'No GitHub Copilot account is logged in.', evidence, remediation: 'Log in with: cliproxyctl login --provider github-copilot' };
  if (drift.length > 0) {
    const rules = drift.map((row) => `  - from: "${row.requested}"\n    to: "${row.served}"`).join('\n');
    return {
      status: 'warn',
      summary: `Clients asked for Copilot's own spelling of ${drift.length} model(s) and got 404: ${drift.map((row) => `${row.requested} (served here as ${row.served}, ${row.count}×)`).join(', ')}.`,
      evidence,
      remediation: `Use the ids /v1/models shows in the client, or add to config.yaml:\nmodel-mappings:\n${rules}`,
    };
  }
  return { status: 'pass', summary: `No client asked for a Copilot model under a spelling this proxy does not serve in the last 24 hours (${copilot.length} Copilot account(s)).`, evidence };
}

export const copilotChecks: readonly CheckDefinition[] = [
  {
    id: 'copilot-entitlement',
    title: 'GitHub Copilot entitlement (403)',
    symptom: 'Repeated 403 on Copilot channels',
    cause: 'The GitHub user has no (or a lapsed) Copilot seat, or the seat or organisation policy does not allow the model',
    needs: 'proxy',
    run: runEntitlement,
    fix: { id: 'clear-copilot-403', label: 'Try the refused Copilot models again', needs: 'proxy', apply: clearCopilot403 },
  },
  {
    id: 'copilot-model-ids',
    title: 'GitHub Copilot model ids',
    symptom: 'Copilot CLI model mapping mismatch: a Copilot model id answers 404 (CPB-0810)',
    cause: 'Copilot spells ids differently (claude-sonnet-4.5) from the stable names /v1/models shows (claude-sonnet-4-5)',
    needs: 'proxy',
    run: runModelIds,
  },
];
