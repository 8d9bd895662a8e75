import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { CheckResult, DiagnosticFixResult } from './check-result.js';
import type { PortProbe } from './context.js';
import { createDoctorDiagnosticsContext } from './doctor-context.js';
import { createCheckDefinitions, createDiagnostics, NOT_RUN_DOCTOR_SUMMARY } from './registry.js';
import { loopbackUrl } from './client-api.js';

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
  live?: {
    /** Its loopback base URL, e.g. `http://127.0.0.1:8317`. */
    url: string;
    port: number;
    configPath: string;
    listChecks(): Promise<CheckResult[] | undefined>;
    /** Runs one check there (the canary, for `--all`). */
    runCheck?(id: string): Promise<CheckResult | undefined>;
    diagnosticToken?: string;
    /** Applies one of its fixes through the management API (the lockout lift). */
    applyFix?(checkId: string): Promise<DiagnosticFixResult>;
  };
}

export interface LocalReport {
  configPath: string;
  configSource: string;
  authDir: string | null;
  /** The proxy answering /health on the configured port, if any. */
  proxy: {
    running: boolean;
    url: string | null;
    version: string | null;
    configPath: string | null;
    liveChecks: boolean;
    /** config.yaml does not load now: the proxy found (control.json or the port) still serves its previous version. */
    servingPreviousConfig: boolean;
  };
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

/** Fixes of the running proxy's checks that `doctor --fix` applies through the management API (per-launch key). */
const SHELL_LIVE_FIXES = new Set(['lift-management-lockout']);

const DEFAULT_PORT = 8317;
const LIVE_SOURCE = 'the running proxy (management API, per-launch key)';

/** `port: N` read leniently from a file that does not load as a whole (it may still name the port). */
function portLineUrls(text: string | undefined): string[] {
  const port = Number(/^port:\s*["']?(\d{1,5})["']?\s*(?:#.*)?$/m.exec(text ?? '')?.[1]);
  return Number.isInteger(port) && port > 0 && port < 65536 ? [loopbackUrl('127.0.0.1', port)] : [];
}

/**
 * config.yaml does not load, but the proxy that runs with it answers (it keeps serving the previous version): every
 * check this shell could not decide comes from that proxy, the config file check stays this shell's (the error in
 * the file as it is now) and says that the previous version is in use.
 */
function mergeWithPreviousConfig(local: CheckResult[], remote: CheckResult[], url: string): CheckResult[] {
  const byId = new Map(remote.map((check) => [check.id, check]));
  return local.map((check) => {
    if (check.id === 'config-file') {
      return { ...check, summary: `${check.summary.replace(/([^.])$/, '$1.')} The proxy at ${url} keeps serving the previous version of this file until it loads again.`, evidence: { ...check.evidence, runningProxy: url } };
    }
    const answer = byId.get(check.id);
    if (!answer || (check.status !== 'unknown' && check.ran !== false)) return check;
    const summary = answer.ran === false && answer.evidence.onDemand !== undefined ? NOT_RUN_DOCTOR_SUMMARY : answer.summary;
    return { ...answer, summary, evidence: { ...answer.evidence, source: `${LIVE_SOURCE}, serving the previous config` } };
  });
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
    fallbackUrls: (text) => [...(input.live ? [input.live.url] : []), ...portLineUrls(text), loopbackUrl('127.0.0.1', DEFAULT_PORT)],
  });
  const configuredPort = context.config().loaded?.config.port;
  const previous = context.running?.servingPreviousConfig === true;
  const live = context.running && input.live && (previous ? input.live.url === context.running.url : input.live.port === configuredPort) ? input.live : undefined;
  if (live && context.running) context.running.configPath = live.configPath;
  const diagnostics = createDiagnostics(context);
  const local = await diagnostics.runAll({ includeOnDemand: input.includeOnDemand });
  let liveChecks = live ? await live.listChecks().catch(() => undefined) : undefined;
  let checks = local;
  if (liveChecks && previous) {
    if (input.includeOnDemand && live?.runCheck) {
      const onDemand = new Set(createCheckDefinitions().filter((definition) => definition.onDemand).map((definition) => definition.id));
      const ran = await Promise.all([...onDemand].map((id) => live.runCheck!(id).catch(() => undefined)));
      liveChecks = liveChecks.map((check) => ran.find((result) => result?.id === check.id) ?? check);
    }
    checks = mergeWithPreviousConfig(local, liveChecks, context.running!.url);
  } else if (liveChecks) {
    const fromProxy = new Set(createCheckDefinitions().filter((definition) => definition.needs === 'proxy').map((definition) => definition.id));
    const byId = new Map(liveChecks.map((check) => [check.id, check]));
    checks = local.map((check) => {
      const remote = fromProxy.has(check.id) ? byId.get(check.id) : undefined;
      return remote ? { ...remote, evidence: { ...remote.evidence, source: LIVE_SOURCE } } : check;
    });
  }
  const report = (final: CheckResult[]): LocalReport => ({
    configPath: input.configPath,
    configSource: input.configSource,
    authDir: context.config().loaded?.config.authDir ?? null,
    proxy: {
      running: context.running !== undefined,
      url: context.running?.url ?? null,
      version: context.running?.version ?? null,
      configPath: context.running?.configPath ?? null,
      liveChecks: liveChecks !== undefined,
      servingPreviousConfig: previous,
    },
    checks: final,
  });
  return { diagnostics, local, checks, report, live: liveChecks ? live : undefined };
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
  const { diagnostics, local, checks, report, live } = await prepare(input);
  options.onChecks?.(report(checks));
  const failing = (check: CheckResult) => check.fix !== undefined && (check.status === 'fail' || check.status === 'warn');
  const candidates = local.filter(failing);
  // The running proxy's own fixes that a shell may apply with the per-launch key (lifting a management lockout).
  const remote = live?.applyFix ? checks.filter((check) => failing(check) && SHELL_LIVE_FIXES.has(check.fix!.id) && check.evidence.source !== undefined) : [];
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
  for (const before of remote) {
    const fix = before.fix!;
    let record: LocalFixRecord;
    if (!(await options.confirm(before, fix))) {
      record = { id: fix.id, label: fix.label, check: before.id, applied: false, ok: false, message: `Not applied (not confirmed): ${fix.label}.`, before, after: before };
    } else {
      try {
        const result = await live!.applyFix!(before.id);
        const check = { ...result.check, evidence: { ...result.check.evidence, source: before.evidence.source } };
        record = { id: fix.id, label: fix.label, check: before.id, applied: true, ok: result.ok, message: result.message, before, after: check };
        after.set(before.id, check);
      } catch (error) {
        record = { id: fix.id, label: fix.label, check: before.id, applied: true, ok: false, message: `The running proxy could not apply it: ${(error as Error).message}.`, before, after: before };
      }
    }
    fixes.push(record);
    options.onResult?.(record);
  }
  return { ...report(checks.map((check) => after.get(check.id) ?? check)), fixes };
}
