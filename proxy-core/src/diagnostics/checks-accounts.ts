import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';
import { authFilesOf, credentialName, credentialsOf, isoTime } from './inventory.js';

interface Bucket {
  keys: number;
  accounts: number;
  enabled: number;
  disabled: number;
  cooling: number;
  unsupportedFiles: number;
  invalidFiles: number;
}

async function runCredentials(context: DiagnosticsContext): Promise<CheckOutcome> {
  if (!context.config().loaded && !context.proxy) return { status: 'unknown', summary: 'Not known until config.yaml loads.', evidence: {} };
  const providers: Record<string, Bucket> = {};
  const bucket = (name: string) => (providers[name] ??= { keys: 0, accounts: 0, enabled: 0, disabled: 0, cooling: 0, unsupportedFiles: 0, invalidFiles: 0 });
  const now = context.now();
  const cooling = new Set(context.proxy?.runtime.cooldowns.list(now).map((entry) => entry.credentialId) ?? []);
  for (const credential of credentialsOf(context)) {
    const entry = bucket(credential.group);
    if (credential.kind === 'api-key') entry.keys++;
    else entry.accounts++;
    if (credential.disabled) entry.disabled++;
    else entry.enabled++;
    if (cooling.has(credential.id)) entry.cooling++;
  }
  for (const file of await authFilesOf(context)) {
    const entry = bucket(file.provider || 'unknown');
    if (file.status === 'invalid') entry.invalidFiles++;
    else if (file.status === 'unsupported') entry.unsupportedFiles++;
    else if (!context.proxy) {
      // Inside the proxy, loaded account files are already among the credentials above.
      entry.accounts++;
      if (file.status === 'disabled') entry.disabled++;
      else entry.enabled++;
    }
  }
  const usable = Object.values(providers).reduce((sum, entry) => sum + entry.enabled, 0);
  const broken = Object.values(providers).reduce((sum, entry) => sum + entry.invalidFiles, 0);
  const evidence = { providers };
  if (usable === 0) {
    return {
      status: 'fail',
      summary: 'No usable account or API key: every request will fail with 503.',
      evidence,
      remediation: 'Log in with `cliproxyctl login --provider <name>` (or Accounts → Log in), or add a key under gemini-api-key / claude-api-key / codex-api-key / openai-compatibility.',
    };
  }
  const summary = `${usable} usable credential(s) across ${Object.values(providers).filter((entry) => entry.enabled > 0).length} provider(s).`;
  if (broken > 0) {
    return { status: 'warn', summary: `${summary} ${broken} account file(s) in auth-dir cannot be read.`, evidence, remediation: 'See Accounts for each file\'s problem; log in again to replace a broken file.' };
  }
  return { status: 'pass', summary, evidence };
}

async function runCooldowns(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const now = context.now();
  const state = proxy.runtime.current();
  const entries = proxy.runtime.cooldowns.list(now);
  const cooling = entries.map((entry) => {
    const credential = state.credentialsById.get(entry.credentialId);
    return {
      credential: credential ? credentialName(credential) : entry.credentialId,
      credentialId: entry.credentialId,
      model: entry.model === '*' ? '(every model)' : entry.model,
      until: isoTime(entry.until),
      secondsLeft: Math.max(0, Math.ceil((entry.until - now) / 1000)),
      reason: entry.reason,
      status: entry.status ?? null,
      message: entry.message,
    };
  });
  const evidence = { cooling, disableCooling: state.config.disableCooling };
  if (cooling.length === 0) return { status: 'pass', summary: 'No credential is cooling down: every account and key is available.', evidence };
  const credentials = new Set(entries.map((entry) => entry.credentialId)).size;
  const first = cooling[0];
  return {
    status: 'warn',
    summary: `${credentials} credential(s) cooling down; the first is free at ${first.until} (${first.credential}, ${first.model}: ${first.reason}${first.status ? ` ${first.status}` : ''}).`,
    evidence,
    remediation: 'Wait for the reset time, add another account or key for the model, or clear the cooldowns if the cause is fixed (e.g. quota restored).',
  };
}

async function clearCooldowns(context: DiagnosticsContext): Promise<FixOutcome> {
  const proxy = context.proxy!;
  const ids = [...new Set(proxy.runtime.cooldowns.list(context.now()).map((entry) => entry.credentialId))];
  let cleared = 0;
  for (const id of ids) cleared += proxy.runtime.cooldowns.clear(id);
  proxy.log('info', `diagnostics: cleared ${cleared} cooldown(s) on ${ids.length} credential(s)`);
  return { ok: true, message: cleared > 0 ? `Cleared ${cleared} cooldown(s) on ${ids.length} credential(s); the next request tries them again.` : 'No cooldown was active.' };
}

const DAY = 86_400_000;

