import { accountView } from '../server/management/account-view.js';
import type { AccountView, CooldownView, CredentialView } from '../server/management/contract.js';
import { createRuntime } from '../server/runtime.js';
import { openCliAccounts } from './account-setup.js';
import { parseArgs, rejectUnknown, stringFlag } from './args.js';
import { dataDirFor, locateConfig, type CliEnvironment } from './environment.js';
import { readLocalControl } from './local-control.js';
import { envelope } from './output.js';

export const STATUS_HELP = `Usage: cliproxyctl status [--config PATH] [--json] [--no-quota]

Every subscription account: provider, e-mail, enabled, token expiry, the last refresh and its
result, quota per window with reset times, and the proxy's cooldowns per model; then every API key
from config.yaml (masked) with its state and cooldowns. Asks the running
proxy on this machine when there is one (it knows the cooldowns); otherwise reads the auth-dir and
asks the vendors for quota itself.

  --config PATH   config.yaml to use (same lookup as serve)
  --json          one JSON object on stdout: source, accounts[], keys[]
  --no-quota      do not ask the vendors for quota (files only)
`;

/** An API key from config.yaml as `status` shows it (masked, never the key). */
interface KeyStatus {
  provider: string;
  label: string;
  /** The config.yaml list it is in (`claude-api-key`, `openai-compatibility`, …). */
  configKey: string;
  state: string;
  cooldowns: CooldownView[];
}

function keyStatusOf(credential: Pick<CredentialView, 'group' | 'label' | 'state' | 'cooldowns' | 'source'>): KeyStatus {
  return { provider: credential.group, label: credential.label, configKey: credential.source.type === 'config' ? credential.source.yamlKey : '', state: credential.state, cooldowns: credential.cooldowns };
}

async function keysFromRunningProxy(control: { url: string; key: string }): Promise<KeyStatus[]> {
  const response = await fetch(`${control.url}/v0/management/credentials`, { headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(3000) });
  if (!response.ok) return [];
  const body = (await response.json()) as { credentials: CredentialView[] };
  return body.credentials.filter((credential) => credential.kind === 'api-key' && credential.source.type !== 'runtime').map(keyStatusOf);
}

async function fromRunningProxy(environment: CliEnvironment, configPath: string): Promise<{ accounts: AccountView[]; keys: KeyStatus[] } | undefined> {
  const control = await readLocalControl(dataDirFor(environment));
  if (!control || control.configPath !== configPath) return undefined;
  const accounts = await accountsFromRunningProxy(control);
  if (!accounts) return undefined;
  return { accounts, keys: await keysFromRunningProxy(control).catch(() => []) };
}

async function accountsFromRunningProxy(control: { url: string; key: string }): Promise<AccountView[] | undefined> {
  try {
    const response = await fetch(`${control.url}/v0/management/accounts`, { headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(3000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { accounts: AccountView[] };
    // Ask for fresh vendor quota too (the proxy caches it for five minutes).
    await Promise.all(body.accounts.map((account) => fetch(`${control.url}/v0/management/accounts/${encodeURIComponent(account.id)}/quota`, { headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(15_000) }).catch(() => undefined)));
    const again = await fetch(`${control.url}/v0/management/accounts`, { headers: { authorization: `Bearer ${control.key}` } });
    return again.ok ? ((await again.json()) as { accounts: AccountView[] }).accounts : body.accounts;
  } catch {
    return undefined;
  }
}

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'unknown');

function describe(account: AccountView): string {
  const lines = [`${account.provider}  ${account.label}  ${account.state}${account.plan ? `  (${account.plan})` : ''}`, `    ${account.stateMessage}`];
  const refresh = account.token.lastRefresh;
  lines.push(`    token valid until ${time(account.token.expiresAt)}; last refresh ${refresh ? `${time(refresh.at)} (${refresh.ok ? 'ok' : `failed: ${refresh.error}`})` : time(account.token.lastRefreshAt)}`);
  if (account.quota.buckets.length > 0) {
    const buckets = account.quota.buckets.map((bucket) => `${bucket.label} ${bucket.remainingFraction === null ? '?' : `${Math.round(bucket.remainingFraction * 100)}% left`}${bucket.resetsAt ? ` (resets ${time(bucket.resetsAt)})` : ''}`);
    lines.push(`    quota: ${buckets.join('; ')}`);
  } else if (account.quota.error) lines.push(`    quota: ${account.quota.error}`);
  for (const cooldown of account.cooldowns) lines.push(`    cooling ${cooldown.model === '*' ? 'every model' : cooldown.model} until ${time(cooldown.until)} (${cooldown.reason}${cooldown.message ? `: ${cooldown.message}` : ''})`);
  return lines.join('\n');
}

function describeKey(key: KeyStatus): string {
  const lines = [`${key.provider}  ${key.label}  ${key.state}  (${key.configKey})`];
  for (const cooldown of key.cooldowns) lines.push(`    cooling ${cooldown.model === '*' ? 'every model' : cooldown.model} until ${time(cooldown.until)} (${cooldown.reason}${cooldown.message ? `: ${cooldown.message}` : ''})`);
  return lines.join('\n');
}

/** `cliproxyctl status`: account state from the running proxy, or from the files and the vendors. */
export async function statusCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help', 'no-quota']));
  if (args.flags.has('help')) {
    environment.stdout(STATUS_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json', 'no-quota']);
  const running = await fromRunningProxy(environment, locateConfig(environment, stringFlag(args, 'config')).path);
  const source = running ? 'running-proxy' : 'files';
  let accounts = running?.accounts;
  let keys = running?.keys ?? [];
  if (!accounts) {
    const cli = await openCliAccounts(environment, stringFlag(args, 'config'), { createConfig: false });
    try {
      if (!args.flags.has('no-quota')) await Promise.all(cli.accounts.entries().filter((entry) => !entry.meta.disabled).map((entry) => cli.accounts.quota(entry.file, { force: true })));
      const runtime = createRuntime(cli.providers, { config: cli.loaded.config, text: cli.loaded.text, warnings: cli.loaded.warnings });
      const state = runtime.setFileCredentials(cli.accounts.credentials());
      const now = Date.now();
      accounts = cli.accounts.entries().map((entry) => accountView(entry, state, [], now));
      keys = state.credentials
        .filter((credential) => credential.kind === 'api-key')
        .map((credential) => keyStatusOf({ ...credential, state: credential.disabled ? 'disabled' : 'active', cooldowns: [] }));
    } finally {
      await cli.close();
    }
  }
  const ok = accounts.every((account) => account.state !== 'needs-relogin' && account.state !== 'refresh-failing');
  if (args.flags.has('json')) {
    environment.stdout(`${JSON.stringify(envelope('status', ok, { source, accounts, keys }))}\n`);
    return ok ? 0 : 1;
  }
  const sections = [
    accounts.length > 0 ? accounts.map(describe).join('\n\n') : 'No subscription accounts yet. Log in with: cliproxyctl login --provider <claude|codex|gemini-cli|antigravity>',
    keys.length > 0 ? `API keys (config.yaml):\n${keys.map(describeKey).join('\n')}` : 'No API keys in config.yaml.',
  ];
  environment.stdout(`${sections.join('\n\n')}\n${source === 'files' && accounts.length + keys.length > 0 ? '\n(No running proxy found on this machine: cooldowns are not shown.)\n' : ''}`);
  return ok ? 0 : 1;
}
