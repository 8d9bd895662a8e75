import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { parseConfigText } from '../config/load.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createClientApi, loopbackUrl } from './client-api.js';
import type { ConfigView, DiagnosticsContext, PortProbe } from './context.js';
import { findPortOwner, isPortFree } from './port-owner.js';

export interface DoctorContextInput {
  configPath: string;
  configSource: string;
  home: string;
  platform: NodeJS.Platform;
  /** The shell's environment (Amp's OPENAI_API_BASE, …). */
  env: Readonly<Record<string, string | undefined>>;
  /** Other config.yaml files a process started elsewhere could pick up. */
  otherConfigs?: string[];
  providers: ReadonlyMap<string, ProviderDefinition>;
  /** Asks `GET /health`; resolves the JSON body or undefined. */
  probeHealth(url: string): Promise<Record<string, unknown> | undefined>;
  fetch?: typeof fetch;
  ports?: PortProbe;
  now?: () => number;
}

async function readConfigView(input: DoctorContextInput): Promise<ConfigView> {
  const text = await fs.readFile(input.configPath, 'utf8').catch(() => undefined);
  const writable = await fs.access(text === undefined ? path.dirname(input.configPath) : input.configPath, fs.constants.W_OK).then(() => true, () => false);
  const view: ConfigView = { path: input.configPath, source: input.configSource, exists: text !== undefined, text, writable };
  if (text === undefined) return view;
  try {
    const loaded = parseConfigText(text, input.configPath, { home: input.home });
    view.loaded = { config: loaded.config, warnings: loaded.warnings };
  } catch (error) {
    const configError = error instanceof ConfigError ? error : undefined;
    view.error = { message: (error as Error).message, line: configError?.line, column: configError?.column, key: configError?.key };
  }
  return view;
}

/**
 * The diagnostics context of `cliproxyctl doctor`: config.yaml and auth-dir from disk, local ports, the shell's
 * environment, and — when a proxy answers /health on the configured port — its client API with the first
 * client key from the file. The proxy's own state (cooldowns, usage, logs) is out of reach: no management key.
 */
export async function createDoctorDiagnosticsContext(input: DoctorContextInput): Promise<DiagnosticsContext> {
  const view = await readConfigView(input);
  const config = view.loaded?.config;
  let running: DiagnosticsContext['running'];
  if (config && config.port !== 0) {
    const baseUrl = loopbackUrl(config.host, config.port);
    const health = await input.probeHealth(`${baseUrl}/health`);
    if (health?.status === 'ok' && typeof health.version === 'string') running = { url: baseUrl, version: health.version };
  }
  return {
    mode: 'doctor',
    now: input.now ?? Date.now,
    platform: input.platform,
    home: input.home,
    providers: input.providers,
    ports: input.ports ?? { isFree: isPortFree, owner: (port) => findPortOwner(port) },
    config: () => view,
    shellEnv: input.env,
    otherConfigs: input.otherConfigs,
    running,
    client: running ? createClientApi({ baseUrl: running.url, key: () => config?.apiKeys[0], fetch: input.fetch }) : undefined,
  };
}
