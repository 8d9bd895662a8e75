import { promises as fsPromises } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import { applyEnvOverrides } from '../config/env-overrides.js';
import type { ProxyConfig } from '../config/proxy-config.js';
import { createAuthFileStore, type AuthFileSystem } from '../credentials/auth-file-store.js';
import { createFormatRegistry, createLegacyCompletionsEntry } from '../formats/registry.js';
import { createLogger, createPriceTable, createProviderMetrics, createRedactor, createRequestLog, createUnavailableUsageStore, createUsageStore, type Logger, type UsageStore, type UsageStoreOptions } from '../observability/index.js';
import { createExecutor } from '../pipeline/execute.js';
import { createHttpClient, type HttpClient } from '../pipeline/http-client.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createSystemClock, type Clock } from '../shared/clock.js';
import { ProxyError } from '../shared/errors.js';
import { createAccountServices, type AccountServices } from './account-services.js';
import { liveAccountView } from './management/account-view.js';
import { createProxyDiagnosticsContext } from '../diagnostics/index.js';
import { createClientSetup } from '../client-setup/index.js';
import { createAmpKeySource } from './amp-key.js';
import { createAuthFileService } from './auth-file-service.js';
import { createConfigService, describeConfigWarning } from './config-service.js';
import { descriptorWarning } from './descriptor-budget.js';
import { answerClientError, connectionsCheckingInterval, createConnectionGuard, type ConnectionGuard, type ServerLimits } from './connection-guard.js';
import { createDiagnosticMarker } from './diagnostic-marker.js';
import { createApp, formatForPath } from './create-app.js';
import { clientSetupViews, createManagementAuth, crossOriginOf, proxySetupTarget, registerManagementRoutes } from './management/index.js';
import { sendError } from './respond.js';
import type { RequestRecord } from '../pipeline/usage-record.js';
import { createListener } from './listener.js';
import { lanUrls } from './management/network-view.js';
import { randomUUID } from 'node:crypto';
import { authenticateClient } from './client-auth.js';
import { isLoopbackAddress } from '../shared/network.js';
import { createRelayHub, createRelayingHttpClient } from '../relay/index.js';
import { AISTUDIO_UPSTREAM } from '../providers/aistudio/index.js';
import { createResponsesWebSocket } from './responses-websocket.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { createModelListService, type ModelListService } from './model-list-service.js';
import { createRuntime } from './runtime.js';

export const VERSION = '0.1.0';

export interface StartProxyConfig {
  /** config.yaml to load, watch and edit. */
  configPath: string;
  /** Overrides the file's host (the file is not changed). */
  host?: string;
  /** Overrides the file's port; 0 picks a free one (tests). */
  port?: number;
  /** Watch the file for edits (default true). */
  watch?: boolean;
}

export interface ProxyDeps {
  clock: Clock;
  httpClient: HttpClient;
  /** Home directory for `~` in auth-dir. */
  home: string;
  /** Where the usage database lives. */
  dataDir: string;
  /** Usage database file; `:memory:` keeps nothing on disk. */
  usageDatabase: string;
  /** Opens the usage store (default: SQLite via better-sqlite3). A store that cannot load means no history, never no proxy. */
  openUsageStore: (options: UsageStoreOptions) => UsageStore;
  /** Each formatted log line (default: stdout). */
  logSink: ((line: string) => void) | null;
  /** Per-launch management key from the embedding app; accepted from loopback only. */
  localManagementKey?: string;
  /** More providers (subscription logins) on top of the built-in API-key ones. */
  providers: readonly ProviderDefinition[];
  /** The built dashboard (dist/renderer), served at /ui; without it /ui says how to build it. */
  dashboardDir?: string;
  /** Extra routes registered after the built-in ones. */
  registerRoutes?: Parameters<typeof createApp>[0]['registerRoutes'];
  /** Environment for endpoint overrides (`CLIPROXY_<PROVIDER>_<NAME>_URL`); default `process.env`. */
  env: Readonly<Record<string, string | undefined>>;
  /** The file system management uses to change auth-dir files (tests inject failures such as EROFS). */
  authFileSystem?: AuthFileSystem;
  /** Background token refresh, quota polling and auth-dir watching (default on; tests call `tick()`). */
  accountBackground: { tickMs?: number; quotaEveryMs?: number } | false;
  /**
   * Live model lists: `automatic` asks each credential's upstream when it appears or changes and every
   * `model-list-refresh` (default); false = only when asked (management refresh route, `modelLists.refresh()`).
   */
  modelLists: { automatic: boolean; tickMs?: number };
  /** This machine's network interfaces, for the LAN addresses shown by GET /network; default os.networkInterfaces. */
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** How management's outbound calls (`/latest-version`, `/api-call`) are made (default: global fetch). */
  managementFetch?: typeof fetch;
}

