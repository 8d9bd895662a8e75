import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultConfigDir } from '../config/paths.js';
import { CONFIG_FILE_NAME } from '../config/resolve-config-path.js';
import { loopbackUrl, runLocalChecks, runLocalFixes } from '../diagnostics/index.js';
import { groupDiagnosticChecks } from '../server/management/contract.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { CheckResult, DiagnosticFixResult, LocalCheckInput, LocalFixRecord, LocalFixReport, LocalReport } from '../diagnostics/index.js';
import { parseArgs, rejectUnknown, stringFlag, UsageError } from './args.js';
import { dataDirFor, locateConfig, type CliEnvironment } from './environment.js';
import { readLocalControl, type LocalControl } from './local-control.js';
import { envelope } from './output.js';
import { RESET_KEY_HINT, writeNewManagementKey } from './reset-management-key.js';

export const DOCTOR_HELP = `Usage: cliproxyctl doctor [--config PATH] [--json] [--all] [--verbose] [--fix [--yes]]

Runs the troubleshooting checks (the same ones as the app's Troubleshooting page) with what this shell
can see: which config.yaml is used and whether it loads and is writable, the auth-dir and its
permissions, the proxy port and the login callback ports (and which program holds them), accounts and
keys per provider, client keys, and this shell's Amp environment. When a proxy already runs on the
configured port, its client API is checked too (health, the client key, the model list). Checks that
need the proxy's own state (cooldowns, usage, logs) come from that proxy when \`cliproxyctl serve\`
started it on this machine; otherwise they say so: run them from the Troubleshooting page.
Exit status 1 when a check fails (with --fix: when one still fails after the fixes).

  --config PATH   config.yaml to check (same lookup as serve)
  --json          one JSON object on stdout (schema cliproxyctl.response.v1)
  --all           also run the stream canary (one tiny stream and one non-stream request; a few tokens)
  --verbose       print every check in full (by default passing checks, checks not run and checks that
                  cannot apply here are folded into one line per area, after the failures and warnings)
  --fix           then fix what doctor can, asking before each fix (y/N on stdin): pick a free port
                  for a taken proxy port and write it to config.yaml; enable management with a new key
                  (shown once; config.yaml keeps its bcrypt hash; a lost key: cliproxyctl
                  reset-management-key); set the auth-dir to mode 0700.
                  config.yaml is edited in place, comments kept; a read-only file is left alone.
                  With management working it also offers a new management key, for a lost one
                  (asked only interactively: never with --yes or --json).
  --yes           with --fix: apply every fix without asking
`;

const ICONS = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', unknown: '??  ' } as const;

/** config.yaml files other than the chosen one that a process started elsewhere would pick up. */
function otherConfigFiles(environment: CliEnvironment, chosen: string): string[] {
  const candidates = [
    path.join(environment.cwd, CONFIG_FILE_NAME),
    path.join(environment.cwd, 'config', CONFIG_FILE_NAME),
    path.join(defaultConfigDir({ platform: environment.platform, env: environment.env, home: environment.home }), CONFIG_FILE_NAME),
  ].map((candidate) => path.resolve(candidate));
  return [...new Set(candidates)].filter((candidate) => candidate !== path.resolve(chosen) && existsSync(candidate));
}

/** The live checks of a proxy that `cliproxyctl serve` started here, read with its per-launch key (control.json). */
async function liveChecksOf(control: LocalControl | undefined): Promise<LocalCheckInput['live']> {
  if (!control) return undefined;
  const url = new URL(control.url);
  const port = Number(url.port);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const base = loopbackUrl(url.hostname.replace(/^\[|\]$/g, ''), port);
  const headers = { authorization: `Bearer ${control.key}` };
  return {
    url: base,
    port,
    configPath: control.configPath,
    diagnosticToken: control.key,
    async runCheck(id) {
      const response = await fetch(`${base}/v0/management/diagnostics/${encodeURIComponent(id)}/run`, { method: 'POST', headers, signal: AbortSignal.timeout(40_000) });
      return response.ok ? ((await response.json()) as CheckResult) : undefined;
    },
    async listChecks() {
      const response = await fetch(`${base}/v0/management/diagnostics`, { headers, signal: AbortSignal.timeout(20_000) });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { checks?: CheckResult[] };
      return Array.isArray(body.checks) ? body.checks : undefined;
    },
    async applyFix(id) {
      const response = await fetch(`${base}/v0/management/diagnostics/${encodeURIComponent(id)}/fix`, { method: 'POST', headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(20_000) });
      const body = (await response.json().catch(() => ({}))) as Partial<DiagnosticFixResult> & { error?: string };
      if (!response.ok || typeof body.ok !== 'boolean' || !body.check) throw new Error(body.error ?? `the running proxy answered ${response.status}`);
      return body as DiagnosticFixResult;
    },
  };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `       ${line}`).join('\n');
}

