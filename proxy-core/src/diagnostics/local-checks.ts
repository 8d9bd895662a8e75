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
  live?: { port: number; configPath: string; listChecks(): Promise<CheckResult[] | undefined> };
}

export interface LocalReport {
  configPath: string;
  configSource: string;
  authDir: string | null;
  /** The proxy answering /health on the configured port, if any. */
  proxy: { running: boolean; url: string | null; version: string | null; configPath: string | null; liveChecks: boolean };
  checks: CheckResult[];
}

/**
 * `cliproxyctl doctor`: every check of the troubleshooting page, run with what a shell can see (config.yaml,
 * auth-dir, local ports, and the client API of a proxy already running on the configured port). Checks that
 * need the proxy's own state report `unknown` and say where to run them.
 */
export async function runLocalChecks(input: LocalCheckInput): Promise<LocalReport> {
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
  });
  const configuredPort = context.config().loaded?.config.port;
  const live = context.running && input.live && input.live.port === configuredPort ? input.live : undefined;
  if (live && context.running) context.running.configPath = live.configPath;
  let checks = await createDiagnostics(context).runAll({ includeOnDemand: input.includeOnDemand });
  const liveChecks = live ? await live.listChecks().catch(() => undefined) : undefined;
  if (liveChecks) {
    const fromProxy = new Set(createCheckDefinitions().filter((definition) => definition.needs === 'proxy').map((definition) => definition.id));
    const byId = new Map(liveChecks.map((check) => [check.id, check]));
    checks = checks.map((check) => {
      const remote = fromProxy.has(check.id) ? byId.get(check.id) : undefined;
      return remote ? { ...remote, evidence: { ...remote.evidence, source: 'the running proxy (management API, per-launch key)' } } : check;
    });
  }
  return {
    configPath: input.configPath,
    configSource: input.configSource,
    authDir: context.config().loaded?.config.authDir ?? null,
    proxy: { running: context.running !== undefined, url: context.running?.url ?? null, version: context.running?.version ?? null, configPath: context.running?.configPath ?? null, liveChecks: liveChecks !== undefined },
    checks,
  };
}
