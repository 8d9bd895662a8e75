import os from 'node:os';
import { createAccountManager, type AccountManager, type AccountManagerDeps } from '../credentials/account-manager.js';
import { findPortOwner } from '../diagnostics/port-owner.js';
import { createLoginService, type LoginService } from '../login/login-service.js';
import type { AccountContext } from '../login/login-types.js';
import { createOAuthHttp } from '../login/oauth-http.js';
import type { HttpClient } from '../pipeline/http-client.js';
import { createEndpointResolver, type EndpointResolver } from '../providers/endpoints.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { Clock } from '../shared/clock.js';

export interface AccountServicesDeps {
  providers: ReadonlyMap<string, ProviderDefinition>;
  httpClient: HttpClient;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  settings(): { authDir: string; proxyUrl: string; switchProject: boolean; oauthEndpoints: Record<string, Record<string, string>> };
  onChange: AccountManagerDeps['onChange'];
  onTokens?: AccountManagerDeps['onTokens'];
  onRenewed?: AccountManagerDeps['onRenewed'];
  platform?: NodeJS.Platform;
  hostname?: string;
  /** Masks secrets in vendor-provided text (the logs' redaction). */
  scrub?(text: string): string;
}

export interface AccountServices {
  accounts: AccountManager;
  logins: LoginService;
  /** The context provider code runs with (also used by `cliproxyctl import`). */
  context(providerId: string): AccountContext;
  endpoints(providerId: string): EndpointResolver;
}

/**
 * The account manager and the login service, wired to one HTTP client and one endpoint resolver: what the
 * running proxy and `cliproxyctl login` / `import` / `status` share.
 */
export function createAccountServices(deps: AccountServicesDeps): AccountServices {
  const http = createOAuthHttp(deps.httpClient, () => deps.settings().proxyUrl || undefined);
  const endpoints = (providerId: string): EndpointResolver => {
    const provider = deps.providers.get(providerId);
    if (!provider) throw new Error(`unknown provider ${providerId}`);
    return createEndpointResolver(provider, { env: deps.env, config: deps.settings().oauthEndpoints });
  };
  const context = (providerId: string): AccountContext => ({
    http,
    endpoint: (name) => endpoints(providerId)(name),
    clock: deps.clock,
    log: (level, message, fields) => deps.log(level, `${providerId}: ${message}`, fields),
  });
  const accounts = createAccountManager({
    providers: deps.providers,
    http,
    clock: deps.clock,
    log: deps.log,
    endpoints,
    settings: deps.settings,
    platform: deps.platform,
    onChange: deps.onChange,
    onTokens: deps.onTokens,
    onRenewed: deps.onRenewed,
    scrub: deps.scrub,
  });
  const logins = createLoginService({
    providers: deps.providers,
    context,
    save: (providerId, record) => accounts.save(providerId, record),
    clock: deps.clock,
    log: deps.log,
    hostname: deps.hostname ?? sshTarget(),
    scrub: deps.scrub,
    portOwner: async (port) => {
      const owner = await findPortOwner(port);
      return owner ? `pid ${owner.pid}: ${owner.command}` : undefined;
    },
  });
  return { accounts, logins, context, endpoints };
}

/**
 * `user@host` for the SSH tunnel hint of a login. A bare machine name ("vm", "localhost") rarely resolves from the
 * computer with the browser, so it becomes a clear `<your-server>` placeholder; a dotted name is kept.
 */
export function sshTarget(names: { user?: string; host?: string } = {}): string {
  let user = names.user;
  if (user === undefined) {
    try {
      user = os.userInfo().username;
    } catch {
      user = undefined;
    }
  }
  const host = names.host ?? os.hostname();
  const target = host.includes('.') && !/^localhost(\.|$)/.test(host) ? host : '<your-server>';
  return user ? `${user}@${target}` : target;
}
