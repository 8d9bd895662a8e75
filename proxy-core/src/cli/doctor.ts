import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultConfigDir } from '../config/paths.js';
import { CONFIG_FILE_NAME } from '../config/resolve-config-path.js';
import { loopbackUrl, runLocalChecks } from '../diagnostics/index.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { CheckResult } from '../diagnostics/index.js';
import { parseArgs, rejectUnknown, stringFlag } from './args.js';
import { dataDirFor, locateConfig, type CliEnvironment } from './environment.js';
import { readLocalControl, type LocalControl } from './local-control.js';
import { envelope } from './output.js';

export const DOCTOR_HELP = `Usage: cliproxyctl doctor [--config PATH] [--json] [--all]

Runs the troubleshooting checks (the same ones as the app's Troubleshooting page) with what this shell
can see: which config.yaml is used and whether it loads and is writable, the auth-dir and its
permissions, the proxy port and the login callback ports (and which program holds them), accounts and
keys per provider, client keys, and this shell's Amp environment. When a proxy already runs on the
configured port, its client API is checked too (health, the client key, the model list). Checks that
need the proxy's own state (cooldowns, usage, logs) come from that proxy when \`cliproxyctl serve\`
started it on this machine; otherwise they say so: run them from the Troubleshooting page.
Exit status 1 when a check fails.

  --config PATH   config.yaml to check (same lookup as serve)
  --json          one JSON object on stdout (schema cliproxyctl.response.v1)
  --all           also run the stream canary (one tiny stream and one non-stream request; a few tokens)
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
async function liveChecksOf(control: LocalControl | undefined): Promise<{ port: number; configPath: string; listChecks(): Promise<CheckResult[] | undefined> } | undefined> {
  if (!control) return undefined;
  const url = new URL(control.url);
  const port = Number(url.port);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const base = loopbackUrl(url.hostname.replace(/^\[|\]$/g, ''), port);
  return {
    port,
    configPath: control.configPath,
    async listChecks() {
      const response = await fetch(`${base}/v0/management/diagnostics`, { headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(20_000) });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { checks?: CheckResult[] };
      return Array.isArray(body.checks) ? body.checks : undefined;
    },
  };
}

export async function doctorCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help', 'all']));
  if (args.flags.has('help')) {
    environment.stdout(DOCTOR_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json', 'all']);
  const located = locateConfig(environment, stringFlag(args, 'config'));
  const report = await runLocalChecks({
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
  });
  const ok = !report.checks.some((check) => check.status === 'fail');
  if (args.flags.has('json')) {
    const details = {
      config_path: report.configPath,
      config_source: report.configSource,
      auth_dir: report.authDir,
      proxy: report.proxy,
      checks: report.checks,
    };
    environment.stdout(`${JSON.stringify(envelope('doctor', ok, details))}\n`);
  } else {
    environment.stdout(`config: ${report.configPath} (${report.configSource})\nauth-dir: ${report.authDir ?? 'unknown'}\nproxy: ${report.proxy.running ? `running at ${report.proxy.url} (version ${report.proxy.version})${report.proxy.liveChecks ? ', its own checks included' : ''}` : 'not running on the configured port'}\n\n`);
    for (const check of report.checks) {
      environment.stdout(`[${ICONS[check.status]}] ${check.title}: ${check.summary}\n`);
      if (check.remediation && check.status !== 'pass' && check.status !== 'unknown') environment.stdout(`       fix: ${check.remediation}\n`);
    }
  }
  return ok ? 0 : 1;
}
