import { runLocalChecks } from '../diagnostics/index.js';
import { createProviderRegistry } from '../providers/registry.js';
import { parseArgs, rejectUnknown, stringFlag } from './args.js';
import { locateConfig, type CliEnvironment } from './environment.js';
import { envelope } from './output.js';

export const DOCTOR_HELP = `Usage: cliproxyctl doctor [--config PATH] [--json]

Checks the set-up without needing a running proxy: which config.yaml is used and whether it loads,
whether it is writable, the auth-dir and its permissions, whether the port is free (or already
served by this proxy, or taken by another program), the accounts and keys per provider, the
management API and client keys. Exit status 1 when a check fails.

  --config PATH   config.yaml to check (same lookup as serve)
  --json          one JSON object on stdout (schema cliproxyctl.response.v1)
`;

const ICONS = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', unknown: '??  ' } as const;

export async function doctorCommand(environment: CliEnvironment, argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help']));
  if (args.flags.has('help')) {
    environment.stdout(DOCTOR_HELP);
    return 0;
  }
  rejectUnknown(args, ['config', 'json']);
  const located = locateConfig(environment, stringFlag(args, 'config'));
  const providers = new Set(createProviderRegistry().keys());
  const report = await runLocalChecks({
    configPath: located.path,
    configSource: located.variable ? `${located.source} (${located.variable})` : located.source,
    home: environment.home,
    providers,
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
    environment.stdout(`${JSON.stringify(envelope('doctor', ok, { config_path: report.configPath, config_source: report.configSource, auth_dir: report.authDir, checks: report.checks }))}\n`);
  } else {
    environment.stdout(`config: ${report.configPath} (${report.configSource})\nauth-dir: ${report.authDir ?? 'unknown'}\n\n`);
    for (const check of report.checks) {
      environment.stdout(`[${ICONS[check.status]}] ${check.title}: ${check.summary}\n`);
      if (check.remediation && check.status !== 'pass') environment.stdout(`       fix: ${check.remediation}\n`);
    }
  }
  return ok ? 0 : 1;
}
