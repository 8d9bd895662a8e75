import { promises as fs } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { generateConfigKey } from '../config/default-config.js';
import type { CheckDefinition, CheckOutcome, FixOutcome } from './check-definition.js';
import { jsonOf, loopbackUrl } from './client-api.js';
import type { DiagnosticsContext } from './context.js';

async function runConfigFile(context: DiagnosticsContext): Promise<CheckOutcome> {
  const view = context.config();
  const evidence: Record<string, unknown> = { path: view.path, source: view.source, exists: view.exists };
  if (!view.exists) {
    return {
      status: 'warn',
      summary: `${view.path} does not exist yet; \`cliproxyctl serve\` creates it with defaults.`,
      evidence,
      remediation: 'Run `cliproxyctl serve` once, or pass --config with your CLIProxyAPI config.yaml.',
    };
  }
  if (view.error) {
    return {
      status: 'fail',
      summary: view.error.message,
      evidence: { ...evidence, line: view.error.line, column: view.error.column, key: view.error.key },
      remediation: 'Fix the line named above; the proxy refuses to start with an invalid config.',
    };
  }
  if (view.lastReloadError) {
    return {
      status: 'warn',
      summary: `The last edit of config.yaml did not load (${view.lastReloadError.error}); the proxy keeps running the previous version.`,
      evidence: { ...evidence, lastReloadError: view.lastReloadError },
      remediation: 'Fix the line named above and save again (or use Settings → config.yaml, which shows the error in place).',
    };
  }
  const warnings = view.loaded?.warnings ?? [];
  evidence.warnings = warnings;
  if (warnings.length > 0) {
    return {
      status: 'warn',
      summary: `${warnings.length} warning(s): ${warnings[0].key}: ${warnings[0].message}`,
      evidence,
      remediation: 'Unknown keys are kept in the file but ignored; fix or remove the keys named in the evidence.',
    };
  }
  return { status: 'pass', summary: 'config.yaml loads without problems.', evidence };
}

async function runConfigWritable(context: DiagnosticsContext): Promise<CheckOutcome> {
  const view = context.config();
  // The proxy learns that the file is read-only only when a write fails, so ask the file system now too.
  const target = view.exists ? view.path : path.dirname(view.path);
  const writable = view.writable && (await fs.access(target, fs.constants.W_OK).then(() => true, () => false));
  const evidence = { path: view.path, writable, persisted: view.persisted ?? null };
  if (!writable) {
    return {
      status: 'warn',
      summary: `config.yaml is read-only: changes from the app apply until restart but are not saved${view.persisted === false ? ' (the running config already differs from the file)' : ''}.`,
      evidence,
      remediation: `Make ${view.path} writable (or mount it read-write), or edit it by hand; every change the app makes reports "not saved" until then.`,
    };
  }
  if (view.persisted === false) {
    return { status: 'warn', summary: 'An earlier change could not be saved: the running config differs from config.yaml.', evidence, remediation: 'Save any setting again now that the file is writable, or restart to go back to the file.' };
  }
  return { status: 'pass', summary: 'config.yaml is writable: changes from the app are saved.', evidence };
}

async function runAuthDir(context: DiagnosticsContext): Promise<CheckOutcome> {
  const authDir = context.config().loaded?.config.authDir;
  if (!authDir) return { status: 'unknown', summary: 'The auth-dir is not known until config.yaml loads.', evidence: {} };
  const stat = await fs.stat(authDir).catch(() => undefined);
  if (!stat) {
    return {
      status: 'warn',
      summary: `${authDir} does not exist yet; it is created (mode 0700) at the first login.`,
      evidence: { path: authDir, exists: false },
      remediation: 'Log in once, or create it now with the fix button (mode 0700).',
    };
  }
  if (!stat.isDirectory()) {
    return { status: 'fail', summary: `${authDir} is a file, not a folder: logins cannot save accounts.`, evidence: { path: authDir, exists: true, directory: false }, remediation: 'Move the file away, or point auth-dir in config.yaml at a folder.' };
  }
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  if (context.platform === 'win32') return { status: 'pass', summary: `${authDir} exists (Windows protects it with your user account's permissions).`, evidence: { path: authDir, exists: true } };
  const tooOpen = (stat.mode & 0o077) !== 0;
  return {
    status: tooOpen ? 'fail' : 'pass',
    summary: tooOpen ? `${authDir} has mode ${mode}: other users of this machine can read your tokens, and logins refuse to write there.` : `${authDir} exists with mode ${mode}.`,
    evidence: { path: authDir, exists: true, mode },
    remediation: tooOpen ? `Run: chmod 700 ${JSON.stringify(authDir)} (or press the fix button), then retry the login.` : undefined,
  };
}

async function chmodAuthDir(context: DiagnosticsContext): Promise<FixOutcome> {
  const authDir = context.config().loaded?.config.authDir;
  if (!authDir) return { ok: false, message: 'The auth-dir is not known: config.yaml does not load.' };
  if (context.platform === 'win32') return { ok: false, message: 'Folder modes do not apply on Windows.' };
  try {
    const stat = await fs.stat(authDir).catch(() => undefined);
    if (stat && !stat.isDirectory()) return { ok: false, message: `${authDir} is a file, not a folder; it was left alone.` };
    if (!stat) await fs.mkdir(authDir, { recursive: true, mode: 0o700 });
    await fs.chmod(authDir, 0o700);
    const mode = (await fs.stat(authDir)).mode & 0o777;
    if (mode !== 0o700) return { ok: false, message: `chmod did not take: ${authDir} still has mode ${mode.toString(8).padStart(4, '0')} (a filesystem without Unix modes?).` };
    context.proxy?.log('info', `diagnostics: auth-dir ${authDir} set to mode 0700`);
    return { ok: true, message: `${stat ? 'Set' : 'Created'} ${authDir} with mode 0700.` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, message: `Could not change ${authDir} (${code}); it may belong to another user. Run: chmod 700 ${JSON.stringify(authDir)}` };
  }
}

