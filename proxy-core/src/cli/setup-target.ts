/**
 * Where `cliproxyctl setup` points clients: the running proxy on this machine when there is one for this
 * config (its address, first client key and served models, through the per-launch control key), else the
 * config.yaml and auth-dir (the models the proxy would serve when started).
 */
import { PLACEHOLDER_KEY, proxyBaseUrl, type SetupTarget } from '../client-setup/index.js';
import type { ModelsResponse } from '../server/management/contract.js';
import { createRuntime } from '../server/runtime.js';
import { openCliAccounts } from './account-setup.js';
import { dataDirFor, displayPath, locateConfig, type CliEnvironment } from './environment.js';
import { readLocalControl } from './local-control.js';

export interface ResolvedTarget {
  target: SetupTarget;
  source: 'running-proxy' | 'files';
  /** `ampcode.upstream-url` is set, so Amp's own API can be reached through the proxy. */
  ampUpstream: boolean;
}

async function fromRunningProxy(environment: CliEnvironment, configPath: string): Promise<ResolvedTarget | undefined> {
  const control = await readLocalControl(dataDirFor(environment));
  if (!control || control.configPath !== configPath) return undefined;
  const get = async (route: string) => {
    const response = await fetch(`${control.url}/v0/management/${route}`, { headers: { authorization: `Bearer ${control.key}` }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`management ${route}: HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
  try {
    const models = (await get('models')) as ModelsResponse;
    const keys = ((await get('api-keys?reveal=true')) as { 'api-keys': string[] })['api-keys'];
    const url = new URL(control.url);
    const file = ((await get('config')) as { config?: { ampcode?: { 'upstream-url'?: unknown } } }).config;
    return { source: 'running-proxy', ampUpstream: typeof file?.ampcode?.['upstream-url'] === 'string' && file.ampcode['upstream-url'] !== '', target: { baseUrl: proxyBaseUrl(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port)), apiKey: keys[0] ?? PLACEHOLDER_KEY, models: models.models.map((model) => model.id) } };
  } catch {
    return undefined;
  }
}

export async function resolveSetupTarget(environment: CliEnvironment, configFlag: string | undefined): Promise<ResolvedTarget> {
  const located = locateConfig(environment, configFlag);
  const live = await fromRunningProxy(environment, located.path);
  if (live) return live;
  let cli;
  try {
    cli = await openCliAccounts(environment, configFlag, { createConfig: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no config at ${displayPath(located.path, environment.home)}. Run \`cliproxyctl serve\` once (it creates one with a client key), or pass --config PATH.`);
    throw error;
  }
  try {
    const config = cli.loaded.config;
    if (config.port === 0) throw new Error(`${displayPath(located.path, environment.home)} has port: 0 (a free port picked at each start), so the address is known only while the proxy runs. Start it (cliproxyctl serve) and run the setup again.`);
    const runtime = createRuntime(cli.providers, { config, text: cli.loaded.text, warnings: cli.loaded.warnings });
    runtime.setFileCredentials(cli.accounts.credentials());
    const models = runtime.current().registry.list().map((model) => model.id);
    return { source: 'files', ampUpstream: config.ampcode.upstreamUrl !== '', target: { baseUrl: proxyBaseUrl(config.host, config.port), apiKey: config.apiKeys[0] ?? PLACEHOLDER_KEY, models } };
  } finally {
    await cli.close();
  }
}