export interface RunningProxy {
  address: { host: string; port: number; url: string };
  logger: Logger;
  /** Re-reads config.yaml; an invalid file keeps the running config and returns the error. */
  reload(): Promise<{ ok: boolean; error?: { error: string; line?: number; column?: number; key?: string } }>;
  /** Listens on another host (e.g. 0.0.0.0 for the LAN) and/or port without restarting; the old address if that fails. */
  relisten(target: { host?: string; port?: number }): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting requests, ends in-flight streams with an in-band error, flushes usage. */
  close(): Promise<void>;
  /** The subscription accounts and their logins (the same objects management uses). */
  accounts: AccountServices['accounts'];
  logins: AccountServices['logins'];
  /** Each credential's live model list (refresh, status). */
  modelLists: ModelListService['refresher'];
  /** Resolves when every request log file begun so far is written (tests). */
  requestLogIdle(): Promise<void>;
}

export function defaultProxyDeps(overrides: Partial<ProxyDeps> = {}): ProxyDeps {
  const home = overrides.home ?? os.homedir();
  const dataDir = overrides.dataDir ?? path.join(home, '.cli-proxy-api');
  return {
    clock: createSystemClock(),
    httpClient: createHttpClient(),
    home,
    dataDir,
    usageDatabase: path.join(dataDir, 'usage.sqlite'),
    logSink: (line) => process.stdout.write(`${line}\n`),
    providers: [],
    openUsageStore: createUsageStore,
    env: process.env,
    accountBackground: {},
    modelLists: { automatic: overrides.accountBackground !== false },
    ...overrides,
  };
}

/**
 * Starts the proxy in-process: loads config.yaml (throws `ConfigError` naming file, line and key), listens,
 * and returns a handle. This is the SDK surface the desktop app and `cliproxyctl serve` use (docs/sdk.md).
 */