async function runForbidden(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const since = context.now() - DAY;
  const records = proxy.usage.recent({ limit: 2000 }).filter((record) => record.time >= since && record.status === 403);
  const byProvider: Record<string, { count: number; credentials: string[]; models: string[]; lastError: string | null; lastAt: string }> = {};
  for (const record of records) {
    const entry = (byProvider[record.provider || 'unknown'] ??= { count: 0, credentials: [], models: [], lastError: null, lastAt: isoTime(record.time) });
    entry.count++;
    if (record.credentialLabel && !entry.credentials.includes(record.credentialLabel)) entry.credentials.push(record.credentialLabel);
    if (!entry.models.includes(record.requestedModel)) entry.models.push(record.requestedModel);
    entry.lastError ??= record.error;
  }
  const logLines = proxy.logs.entries({ level: 'warn', limit: 2000 }).filter((entry) => entry.fields?.status === 403 && entry.time >= since);
  const evidence = { window: 'last 24 hours', requestsWith403: records.length, byProvider, upstreamAttemptsWith403: logLines.length, lastLogLine: logLines.at(-1)?.message ?? null };
  if (records.length === 0 && logLines.length === 0) return { status: 'pass', summary: 'No provider answered 403 in the last 24 hours.', evidence };
  const providers = Object.entries(byProvider).map(([provider, entry]) => `${provider} (${entry.count}: ${entry.models.slice(0, 3).join(', ')})`);
  return {
    status: 'warn',
    summary: `Upstream 403 (forbidden) in the last 24 hours: ${providers.join('; ') || `${logLines.length} failed attempt(s), failed over to another credential`}.`,
    evidence,
    remediation: 'A 403 while the model is listed means the account lacks the entitlement (plan, region, permission): align the subscription, or use a model or account that has it; the proxy cools that account for 30 minutes and tries others.',
  };
}

async function runAuthDirSync(context: DiagnosticsContext): Promise<CheckOutcome> {
  const view = context.config();
  const authDir = view.loaded?.config.authDir ?? null;
  const files = await authFilesOf(context);
  const evidence: Record<string, unknown> = { configPath: view.path, configSource: view.source, authDir, files: files.length };
  if (context.otherConfigs && context.otherConfigs.length > 0) evidence.otherConfigFiles = context.otherConfigs;
  if (!context.proxy) {
    const runningConfig = context.running?.configPath;
    if (runningConfig && runningConfig !== view.path) {
      evidence.runningProxyConfigPath = runningConfig;
      return {
        status: 'fail',
        summary: `The running proxy uses ${runningConfig}, but this shell uses ${view.path}: a login from here writes to another auth-dir than the proxy reads.`,
        evidence,
        remediation: `Use one config: pass --config ${runningConfig} here (or set CLIPROXY_CONFIG), or restart the proxy with this one.`,
      };
    }
    if (!authDir) {
      return { status: 'unknown', summary: `The auth-dir is not known until ${view.path} loads (see the config file check), so this shell cannot tell where logins go.`, evidence };
    }
    const summary = `This shell uses ${view.path} and auth-dir ${authDir} with ${files.length} account file(s); the app's Troubleshooting page shows the running proxy's paths in the same check — they must match.`;
    if (context.otherConfigs && context.otherConfigs.length > 0) {
      return { status: 'warn', summary: `${summary} Other config.yaml files exist: ${context.otherConfigs.join(', ')}.`, evidence, remediation: 'Keep one config.yaml (and one auth-dir); a process started in another folder may pick another file.' };
    }
    return { status: 'pass', summary, evidence };
  }
  const loaded = new Set(context.proxy.runtime.current().credentials.flatMap((credential) => (credential.source.type === 'file' ? [credential.source.fileName] : [])));
  // An older copy of an account that a newer file replaces is listed as active but deliberately not loaded.
  const olderCopy = (file: (typeof files)[number]) => file.shadowedBy !== null;
  const notLoaded = files.filter((file) => file.status === 'active' && !loaded.has(file.name) && !olderCopy(file)).map((file) => ({ file: file.name, provider: file.provider, modified: file.modtime }));
  Object.assign(evidence, { pid: context.proxy.pid, cwd: context.proxy.cwd, loadedAccountFiles: loaded.size, notLoaded, olderCopies: files.filter(olderCopy).map((file) => file.name) });
  if (notLoaded.length > 0) {
    return {
      status: 'warn',
      summary: `${notLoaded.length} account file(s) in ${authDir} are not loaded by the running proxy (${notLoaded.map((file) => file.file).join(', ')}).`,
      evidence,
      remediation: 'Restart the proxy (or reload config) so it reads auth-dir again; if the login ran elsewhere, make sure both use this config and auth-dir (`cliproxyctl doctor --json` prints the paths a shell uses).',
    };
  }
  const accounts = loaded.size === 0 ? `it holds no usable account file (${files.length} file(s) in total)` : `all ${loaded.size} usable account file(s) there are loaded`;
  return { status: 'pass', summary: `The running proxy (pid ${context.proxy.pid}) uses ${view.path} and auth-dir ${authDir}; ${accounts}.`, evidence };
}

export const accountChecks: readonly CheckDefinition[] = [
  {
    id: 'credentials',
    title: 'Accounts and keys',
    symptom: 'Every request fails with 503 "no credential"',
    cause: 'No account logged in and no API key configured, or every one is disabled or broken',
    needs: 'files',
    run: runCredentials,
  },
  {
    id: 'cooldowns',
    title: 'Credential cooldowns',
    symptom: '429 and rate-limit cascades; a model answers "all credentials are cooling down"',
    cause: 'An upstream answered 429/401/403/5xx and the credential is paused for that model until its reset time',
    needs: 'proxy',
    run: runCooldowns,
    fix: { id: 'clear-cooldowns', label: 'Clear all cooldowns', needs: 'proxy', apply: clearCooldowns },
  },
  {
    id: 'upstream-403',
    title: 'Provider 403 (entitlement)',
    symptom: '`403` from a provider upstream',
    cause: 'License, subscription or permission mismatch for that account and model',
    needs: 'proxy',
    run: runForbidden,
  },
  {
    id: 'auth-dir-sync',
    title: 'Login and runtime use the same auth-dir',
    symptom: 'Login succeeds but the runtime still says the provider is unavailable',
    cause: 'Login and runtime read different config files or auth-dir paths, or the runtime has not loaded the new file',
    needs: 'files',
    run: runAuthDirSync,
  },
];