function checkLine(check: CheckResult): string {
  return `[${ICONS[check.status]}] ${check.title}: ${check.summary}\n`;
}

function printCheck(environment: CliEnvironment, check: CheckResult, offerFixes: boolean): void {
  environment.stdout(`  ${checkLine(check)}`);
  const failing = check.status === 'fail' || check.status === 'warn';
  if (check.remediation && failing) environment.stdout(`         fix: ${check.remediation}\n`);
  // Not for a check the running proxy answered (evidence.source): its fixes are on its Troubleshooting page.
  if (offerFixes && failing && check.fix && check.evidence.source === undefined) environment.stdout(`         cliproxyctl doctor --fix can: ${check.fix.label}\n`);
}

const titles = (checks: readonly CheckResult[]) => checks.map((check) => check.title).join(', ');

/**
 * The checks as the Troubleshooting page shows them (groupDiagnosticChecks): by area, areas with failures first,
 * failures and warnings in full; passing checks, checks not run and checks that cannot apply here folded into one
 * line each (`--verbose` prints every check in full).
 */
function printReport(environment: CliEnvironment, report: LocalReport, options: { offerFixes: boolean; verbose: boolean }): void {
  const unknownAuthDir = configBroken(report) ? 'unknown (config.yaml does not load)' : 'unknown (no config.yaml yet)';
  environment.stdout(`config: ${report.configPath} (${report.configSource})\nauth-dir: ${report.authDir ?? unknownAuthDir}\nproxy: ${proxyLine(report)}\n\n`);
  const groups = groupDiagnosticChecks(report.checks);
  for (const group of groups) {
    environment.stdout(`${group.area}\n`);
    for (const check of [...group.problems, ...group.undecided]) printCheck(environment, check, options.offerFixes);
    if (options.verbose) {
      for (const check of [...group.notRun, ...group.passing, ...group.notApplicable]) printCheck(environment, check, options.offerFixes);
    } else {
      if (group.passing.length > 0) environment.stdout(`  [ok  ] ${group.passing.length} passing: ${titles(group.passing)}\n`);
      if (group.notRun.length > 0) environment.stdout(`  [--  ] not run: ${titles(group.notRun)} — ${notRunReason(group.notRun)}\n`);
      if (group.notApplicable.length > 0) environment.stdout(`  [n/a ] do not apply here: ${titles(group.notApplicable)}\n`);
    }
  }
  const management = report.checks.find((check) => check.id === 'management');
  environment.stdout(`\n${options.verbose ? '' : 'Passing and not applicable checks are folded: --verbose prints every check.\n'}${management?.status === 'pass' ? `${RESET_KEY_HINT}\n` : ''}`);
}

function notRunReason(checks: readonly CheckResult[]): string {
  const needsProxy = checks.some((check) => check.evidence.needs !== undefined);
  const onDemand = checks.some((check) => check.evidence.onDemand !== undefined);
  return [needsProxy ? 'they need the running proxy (start it, then run doctor again)' : '', onDemand ? 'the stream canary spends a few tokens: --all runs it' : ''].filter(Boolean).join('; ');
}

function configBroken(report: LocalReport): boolean {
  return report.checks.some((check) => check.id === 'config-file' && check.status === 'fail');
}

function proxyLine(report: LocalReport): string {
  if (report.proxy.running && report.proxy.servingPreviousConfig) {
    return `running at ${report.proxy.url} (version ${report.proxy.version}), still serving the previous version of config.yaml${report.proxy.liveChecks ? '; its own checks included' : ''}`;
  }
  if (!report.proxy.running) return configBroken(report) ? 'not found (config.yaml does not load, so its port is unknown; none answers on control.json\'s address or the default port)' : 'not running on the configured port';
  return `running at ${report.proxy.url} (version ${report.proxy.version})${report.proxy.liveChecks ? ', its own checks included' : ''}`;
}

/** Asks "<label>? [y/N]" per fix on stdin (or says yes to all with --yes); questions go to stderr under --json. */
function createConfirm(environment: CliEnvironment, options: { yes: boolean; json: boolean }) {
  const say = options.json ? environment.stderr : environment.stdout;
  let input: ReturnType<CliEnvironment['stdinLines']> | undefined;
  let lines: AsyncIterator<string> | undefined;
  return {
    async confirm(check: CheckResult, fix: { label: string }): Promise<boolean> {
      if (options.yes) {
        if (!options.json) environment.stdout(`${checkLine(check)}       ${fix.label}: yes (--yes)\n`);
        return true;
      }
      say(`${checkLine(check)}       ${fix.label}? [y/N] `);
      input ??= environment.stdinLines();
      lines ??= input.lines[Symbol.asyncIterator]();
      const answer = await lines.next();
      if (answer.done) say('(no answer: input ended)\n');
      return !answer.done && /^\s*y(es)?\s*$/i.test(answer.value);
    },
    close: () => input?.close(),
  };
}

