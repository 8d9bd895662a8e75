import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import { createAuthFileStore } from '../credentials/auth-file-store.js';
import { credentialsFromConfig } from '../credentials/synthesize.js';
import type { CheckResult } from './check-result.js';
import { findPortOwner, isPortFree } from './port-owner.js';

export interface LocalCheckInput {
  configPath: string;
  configSource: string;
  home: string;
  /** Supported provider ids (files of other types are reported as unsupported). */
  providers: ReadonlySet<string>;
  /** Asks `GET /health` on the port; resolves the JSON body or undefined. */
  probeHealth(url: string): Promise<Record<string, unknown> | undefined>;
}

export interface LocalReport {
  configPath: string;
  configSource: string;
  authDir: string | null;
  checks: CheckResult[];
}

/** Checks that need no running proxy: config file, auth-dir, port, credentials per provider, management. */
export async function runLocalChecks(input: LocalCheckInput): Promise<LocalReport> {
  const checks: CheckResult[] = [];
  let loaded: LoadedConfig | undefined;
  const text = await fs.readFile(input.configPath, 'utf8').catch(() => undefined);
  if (text === undefined) {
    checks.push({
      id: 'config-file',
      title: 'Config file',
      status: 'warn',
      summary: `${input.configPath} does not exist yet; \`cliproxyctl serve\` creates it with defaults.`,
      evidence: { path: input.configPath, source: input.configSource, exists: false },
      remediation: 'Run `cliproxyctl serve` once, or pass --config with your CLIProxyAPI config.yaml.',
    });
  } else {
    try {
      loaded = parseConfigText(text, input.configPath, { home: input.home });
      checks.push({
        id: 'config-file',
        title: 'Config file',
        status: loaded.warnings.length > 0 ? 'warn' : 'pass',
        summary: loaded.warnings.length > 0 ? `${loaded.warnings.length} warning(s): ${loaded.warnings[0].key}: ${loaded.warnings[0].message}` : 'config.yaml loads without problems.',
        evidence: { path: input.configPath, source: input.configSource, exists: true, warnings: loaded.warnings },
      });
    } catch (error) {
      const configError = error instanceof ConfigError ? error : undefined;
      checks.push({
        id: 'config-file',
        title: 'Config file',
        status: 'fail',
        summary: (error as Error).message,
        evidence: { path: input.configPath, source: input.configSource, exists: true, line: configError?.line, column: configError?.column, key: configError?.key },
        remediation: 'Fix the line named above; the proxy refuses to start with an invalid config.',
      });
    }
  }
  const writable = await fs.access(text === undefined ? path.dirname(input.configPath) : input.configPath, fs.constants.W_OK).then(() => true, () => false);
  checks.push({
    id: 'config-writable',
    title: 'Config file is writable',
    status: writable ? 'pass' : 'warn',
    summary: writable ? 'Changes from the app are saved to config.yaml.' : 'config.yaml is read-only: changes from the app apply until restart but are not saved.',
    evidence: { path: input.configPath, writable },
    remediation: writable ? undefined : `Make ${input.configPath} writable (or mount it read-write), or edit it by hand.`,
  });

  const config = loaded?.config;
  const authDir = config?.authDir ?? null;
  if (authDir) checks.push(await authDirCheck(authDir));
  if (config) {
    checks.push(await portCheck(config.host, config.port, input));
    checks.push(await providersCheck(loaded!, authDir!, input.providers));
    checks.push({
      id: 'management',
      title: 'Management API',
      status: config.remoteManagement.secretKey ? 'pass' : 'warn',
      summary: config.remoteManagement.secretKey
        ? `Enabled${config.remoteManagement.allowRemote ? ' (remote access allowed)' : ' for this machine only'}.`
        : 'Disabled: /v0/management answers 404 and the dashboard at /ui cannot sign in.',
      evidence: { enabled: Boolean(config.remoteManagement.secretKey), allowRemote: config.remoteManagement.allowRemote },
      remediation: config.remoteManagement.secretKey ? undefined : 'Set remote-management.secret-key in config.yaml (it is stored as a bcrypt hash on first start).',
    });
    checks.push({
      id: 'client-keys',
      title: 'Client API keys',
      status: config.apiKeys.length > 0 ? 'pass' : 'warn',
      summary: config.apiKeys.length > 0 ? `${config.apiKeys.length} client key(s) configured.` : 'No api-keys: only programs on this machine can use the proxy, without a key.',
      evidence: { count: config.apiKeys.length },
      remediation: config.apiKeys.length > 0 ? undefined : 'Add a key under api-keys to use the proxy from other machines or from browser-based clients.',
    });
  }
  return { configPath: input.configPath, configSource: input.configSource, authDir, checks };
}