async function runManagement(context: DiagnosticsContext): Promise<CheckOutcome> {
  const config = context.config().loaded?.config;
  if (!config) return { status: 'unknown', summary: 'Not known until config.yaml loads.', evidence: {} };
  const management = config.remoteManagement;
  const evidence: Record<string, unknown> = { enabled: Boolean(management.secretKey), allowRemote: management.allowRemote, controlPanel: !management.disableControlPanel };
  if (!management.secretKey && !context.proxy) {
    return {
      status: 'warn',
      summary: 'Disabled: /v0/management answers 404 and the dashboard at /ui cannot sign in.',
      evidence,
      remediation: 'Run `cliproxyctl reset-management-key` (or let `cliproxyctl doctor --fix` enable it): it prints a new key once and writes only its hash to config.yaml.',
    };
  }
  const where = management.allowRemote ? 'from other machines too (allow-remote: true)' : 'from this machine only';
  return { status: 'pass', summary: `The management API is enabled, reachable ${where}.`, evidence };
}

/**
 * doctor's "Enable management": a fresh key in `remote-management.secret-key`. The file gets the key's bcrypt
 * hash — what the proxy would turn a plaintext key into on its next start anyway — so the plaintext never sits on
 * disk and this message is the one place it appears. `allow-remote` is left as it is.
 */
async function enableManagement(context: DiagnosticsContext): Promise<FixOutcome> {
  const view = context.config();
  const config = view.loaded?.config;
  if (!config) return { ok: false, message: 'config.yaml does not load (see the config file check): fix it first.' };
  if (!context.editConfig) return { ok: false, message: 'This fix edits config.yaml: run `cliproxyctl doctor --fix`.' };
  if (config.remoteManagement.secretKey) return { ok: true, message: 'Management is already enabled; the key was left alone.' };
  const key = generateConfigKey('management');
  const written = await context.editConfig([{ path: ['remote-management', 'secret-key'], value: await bcrypt.hash(key, 10) }]);
  if (!written.ok) return { ok: false, message: `Management stays disabled: ${written.reason}. Make the file writable and run the fix again, or set remote-management.secret-key by hand.` };
  const dashboard = config.port === 0 ? '/ui on the proxy\'s address' : `${loopbackUrl(config.host, config.port)}/ui`;
  return {
    ok: true,
    message:
      `Management is enabled. Your management key, shown only this once (config.yaml keeps just its bcrypt hash): ${key}\n` +
      `Save it now, e.g. in a password manager. Sign in at ${dashboard}, or send "Authorization: Bearer <key>" to /v0/management, once the proxy starts or reloads config.yaml. ` +
      `allow-remote stays ${config.remoteManagement.allowRemote ? 'true (other machines may use the key too)' : 'false (this machine only)'}.`,
  };
}

async function runHealth(context: DiagnosticsContext): Promise<CheckOutcome> {
  const response = await context.client!.request('/health', { withKey: false, timeoutMs: 4000 });
  const body = jsonOf(response) as { status?: string; version?: string; uptime_seconds?: number } | undefined;
  const evidence: Record<string, unknown> = {
    url: `${context.client!.baseUrl}/health`,
    status: response.status,
    body: body ?? null,
    runtime: 'native process (desktop app or cliproxyctl serve), not a container image',
  };
  if (response.status === 200 && body?.status === 'ok') {
    return { status: 'pass', summary: `/health answers ok (version ${body.version}, up ${body.uptime_seconds ?? 0} s); this build runs natively, so Docker image tags and mounts do not apply.`, evidence };
  }
  return {
    status: 'fail',
    summary: `/health did not answer ok (${response.error ?? `HTTP ${response.status}`}).`,
    evidence,
    remediation: 'Look at the proxy log for the start-up error (config, port), fix it and restart.',
  };
}

export const setupChecks: readonly CheckDefinition[] = [
  {
    id: 'config-file',
    title: 'Config file',
    symptom: 'The proxy does not start, or an edit of config.yaml has no effect',
    cause: 'config.yaml is missing, has a syntax error or an invalid value, or a later edit did not load',
    needs: 'files',
    run: runConfigFile,
  },
  {
    id: 'config-writable',
    title: 'Config file is writable',
    symptom: 'Runtime config write errors; changes made in the app are gone after a restart',
    cause: 'Read-only mount or immutable file system',
    needs: 'files',
    run: runConfigWritable,
  },
  {
    id: 'auth-dir',
    title: 'Credential folder (auth-dir) permissions',
    symptom: 'auth-dir mode is too permissive (0755/0777); logins and refreshes fail to write',
    cause: 'The folder was created by hand or by another tool without owner-only permissions',
    needs: 'files',
    run: runAuthDir,
    fix: { id: 'chmod-auth-dir', label: 'Set mode 0700', needs: 'files', apply: chmodAuthDir },
  },
  {
    id: 'management',
    title: 'Management API',
    symptom: 'Management API returns 404, or the dashboard refuses the key',
    cause: 'remote-management.secret-key is empty (wrong-key lockouts: see the management-lockout check)',
    needs: 'files',
    run: runManagement,
    fix: { id: 'enable-management', label: 'Enable management', needs: 'files', editsConfig: true, apply: enableManagement },
  },
  {
    id: 'health',
    title: 'Health endpoint (/health)',
    symptom: '"Docker Image Error" on startup/health, or the service looks down',
    cause: 'The service failed before it could bind, or a stale config/image is running',
    needs: 'client',
    run: runHealth,
  },
];