function printFix(environment: CliEnvironment, record: LocalFixRecord): void {
  environment.stdout(`${indent(`-> ${record.message}`)}\n`);
  if (record.link) environment.stdout(`       open: ${record.link.url}\n`);
  if (record.applied) environment.stdout(checkLine(record.after));
  environment.stdout('\n');
}

/** After `--fix`: how many fixes applied, and what still fails. */
function printFixSummary(environment: CliEnvironment, report: LocalFixReport): void {
  const fixes = report.fixes;
  const failing = report.checks.filter((check) => check.status === 'fail');
  const applied = fixes.filter((record) => record.applied && record.ok).length;
  const declined = fixes.filter((record) => !record.applied).length;
  const unsuccessful = fixes.filter((record) => record.applied && !record.ok).length;
  if (fixes.length === 0) environment.stdout('Nothing doctor can fix here: no failing check has a fix that applies from this shell.\n\n');
  const counts = [`${applied} fix(es) applied`, ...(declined ? [`${declined} not applied`] : []), ...(unsuccessful ? [`${unsuccessful} could not apply`] : [])].join(', ');
  environment.stdout(`${counts}; ${failing.length === 0 ? 'no check fails now.' : `still failing: ${failing.map((check) => check.title).join(', ')}.`}\n`);
}

export async function doctorCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help', 'all', 'fix', 'yes', 'verbose']));
  if (args.flags.has('help')) {
    environment.stdout(DOCTOR_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json', 'all', 'fix', 'yes', 'verbose']);
  if (args.flags.has('yes') && !args.flags.has('fix')) throw new UsageError('--yes only applies with --fix');
  const json = args.flags.has('json');
  const verbose = args.flags.has('verbose');
  const located = locateConfig(environment, stringFlag(args, 'config'));
  const input: LocalCheckInput = {
    configPath: located.path,
    configSource: located.variable ? `${located.source} (${located.variable})` : located.source,
    home: environment.home,
    platform: environment.platform,
    env: environment.env,
    otherConfigs: otherConfigFiles(environment, located.path),
    providers: createProviderRegistry(),
    includeOnDemand: args.flags.has('all'),
    live: await liveChecksOf(await readLocalControl(dataDirFor(environment))),
    probeHealth: async (url) => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
        return (await response.json()) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
  let report: LocalReport;
  let fixes: LocalFixRecord[] | undefined;
  if (args.flags.has('fix')) {
    const prompt = createConfirm(environment, { yes: args.flags.has('yes'), json });
    try {
      const fixed = await runLocalFixes(input, {
        onChecks: (checks) => {
          if (json) return;
          printReport(environment, checks, { offerFixes: false, verbose });
          environment.stdout('\nFixes:\n');
        },
        confirm: prompt.confirm,
        onResult: (record) => {
          if (!json) printFix(environment, record);
        },
      });
      report = fixed;
      fixes = fixed.fixes;
      if (!json) printFixSummary(environment, fixed);
      // A lost management key cannot be detected from here: when management works, offer a new key — asked
      // only interactively (never with --yes or --json), because the current key stops working.
      const management = fixed.checks.find((check) => check.id === 'management');
      if (management?.status === 'pass' && !json && !args.flags.has('yes')) {
        environment.stdout('\n');
        if (await prompt.confirm(management, { label: 'Lost the management key? Make a new one (the current key stops working)' })) {
          const reset = await writeNewManagementKey(environment, located.path);
          environment.stdout(reset.ok ? `${indent(`-> ${reset.message.trimEnd()}`)}\n` : `${indent(`-> The key was not changed: ${reset.error}`)}\n`);
        } else environment.stdout('       (management key left as it is)\n');
      }
    } finally {
      prompt.close();
    }
  } else {
    report = await runLocalChecks(input);
  }
  const failing = report.checks.filter((check) => check.status === 'fail');
  const ok = failing.length === 0;
  if (json) {
    const details: Record<string, unknown> = {
      config_path: report.configPath,
      config_source: report.configSource,
      auth_dir: report.authDir,
      proxy: report.proxy,
      checks: report.checks,
    };
    if (fixes) {
      details.fixes = fixes.map((record) => ({
        id: record.id,
        label: record.label,
        check: record.check,
        applied: record.applied,
        ok: record.ok,
        message: record.message,
        ...(record.link ? { link: record.link } : {}),
        before: { status: record.before.status, summary: record.before.summary },
        after: { status: record.after.status, summary: record.after.summary },
      }));
    }
    environment.stdout(`${JSON.stringify(envelope('doctor', ok, details))}\n`);
  } else if (!fixes) {
    printReport(environment, report, { offerFixes: true, verbose });
  }
  return ok ? 0 : 1;
}
