import { promises as fsPromises } from 'node:fs';
import { ensureConfigFile } from '../config/default-config.js';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import { createHttpClient, type HttpClient } from '../pipeline/http-client.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createAccountServices, type AccountServices } from '../server/account-services.js';
import { createSystemClock } from '../shared/clock.js';
import { displayPath, locateConfig, type CliEnvironment } from './environment.js';

export interface CliAccounts extends AccountServices {
  loaded: LoadedConfig;
  configPath: string;
  providers: ReadonlyMap<string, ProviderDefinition>;
  /** Log lines worth showing (warnings and errors), collected while the command ran. */
  messages: string[];
  close(): Promise<void>;
}

/**
 * The account side of the proxy for one CLI command, without a server: the config (created with defaults on a
 * fresh machine, like `serve`), the providers, the account manager over auth-dir and the login service.
 */
export async function openCliAccounts(environment: CliEnvironment, configFlag: string | undefined, options: { createConfig: boolean; httpClient?: HttpClient }): Promise<CliAccounts> {
  const located = locateConfig(environment, configFlag);
  if (options.createConfig) {
    const created = await ensureConfigFile(located.path, { fs: fsPromises });
    if (created.created) environment.stderr(`Created ${displayPath(located.path, environment.home)} with a new client key (shown by \`cliproxyctl serve\`).\n`);
  }
  const text = await fsPromises.readFile(located.path, 'utf8');
  const loaded = parseConfigText(text, located.path, { home: environment.home });
  const providers = createProviderRegistry();
  const httpClient = options.httpClient ?? createHttpClient();
  const messages: string[] = [];
  const services = createAccountServices({
    providers,
    httpClient,
    clock: createSystemClock(),
    env: environment.env,
    log: (level, message) => {
      if (level === 'warn' || level === 'error') messages.push(message);
    },
    settings: () => ({
      authDir: loaded.config.authDir,
      proxyUrl: loaded.config.proxyUrl,
      switchProject: loaded.config.quotaExceeded.switchProject,
      oauthEndpoints: loaded.config.oauthEndpoints,
    }),
    onChange: () => undefined,
    platform: environment.platform,
  });
  await services.accounts.reload();
  return {
    ...services,
    loaded,
    configPath: located.path,
    providers,
    messages,
    async close() {
      services.accounts.close();
      await services.logins.close();
      if (!options.httpClient) httpClient.close();
    },
  };
}
