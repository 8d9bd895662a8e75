import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { parseConfigText } from '../config/load.js';
import { applyConfigChanges, writeFileAtomic, type ConfigChange } from '../config/write.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createClientApi, loopbackUrl } from './client-api.js';
import type { ConfigEditResult, ConfigView, DiagnosticsContext, PortProbe } from './context.js';
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
  /**
   * The marker for doctor's own requests to a proxy on `port` (the per-launch local key from control.json when
   * that proxy runs there), so its probes stay out of the proxy's warnings and usage.
   */
  diagnosticToken?(port: number): string | undefined;
  /**
   * Where else a proxy may run when config.yaml does not load (so its port is unknown): control.json's address,
   * the port line of the file, the default port. The first that answers /health is taken as the running proxy,
   * which still serves the previous version of the file.
   */
  fallbackUrls?(text: string | undefined): string[];
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
 * A fix's edit of config.yaml with the proxy's own writer: the file is read again (not the text doctor loaded
 * earlier), changed through the comment-preserving `applyConfigChanges`, validated as the proxy would load it,
 * and replaced atomically. Unlike the running proxy, which keeps a change in memory when the file is read-only,
 * doctor has nothing to keep it in: it refuses and says why.
 */
export async function editConfigFile(configPath: string, home: string, changes: readonly ConfigChange[]): Promise<ConfigEditResult> {
  const text = await fs.readFile(configPath, 'utf8').catch(() => undefined);
  if (text === undefined) return { ok: false, reason: `${configPath} does not exist yet (run \`cliproxyctl serve\` once to create it): nothing was changed` };
  const mode = (await fs.stat(configPath)).mode & 0o777;
  // The owner's write bit, not access(2): root may write anything, but a chmod 444 file is read-only on purpose.
  const writable = (mode & 0o200) !== 0 && (await fs.access(configPath, fs.constants.W_OK).then(() => true, () => false));
  if (!writable) return { ok: false, reason: `${configPath} is read-only (mode ${mode.toString(8).padStart(4, '0')}), so doctor cannot write it: nothing was changed` };
  let next: string;
  try {
    next = applyConfigChanges(text, changes, { filePath: configPath });
    parseConfigText(next, configPath, { home });
  } catch (error) {
    return { ok: false, reason: `the change would leave ${configPath} unloadable (${(error as Error).message}): nothing was changed` };
  }
  const result = await writeFileAtomic(configPath, next, { fs });
  if (!result.persisted) return { ok: false, reason: `${configPath} cannot be written (${result.code}): nothing was changed` };
  return { ok: true, path: configPath };
}

/**
 * The diagnostics context of `cliproxyctl doctor`: config.yaml and auth-dir from disk, local ports, the shell's
 * environment, and — when a proxy answers /health on the configured port — its client API with the first
 * client key from the file. The proxy's own state (cooldowns, usage, logs) is out of reach: no management key.
 * `editConfig` is here (and only here) for the fixes `doctor --fix` applies after asking.
 */
export async function createDoctorDiagnosticsContext(input: DoctorContextInput): Promise<DiagnosticsContext> {
  let view = await readConfigView(input);
  const config = view.loaded?.config;
  let running: DiagnosticsContext['running'];
  if (config && config.port !== 0) {
    const baseUrl = loopbackUrl(config.host, config.port);
    const health = await input.probeHealth(`${baseUrl}/health`);
    if (health?.status === 'ok' && typeof health.version === 'string') running = { url: baseUrl, version: health.version };
  } else if (!config && view.exists) {
    for (const baseUrl of [...new Set(input.fallbackUrls?.(view.text) ?? [])]) {
      const health = await input.probeHealth(`${baseUrl}/health`);
      if (health?.status === 'ok' && typeof health.version === 'string') {
        running = { url: baseUrl, version: health.version, servingPreviousConfig: true };
        break;
      }
    }
  }
  return {
    mode: 'doctor',
    now: input.now ?? Date.now,
    platform: input.platform,
    home: input.home,
    providers: input.providers,
    ports: input.ports ?? { isFree: isPortFree, owner: (port) => findPortOwner(port) },
    config: () => view,
    async editConfig(changes) {
      const result = await editConfigFile(input.configPath, input.home, changes);
      if (result.ok) view = await readConfigView(input);
      return result;
    },
    shellEnv: input.env,
    otherConfigs: input.otherConfigs,
    running,
    // Without a loadable file the client key is unknown: the client checks come from the proxy itself (live checks) or say so.
    client: running && config
      ? createClientApi({ baseUrl: running.url, key: () => view.loaded?.config.apiKeys[0], fetch: input.fetch, diagnosticToken: () => input.diagnosticToken?.(Number(new URL(running!.url).port)) })
      : undefined,
  };
}
