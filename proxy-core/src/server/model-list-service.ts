import path from 'node:path';
import type { AccountManager } from '../credentials/account-manager.js';
import { createOAuthHttp } from '../login/oauth-http.js';
import type { HttpClient } from '../pipeline/http-client.js';
import { createModelListFile } from '../pipeline/model-list-file.js';
import { createModelListRefresher, type ModelListRefresher } from '../pipeline/model-list-refresher.js';
import type { Clock } from '../shared/clock.js';
import type { Runtime } from './runtime.js';

export interface ModelListServiceDeps {
  runtime: Runtime;
  accounts: Pick<AccountManager, 'authorize'>;
  httpClient: HttpClient;
  clock: Clock;
  /** `<dataDir>/model-lists.json` keeps the last known lists across restarts. */
  dataDir: string;
  /** Ask on its own (credential added or changed, every `model-list-refresh`); false = only on demand (tests). */
  automatic: boolean;
  tickMs?: number;
  log(level: 'debug' | 'info' | 'warn', message: string): void;
}

export interface ModelListService {
  refresher: ModelListRefresher;
  /** Call after the runtime's credentials changed (config reload, auth-dir change). */
  credentialsChanged(): void;
  close(): void;
}

/**
 * The running proxy's live model lists: a refresher asking each credential's upstream with its own auth, whose
 * results go into the runtime's model registry (requests see a new id without a restart).
 */
export async function createModelListService(deps: ModelListServiceDeps): Promise<ModelListService> {
  const refresher = createModelListRefresher({
    providers: deps.runtime.providers,
    clock: deps.clock,
    httpFor: (credential) => createOAuthHttp(deps.httpClient, () => credential.proxyUrl || deps.runtime.current().config.proxyUrl || undefined),
    credentials: () => deps.runtime.current().credentials,
    authorize: async (credential) => (credential.kind === 'oauth' ? deps.accounts.authorize(credential) : { token: credential.secret }),
    everyMs: () => deps.runtime.current().config.modelListRefreshMs,
    onChange: () => deps.runtime.setLiveModels(refresher.lists()),
    store: createModelListFile(path.join(deps.dataDir, 'model-lists.json')),
    log: deps.log,
  });
  await refresher.restore();
  refresher.sync();
  if (refresher.lists().size > 0) deps.runtime.setLiveModels(refresher.lists());
  if (deps.automatic) {
    refresher.start({ tickMs: deps.tickMs });
    void refresher.tick();
  }
  return {
    refresher,
    credentialsChanged() {
      refresher.sync();
      deps.runtime.setLiveModels(refresher.lists());
      if (deps.automatic) void refresher.tick();
    },
    close: () => refresher.close(),
  };
}