async function authDirCheck(authDir: string): Promise<CheckResult> {
  const stat = await fs.stat(authDir).catch(() => undefined);
  if (!stat) {
    return { id: 'auth-dir', title: 'Credential folder (auth-dir)', status: 'warn', summary: `${authDir} does not exist yet; it is created (mode 0700) at the first login.`, evidence: { path: authDir, exists: false } };
  }
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  const tooOpen = (stat.mode & 0o077) !== 0;
  return {
    id: 'auth-dir',
    title: 'Credential folder (auth-dir)',
    status: tooOpen ? 'fail' : 'pass',
    summary: tooOpen ? `${authDir} has mode ${mode}: other users can read your tokens.` : `${authDir} exists with mode ${mode}.`,
    evidence: { path: authDir, exists: true, mode },
    remediation: tooOpen ? `Run: chmod 700 ${JSON.stringify(authDir)}` : undefined,
  };
}

async function portCheck(host: string, port: number, input: LocalCheckInput): Promise<CheckResult> {
  const base = { id: 'port', title: `Port ${port} on ${host}` };
  if (port === 0) return { ...base, status: 'pass', summary: 'A free port is chosen at start (port: 0).', evidence: { host, port } };
  if (await isPortFree(port, host)) return { ...base, status: 'pass', summary: 'The port is free.', evidence: { host, port, inUse: false } };
  const health = await input.probeHealth(`http://${host.includes(':') ? `[${host}]` : host}:${port}/health`);
  if (health?.status === 'ok' && typeof health.version === 'string') {
    return { ...base, status: 'pass', summary: `The proxy is already running here (version ${health.version}).`, evidence: { host, port, inUse: true, ownedByProxy: true, version: health.version } };
  }
  const owner = await findPortOwner(port);
  return {
    ...base,
    status: 'fail',
    summary: `The port is used by another program${owner ? ` (pid ${owner.pid}: ${owner.command})` : ''}.`,
    evidence: { host, port, inUse: true, ownedByProxy: false, owner: owner ?? null },
    remediation: `Stop that program, or set another port in config.yaml (e.g. port: ${port + 1}).`,
  };
}

async function providersCheck(loaded: LoadedConfig, authDir: string, supported: ReadonlySet<string>): Promise<CheckResult> {
  const providers: Record<string, { keys: number; enabled: number; disabled: number; files: number; unsupportedFiles: number; invalidFiles: number }> = {};
  const bucket = (name: string) => (providers[name] ??= { keys: 0, enabled: 0, disabled: 0, files: 0, unsupportedFiles: 0, invalidFiles: 0 });
  for (const credential of credentialsFromConfig(loaded.config)) {
    const entry = bucket(credential.group);
    entry.keys++;
    if (credential.disabled) entry.disabled++;
    else entry.enabled++;
  }
  for (const file of await createAuthFileStore(authDir).list().catch(() => [])) {
    const type = typeof file.data?.type === 'string' ? file.data.type : 'unknown';
    const entry = bucket(type);
    entry.files++;
    if (file.problem) entry.invalidFiles++;
    else if (!supported.has(type)) entry.unsupportedFiles++;
    else if (file.data?.disabled === true) entry.disabled++;
    else entry.enabled++;
  }
  const usable = Object.values(providers).reduce((sum, entry) => sum + entry.enabled, 0);
  return {
    id: 'credentials',
    title: 'Accounts and keys',
    status: usable > 0 ? 'pass' : 'fail',
    summary: usable > 0 ? `${usable} usable credential(s) across ${Object.keys(providers).length} provider(s).` : 'No usable account or API key: every request will fail with 503.',
    evidence: { providers },
    remediation: usable > 0 ? undefined : 'Log in with `cliproxyctl login --provider <name>` or add a key under gemini-api-key / claude-api-key / codex-api-key / openai-compatibility.',
  };
}