export async function startProxy(config: StartProxyConfig, partialDeps: Partial<ProxyDeps> = {}): Promise<RunningProxy> {
  const deps = defaultProxyDeps(partialDeps);
  const startedAt = deps.clock.now();
  const text = await fsPromises.readFile(config.configPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ProxyError(`Cannot read the config file ${config.configPath}: ${error.code ?? error.message}`, { status: 500, code: 'internal_error' });
  });
  const parsed = parseConfigText(text, config.configPath, { home: deps.home });
  // CLIPROXY_* environment overrides win over config.yaml, on start and on every reload.
  const overrides = applyEnvOverrides(parsed.config, deps.env);
  const initial = { ...parsed, config: overrides.config };

  const redactor = createRedactor();
  const logger = createLogger({ level: initial.config.debug ? 'debug' : 'info', sink: deps.logSink ?? undefined, clock: deps.clock.now, redactor });
  // Unknown keys and ignored entries: said at startup as on every reload, not only in management status.
  for (const warning of initial.warnings) logger.warn(describeConfigWarning(warning));
  if (overrides.applied.length > 0) logger.info(`environment overrides config.yaml: ${overrides.applied.join(', ')}`);
  for (const problem of overrides.problems) logger.warn(problem);
  if (deps.env.MANAGEMENT_PASSWORD ?? deps.env.management_password) {
    logger.warn('MANAGEMENT_PASSWORD is set but not used: CLIProxy Desktop does not take a second management password that opens management to other machines; set CLIPROXY_SECRET_KEY (and CLIPROXY_ALLOW_REMOTE if remote management is really meant) instead');
  }
  const providers = createProviderRegistry(deps.providers);
  const formats = createFormatRegistry();
  const runtime = createRuntime(providers, { config: initial.config, text: initial.text, warnings: initial.warnings }, deps.clock.now);
  await fsPromises.mkdir(deps.dataDir, { recursive: true, mode: 0o700 }).catch(() => undefined);
  // Owner-only even when the folder was created by hand or moved here (logs, usage and control.json live in it).
  if (path.resolve(deps.dataDir) !== path.resolve(deps.home)) await fsPromises.chmod(deps.dataDir, 0o700).catch(() => undefined);
  let usageStore: UsageStore;
  try {
    usageStore = deps.openUsageStore({ file: deps.usageDatabase, clock: deps.clock.now, retentionDays: initial.config.usageRetentionDays, redact: (text) => redactor.redact(text) });
  } catch (error) {
    usageStore = createUnavailableUsageStore((error as Error).message);
  }
  for (const warning of usageStore.warnings()) logger.warn(warning);
  const metrics = createProviderMetrics({});
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>, requestId?: string) =>
    (requestId ? logger.child({ requestId }) : logger)[level](message, fields);

  let modelLists: ModelListService | undefined;
  const updateSecrets = () => redactor.setSecrets([...runtime.current().secrets, ...accountServices.accounts.secrets()]);
  const accountServices = createAccountServices({
    providers,
    httpClient: deps.httpClient,
    clock: deps.clock,
    env: deps.env,
    log: (level, message, fields) => logger[level](message, fields),
    settings: () => {
      const current = runtime.current().config;
      return { authDir: current.authDir, proxyUrl: current.proxyUrl, switchProject: current.quotaExceeded.switchProject, oauthEndpoints: current.oauthEndpoints };
    },
    onChange: (credentials) => {
      runtime.setFileCredentials(credentials);
      updateSecrets();
      modelLists?.credentialsChanged();
    },
    onTokens: updateSecrets,
    onRenewed: (ids) => {
      for (const id of ids) runtime.cooldowns.clear(id);
    },
    scrub: (text) => redactor.redact(text),
  });
  await accountServices.accounts.reload();
  if (deps.accountBackground) accountServices.accounts.start(deps.accountBackground);

  modelLists = await createModelListService({
    runtime,
    accounts: accountServices.accounts,
    httpClient: deps.httpClient,
    clock: deps.clock,
    dataDir: deps.dataDir,
    automatic: deps.modelLists.automatic,
    tickMs: deps.modelLists.tickMs,
    log: (level, message) => logger[level](message),
  });
  const liveLists = modelLists;

  // AI Studio Build tabs connected to /v1/ws: each is an `aistudio` credential while its socket is open.
  const relay = createRelayHub({
    upstreamBase: AISTUDIO_UPSTREAM,
    newId: () => randomUUID().slice(0, 8),
    now: deps.clock.now,
    log: (level, message) => logger[level](message),
    onChange: (credentials) => {
      runtime.setRuntimeCredentials(credentials);
      updateSecrets();
      modelLists?.credentialsChanged();
    },
    authenticate: (req, url) => {
      const { config, keyRing } = runtime.current();
      // ws-auth false (the reference's default) lets any tab connect, except that a keyless proxy serves this machine only.
      if (config.wsAuth || keyRing.empty) authenticateClient(req, url, keyRing, isLoopbackAddress(req.socket.remoteAddress), 'openai-chat');
    },
  });
  const executor = createExecutor({
    httpClient: createRelayingHttpClient(deps.httpClient, () => relay),
    formats,
    accounts: accountServices.accounts,
    cooldowns: runtime.cooldowns,
    providers,
    clock: deps.clock,
    selector: () => runtime.current().selector,
    settings: () => {
      const current = runtime.current().config;
      return {
        requestRetry: current.requestRetry,
        maxRetryInterval: current.maxRetryInterval,
        maxRetryCredentials: current.maxRetryCredentials,
        disableCooling: current.disableCooling,
        bootstrapRetries: current.streaming.bootstrapRetries,
        switchPreviewModel: current.quotaExceeded.switchPreviewModel,
        upstreamTimeouts: { connectMs: current.timeouts.upstreamConnectMs, firstByteMs: current.timeouts.upstreamFirstByteMs, idleMs: current.timeouts.upstreamIdleMs },
        upstreamBodyLimitBytes: current.upstreamBodyLimitBytes,
      };
    },
    scrub: (text) => redactor.redact(text),
    onAttemptFailed: (binding, error, cooledUntil) =>
      logger.warn(`${binding.credential.group} ${binding.credential.label} failed for ${binding.upstreamModel}${cooledUntil ? `; cooling until ${new Date(cooledUntil).toISOString()}` : ''}: ${error.message}`, {
        credential: binding.credential.id,
        status: error.status,
      }),
  });

  const checkDescriptors = async (maxConnections: number) => {
    const warning = descriptorWarning(maxConnections, await fsPromises.readFile('/proc/self/limits', 'utf8').catch(() => undefined));
    if (warning) logger.warn(warning);
  };
  // Set once the server exists (the config service installs the first config before that).
  const connections = new Set<ConnectionGuard>();
  const applyLoaded = (fromFile: LoadedConfig) => {
    const loaded: LoadedConfig = { ...fromFile, config: applyEnvOverrides(fromFile.config, deps.env).config };
    const before = runtime.current().config;
    runtime.apply(loaded.config, loaded.text, loaded.warnings);
    updateSecrets();
    liveLists.credentialsChanged();
    if (
      before.authDir !== loaded.config.authDir ||
      before.quotaExceeded.switchProject !== loaded.config.quotaExceeded.switchProject ||
      before.proxyUrl !== loaded.config.proxyUrl ||
      JSON.stringify(before.oauthEndpoints) !== JSON.stringify(loaded.config.oauthEndpoints)
    ) {
      void accountServices.accounts.reload();
    }
    logger.setLevel(loaded.config.debug ? 'debug' : 'info');
    for (const guard of connections) guard.apply(serverLimits(loaded.config));
    if (connections.size > 0 && before.maxConnections !== loaded.config.maxConnections) void checkDescriptors(loaded.config.maxConnections);
    usageStore.setRetentionDays(loaded.config.usageRetentionDays);
    logger.setFileOutput(loaded.config.loggingToFile ? { dir: path.join(deps.dataDir, 'logs'), maxTotalBytes: loaded.config.logsMaxTotalSizeMb * 1024 * 1024 || undefined } : null);
    if (loaded.config.host !== address.host || (loaded.config.port !== 0 && config.port === undefined && loaded.config.port !== address.port)) {
      logger.warn('host/port changes in config.yaml take effect after a restart');
    }
  };

  const address = { host: config.host ?? initial.config.host, port: config.port ?? initial.config.port, url: '' };
  let relisten: RunningProxy['relisten'] = async () => {
    throw new Error('The proxy is not listening yet.');
  };
  const configService = await createConfigService({
    path: config.configPath,
    initial,
    home: deps.home,
    install: applyLoaded,
    log,
    watch: config.watch ?? true,
  });
  const authFiles = createAuthFileService(() => createAuthFileStore(runtime.current().config.authDir, deps.authFileSystem), providers, accountServices.accounts, (fileName, disabled) => {
    for (const credential of runtime.current().credentials) {
      if (credential.source.type === 'file' && credential.source.fileName === fileName) runtime.setDisabledOverride(credential.id, disabled);
    }
  });
  const managementAuth = createManagementAuth({
    now: deps.clock.now,
    onBlock: (block) =>
      logger.warn(
        block.kind === 'ban'
          ? `management: ${block.scope} banned until ${new Date(block.until).toISOString()} after ${block.failures} wrong keys`
          : `management: ${block.failures} wrong keys from this machine; the next try waits until ${new Date(block.until).toISOString()}`,
      ),
  });

  const requestLog = createRequestLog({
    dir: path.join(deps.dataDir, 'logs'),
    settings: () => runtime.current().config.requestLog,
    redact: (text) => redactor.redact(text),
    mask: (value) => redactor.mask(value),
    onError: (message) => logger.warn(message),
  });

  let prices = { source: initial.config.modelPrices, table: createPriceTable(initial.config.modelPrices) };
  const record = (entry: RequestRecord) => {
    const { modelPrices } = runtime.current().config;
    if (prices.source !== modelPrices) prices = { source: modelPrices, table: createPriceTable(modelPrices) };
    if (entry.status < 400) entry.costUsd = prices.table.cost(entry.upstreamModel || entry.requestedModel, entry);
    if (entry.provider) metrics.record({ provider: entry.provider, ok: entry.status < 400, totalTokens: entry.totalTokens, latencyMs: entry.latencyMs });
    if (runtime.current().config.usageStatisticsEnabled) usageStore.record(entry);
  };

  const diagnosticMarker = createDiagnosticMarker({ localKey: deps.localManagementKey });
  const responsesSocket = createResponsesWebSocket({ runtime, address: () => address, clock: deps.clock });
  const clientSetup = createClientSetup({ fs: fsPromises, dataDir: deps.dataDir, clock: () => new Date(deps.clock.now()), context: { home: deps.home, env: deps.env, platform: process.platform } });
  const app = createApp({
    version: VERSION,
    startedAt,
    runtime,
    executor,
    formats,
    legacyCompletions: createLegacyCompletionsEntry(formats),
    ampKeyFallback: createAmpKeySource({ env: deps.env, home: deps.home, fs: fsPromises }),
    clock: deps.clock,
    record,
    log,
    requestLog,
    isDiagnostic: diagnosticMarker.isDiagnostic,
    metricsSnapshot: () => metrics.snapshot(),
    upgrade: (req, socket, head) => relay.handleUpgrade(req, socket, head) || responsesSocket.handleUpgrade(req, socket, head),
    checkManagementKey: async (context, presented) => {
      const management = runtime.current().config.remoteManagement;
      const decision = await managementAuth.check(
        { secretKey: management.secretKey, allowRemote: management.allowRemote, localKey: deps.localManagementKey },
        { address: context.remoteAddress, isLoopback: context.isLoopback, presented, crossOrigin: crossOriginOf(context) },
      );
      return decision.ok;
    },
    registerRoutes: (router) => {
      registerManagementRoutes(router, {
        version: VERSION,
        startedAt,
        clock: deps.clock,
        runtime,
        auth: managementAuth,
        config: configService,
        logs: logger,
        usage: usageStore,
        requestLog,
        authFiles,
        accounts: accountServices.accounts,
        logins: accountServices.logins,
        modelLists: liveLists.refresher,
        network: { relisten: (target) => relisten(target), lanUrls: (port) => lanUrls((deps.networkInterfaces ?? os.networkInterfaces)(), port) },
        loginImport: { providers: [...providers.values()], context: accountServices.context, save: (providerId, record) => accountServices.accounts.save(providerId, record) },
        address: () => address,
        localKey: deps.localManagementKey,
        managementFetch: deps.managementFetch,
        log,
        clientSetup,
        diagnostics: createProxyDiagnosticsContext({
          version: VERSION,
          startedAt,
          now: deps.clock.now,
          home: deps.home,
          runtime,
          config: configService,
          usage: usageStore,
          logs: logger,
          logLevel: () => logger.level(),
          authFiles,
          managementBans: () => managementAuth.blocks().map((block) => ({ address: block.scope, until: block.until, kind: block.kind, failures: block.failures })),
          clearManagementBans: () => managementAuth.clear(),
          accounts: () => accountServices.accounts.entries().map((entry) => liveAccountView(entry, runtime, deps.clock.now())),
          startLogin: (provider) => accountServices.logins.start({ provider }),
          clientSetups: async () => clientSetupViews(await clientSetup.list(proxySetupTarget(runtime, address))),
          address: () => address,
          log,
          clock: deps.clock,
          diagnosticToken: diagnosticMarker.token,
        }),
      });
      if (deps.dashboardDir) registerDashboardRoutes(router, { dir: deps.dashboardDir, disabled: () => runtime.current().config.remoteManagement.disableControlPanel });
      deps.registerRoutes?.(router);
    },
  });

  const active = new Set<ServerResponse>();
  // One connection guard per listening server (the LAN switch makes a new server; reloads apply to all).
  const listener = createListener({
    serverOptions: () => ({ requestTimeout: 0, connectionsCheckingInterval: connectionsCheckingInterval(runtime.current().config.timeouts.requestHeadersMs) }),
    onServer: (server) => {
      const guard = createConnectionGuard(server, {
        limits: serverLimits(runtime.current().config),
        now: deps.clock.now,
        onStalledBody: (req, res, idleMs) =>
          sendError(res, formatForPath(new URL(req.url ?? '/', 'http://x').pathname), new ProxyError(`The request body stopped arriving: nothing for ${idleMs / 1000} s (timeouts.request-body-idle-seconds). Send the body again.`, { status: 408, code: 'invalid_request' })),
        onFull: ({ open, closed, refused }) => logger.warn(`connection limit reached (max-connections: ${runtime.current().config.maxConnections}): closed ${closed} idle connection(s), refused ${refused}; ${open} open`),
      });
      connections.add(guard);
      server.once('close', () => connections.delete(guard));
      server.on('clientError', answerClientError);
      return guard.onRequest;
    },
    handleRequest: (req, res) => {
      active.add(res);
      res.once('close', () => active.delete(res));
      app.handleRequest(req, res);
    },
    handleUpgrade: app.handleUpgrade,
  });
  const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    address.port = await listener.listen(address.host, address.port);
  } catch (error) {
    configService.close();
    accountServices.accounts.close();
    liveLists.close();
    usageStore.close();
    throw error;
  }
  address.url = urlOf(address.host, address.port);
  logger.info(`proxy listening on ${address.url}`, { config: config.configPath, credentials: runtime.current().credentials.length });
  await checkDescriptors(runtime.current().config.maxConnections);

  /** Re-listens on another host (the LAN switch) or port, in-process; the same port unless one is given. */
  relisten = async (target) => {
    const host = target.host ?? address.host;
    const port = await listener.move(host, target.port ?? address.port);
    Object.assign(address, { host, port, url: urlOf(host, port) });
    logger.info(`proxy now listening on ${address.url}`);
    return { ...address };
  };

  let closing: Promise<void> | undefined;
  return {
    address,
    logger,
    accounts: accountServices.accounts,
    logins: accountServices.logins,
    modelLists: liveLists.refresher,
    reload: () => configService.reload(),
    relisten: (target) => relisten(target),
    requestLogIdle: () => requestLog.idle(),
    close() {
      closing ??= (async () => {
        configService.close();
        accountServices.accounts.close();
        liveLists.close();
        await accountServices.logins.close();
        responsesSocket.close();
        relay.close();
        managementAuth.close();
        const closed = listener.close(1000);
        const shutdown = new ProxyError('The proxy is shutting down.', { status: 503, code: 'upstream_error' });
        for (const res of active) if (!res.writableEnded) sendError(res, formatForPath(new URL(res.req.url ?? '/', 'http://x').pathname), shutdown);
        await closed;
        deps.httpClient.close();
        await requestLog.idle();
        usageStore.close();
        logger.close();
      })();
      return closing;
    },
  };
}

function serverLimits(config: ProxyConfig): ServerLimits {
  const { requestHeadersMs, requestBodyIdleMs, keepAliveMs } = config.timeouts;
  return { maxConnections: config.maxConnections, requestHeadersMs, requestBodyIdleMs, keepAliveMs };
}
