import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { CheckResult } from './check-result.js';
import type { PortProbe } from './context.js';
import { createDoctorDiagnosticsContext } from './doctor-context.js';
import { createCheckDefinitions, createDiagnostics } from './registry.js';

export interface LocalCheckInput {
  configPath: string;
  configSource: string;
  home: string;
  /** Providers this build supports: the registry, or just their ids (the built-in definitions are used). */
  providers: ReadonlySet<string> | ReadonlyMap<string, ProviderDefinition>;
  /** Asks `GET /health` on the port; resolves the JSON body or undefined. */
  probeHealth(url: string): Promise<Record<string, unknown> | undefined>;
  platform?: NodeJS.Platform;
  /** The shell's environment (default: none). */
  env?: Readonly<Record<string, string | undefined>>;
  otherConfigs?: string[];
  /** Also run the on-demand checks (the stream canary spends a few tokens). */
  includeOnDemand?: boolean;
  fetch?: typeof fetch;
  ports?: PortProbe;
  /**
   * A proxy that `cliproxyctl serve` started on this machine, reachable with its per-launch key: its own
   * results replace the checks that need the proxy's state (cooldowns, usage, logs).
   */
  live?: { port: number; configPath: string; listChecks(): Promise<CheckResult[] | undefined>; diagnosticToken?: string };
}

export interface LocalReport {
  configPath: string;
  configSource: string;
  authDir: string | null;
  /** The proxy answering /health on the configured port, if any. */
  proxy: { running: boolean; url: string | null; version: string | null; configPath: string | null; liveChecks: boolean };
  checks: CheckResult[];
}

/** One fix `cliproxyctl doctor --fix` offered: asked about, applied (or not), and its check before and after. */
export interface LocalFixRecord {
  /** The fix's id (`use-free-port`, `enable-management`, `chmod-auth-dir`). */
  id: string;
  label: string;
  /** The check it fixes. */
  check: string;
  /** False when the user declined (or stdin ended before an answer). */
  applied: boolean;
  ok: boolean;
  message: string;
  link?: { url: string; label: string };
  before: CheckResult;
  after: CheckResult;
}

export interface LocalFixOptions {
  /** Told once the checks ran, before the first fix is offered (e.g. to print them). */
  onChecks?(report: LocalReport): void;
  /** Asked before each fix, with the check as it stands; resolve false to leave it alone. */
  confirm(check: CheckResult, fix: { id: string; label: string }): Promise<boolean>;
  /** Told after each fix (applied or declined), e.g. to print before/after as it goes. */
  onResult?(record: LocalFixRecord): void;
}

export interface LocalFixReport extends LocalReport {
  /** Every check as it stands after the fixes (a fixed check is its re-run; the others are unchanged). */
  checks: CheckResult[];
  fixes: LocalFixRecord[];
}

async function prepare(input: LocalCheckInput) {
  const providers = input.providers instanceof Map ? input.providers : new Map([...createProviderRegistry()].filter(([id]) => (input.providers as ReadonlySet<string>).has(id)));
  const context = await createDoctorDiagnosticsContext({
    configPath: input.configPath,
    configSource: input.configSource,
    home: input.home,
    platform: input.platform ?? process.platform,
    env: input.env ?? {},
    otherConfigs: input.otherConfigs,
    providers,
    probeHealth: input.probeHealth,
    fetch: input.fetch,
    ports: input.ports,
    diagnosticToken: (port) => (input.live?.port === port ? input.live.diagnosticToken : undefined),
  });
  const configuredPort = context.config().loaded?.config.port;
  const live = context.running && input.live && input.live.port === configuredPort ? input.live : undefined;
  if (live && context.running) context.running.configPath = live.configPath;
  const diagnostics = createDiagnostics(context);
  const local = await diagnostics.runAll({ includeOnDemand: input.includeOnDemand });
  const liveChecks = live ? await live.listChecks().catch(() => undefined) : undefined;
  let checks = local;
  if (liveChecks) {
    const fromProxy = new Set(createCheckDefinitions().filter((definition) => definition.needs === 'proxy').map((definition) => definition.id));
    const byId = new Map(liveChecks.map((check) => [check.id, check]));
    checks = local.map((check) => {
      const remote = fromProxy.has(check.id) ? byId.get(check.id) : undefined;
      return remote ? { ...remote, evidence: { ...remote.evidence, source: 'the running proxy (management API, per-launch key)' } } : check;
    });
  }
  const report = (final: CheckResult[]): LocalReport => ({
    configPath: input.configPath,
    configSource: input.configSource,
    authDir: context.config().loaded?.config.authDir ?? null,
    proxy: { running: context.running !== undefined, url: context.running?.url ?? null, version: context.running?.version ?? null, configPath: context.running?.configPath ?? null, liveChecks: liveChecks !== undefined },
    checks: final,
  });
  return { diagnostics, local, checks, report };
}

/**
 * `cliproxyctl doctor`: every check of the troubleshooting page, run with what a shell can see (config.yaml,
 * auth-dir, local ports, and the client API of a proxy already running on the configured port). Checks that
 * need the proxy's own state report `unknown` and say where to run them.
 */
export async function runLocalChecks(input: LocalCheckInput): Promise<LocalReport> {
  const { checks, report } = await prepare(input);
  return report(checks);
}

/**
 * `cliproxyctl doctor --fix`: the checks, then — one by one, after `confirm` — the fix of every check that does
 * not pass and has a fix this shell can apply (the doctor context's own results decide, never the running
 * proxy's: its fixes belong to the Troubleshooting page). Each fix runs its check again.
 */
export async function runLocalFixes(input: LocalCheckInput, options: LocalFixOptions): Promise<LocalFixReport> {
  const { diagnostics, local, checks, report } = await prepare(input);
  options.onChecks?.(report(checks));
  const candidates = local.filter((check) => check.fix && (check.status === 'fail' || check.status === 'warn'));
  const fixes: LocalFixRecord[] = [];
  const after = new Map<string, CheckResult>();
  for (const before of candidates) {
    const fix = before.fix!;
    let record: LocalFixRecord;
    if (!(await options.confirm(before, fix))) {
      record = { id: fix.id, label: fix.label, check: before.id, applied: false, ok: false, message: `Not applied (not confirmed): ${fix.label}.`, before, after: before };
    } else {
      const result = (await diagnostics.fix(before.id))!;
      record = { id: fix.id, label: fix.label, check: before.id, applied: true, ok: result.ok, message: result.message, ...(result.link ? { link: result.link } : {}), before, after: result.check };
      after.set(before.id, result.check);
    }
    fixes.push(record);
    options.onResult?.(record);
  }
  return { ...report(checks.map((check) => after.get(check.id) ?? check)), fixes };
}
