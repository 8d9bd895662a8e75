import { ManagementApiError } from './api-error.js';
import {
  authFileImportSchema,
  authFileStatusSchema,
  backupExportSchema,
  backupImportSchema,
  clientRevertBodySchema,
  clientSetupBodySchema,
  configPatchSchema,
  providerEntryAppendSchema,
  credentialPatchSchema,
  loginCallbackSchema,
  loginStartSchema,
  logsQuerySchema,
  MANAGEMENT_BASE,
  modelMappingSchema,
  modelPatchSchema,
  networkPatchSchema,
  providerEntryPatchSchema,
  usageQuerySchema,
  type AccountQuotaView,
  type AccountView,
  type AuthFileImport,
  type AuthFileImportResponse,
  type BackupExport,
  type BackupImport,
  type BackupImportResponse,
  type ClientApplyResponse,
  type ClientPreviewResponse,
  type ClientRevertResponse,
  type ClientSetupBody,
  type ClientSetupView,
  type ClientsResponse,
  type CredentialView,
  type LoginProviderView,
  type LoginStart,
  type LoginView,
  type LogEntryView,
  type LogsResponse,
  type HiddenModelView,
  type ModelListsResponse,
  type ModelMappingResult,
  type ModelPatchResult,
  type UnservedModelsResponse,
  type ModelView,
  type NetworkPatchResult,
  type NetworkView,
  type StatusResponse,
  type UsageResponse,
  recentQuerySchema,
  type RecentQuery,
  type RequestLogListResponse,
  type ReplayResponse,
  type WriteResult,
} from './contract.js';
import { readSseStream } from './sse.js';
import { createTransport, field, type TransportOptions } from './transport.js';
import type {
  AuthFileView,
  ClientModel,
  ConfigResponse,
  CredentialPatchResult,
  DiagnosticCheck,
  DiagnosticFixResult,
  HealthResponse,
  ProviderEntry,
  ProviderListKey,
  UsageGroupBy,
  UsageRecordView,
} from './types.js';

export interface UsageQuery {
  from?: number;
  to?: number;
  groupBy?: UsageGroupBy;
  provider?: string;
  model?: string;
  credentialId?: string;
  clientKey?: string;
}

export interface LogsQuery {
  after?: number;
  limit?: number;
  level?: LogEntryView['level'];
  requestId?: string;
  contains?: string;
}

/** Where a provider-list entry is: its index, its api-key (`match`) or, for OpenAI-compatible, its name. */
export interface EntryLocator {
  index?: number;
  match?: string;
  name?: string;
}

export interface LogStreamHandlers {
  onOpen?(): void;
  onEntry(entry: LogEntryView): void;
  signal: AbortSignal;
}

export type ManagementClient = ReturnType<typeof createManagementClient>;

const m = (path: string) => `${MANAGEMENT_BASE}${path}`;
const id = (value: string) => encodeURIComponent(value);

/** Vendor calls (token refresh, quota, code exchange) may take a while; they get longer than the default. */
const VENDOR_TIMEOUT_MS = 30_000;

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
}

/** A request body checked against the contract; a mistake is a readable rejected call, never a request. */
function checked<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ManagementApiError(`Invalid request: ${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`, { kind: 'invalid-request' });
}

/**
 * The dashboard's one typed client for the management API (docs/management-api.md). Request bodies are
 * checked against the contract's zod schemas before they are sent; every call has a timeout.
 */
export function createManagementClient(options: TransportOptions) {
  const { send } = createTransport(options);

  const listOf = async <T>(path: string, name: string, query?: Record<string, string | number | boolean | undefined>): Promise<T[]> => {
    const value = field<T[]>(await send('GET', m(path), { query }), name, `GET ${path}`);
    if (!Array.isArray(value)) throw new ManagementApiError(`The proxy's answer to GET ${path} is not a list.`, { kind: 'invalid-response' });
    return value;
  };

  return {
    // ----- status -----
    getStatus: () => send<StatusResponse>('GET', m('/status')),
    getHealth: () => send<HealthResponse>('GET', '/health', { management: false, timeoutMs: 5000 }),

    // ----- config -----
    getConfig: () => send<ConfigResponse>('GET', m('/config/view')),
    patchConfig: async (values: Record<string, unknown>) => send<WriteResult>('PATCH', m('/config'), { body: checked(configPatchSchema, { values }) }),
    getConfigYaml: () => send<string>('GET', m('/config.yaml'), { expect: 'text' }),
    putConfigYaml: (text: string) => send<WriteResult>('PUT', m('/config.yaml'), { body: text, contentType: 'application/yaml; charset=utf-8' }),

    // ----- client keys -----
    /** Masked unless `reveal` (only for the copy button; never rendered). The proxy masks only when asked. */
    getClientKeys: (reveal = false) => listOf<string>('/api-keys', 'api-keys', reveal ? { reveal: 'true' } : { masked: 'true' }),

    // ----- provider key lists -----
    getProviderList: (key: ProviderListKey) => listOf<ProviderEntry>(`/${key}`, key, { masked: 'true' }),
    patchProviderEntry: async (key: ProviderListKey, locator: EntryLocator, value: Record<string, unknown>) =>
      send<WriteResult>('PATCH', m(`/${key}`), { body: checked(providerEntryPatchSchema, { ...locator, value }) }),
    deleteProviderEntry: (key: ProviderListKey, locator: EntryLocator) =>
      send<WriteResult>('DELETE', m(`/${key}`), { query: { index: locator.index, 'api-key': locator.match, name: locator.name } }),
    /** Appends an entry (the server picks the position, so two windows adding at once do not collide). */
    /** A service account's JSON key → `vertex-<project>.json` in the auth folder (CLIProxyAPI's route). */
    importVertexKey: (keyJson: string, location?: string) =>
      send<{ status: string; 'auth-file': string; project_id: string; email: string; location: string }>('POST', m('/vertex/import'), {
        body: keyJson,
        contentType: 'application/json',
        query: { location: location || undefined },
      }),
    appendProviderEntry: (key: ProviderListKey, entry: Record<string, unknown>) =>
      send<WriteResult>('POST', m(`/${key}`), { body: checked(providerEntryAppendSchema, entry) }),

    // ----- credentials and models -----
    listCredentials: () => listOf<CredentialView>('/credentials', 'credentials'),
    setCredentialDisabled: async (id: string, disabled: boolean) =>
      send<CredentialPatchResult>('PATCH', m(`/credentials/${encodeURIComponent(id)}`), { body: checked(credentialPatchSchema, { disabled }) }),
    clearCooldowns: (id: string, model?: string) =>
      send<{ ok: boolean; cleared: number }>('DELETE', m(`/credentials/${encodeURIComponent(id)}/cooldowns`), { query: { model } }),
    listModels: () => listOf<ModelView>('/models', 'models'),
    /** The served models and those switched off everywhere (`hidden`; empty from a proxy that predates it). */
    async getModels(): Promise<{ models: ModelView[]; hidden: HiddenModelView[] }> {
      const body = await send<unknown>('GET', m('/models'));
      const models = field<ModelView[]>(body, 'models', 'GET /models');
      if (!Array.isArray(models)) throw new ManagementApiError("The proxy's answer to GET /models is not a list.", { kind: 'invalid-response' });
      const hidden = (body as { hidden?: unknown }).hidden;
      return { models, hidden: Array.isArray(hidden) ? (hidden as HiddenModelView[]) : [] };
    },
    /** Switches a model off or on for every key and account that serves it. */
    setModelEnabled: async (modelId: string, enabled: boolean) =>
      send<ModelPatchResult>('PATCH', m(`/models/${encodeURIComponent(modelId)}`), { body: checked(modelPatchSchema, { enabled }) }),
    /** Each account's live model list: last lookup, error, count. */
    getModelLists: () => send<ModelListsResponse>('GET', m('/model-lists')),
    /** Asks the upstream again now: one credential, or every one. */
    refreshModelLists: (credentialId?: string) => send<ModelListsResponse>('POST', m('/model-lists/refresh'), { query: { credential: credentialId } }),
    /** Ids clients asked for in the last 24 h that got 404. */
    getUnservedModels: () => send<UnservedModelsResponse>('GET', m('/models/unserved')),
    /** Appends a `model-mappings` rule `{from, to}` to config.yaml. */
    addModelMapping: (from: string, to: string) => send<ModelMappingResult>('POST', m('/model-mappings'), { body: checked(modelMappingSchema, { from, to }) }),
    /** `/v1/models` as a client sees it; `clientKey` null when the proxy has no client keys. */
    async listClientModels(clientKey: string | null): Promise<ClientModel[]> {
      const body = await send<unknown>('GET', '/v1/models', { management: false, headers: clientKey ? { authorization: `Bearer ${clientKey}` } : {} });
      const data = field<ClientModel[]>(body, 'data', 'GET /v1/models');
      return Array.isArray(data) ? data : [];
    },

    // ----- auth files -----
    listAuthFiles: () => listOf<AuthFileView>('/auth-files', 'files'),
    setAuthFileDisabled: async (name: string, disabled: boolean) =>
      send<{ status: string }>('PATCH', m('/auth-files/status'), { body: checked(authFileStatusSchema, { name, disabled }) }),
    deleteAuthFile: (name: string) => send<{ status: string }>('DELETE', m('/auth-files'), { query: { name } }),

    // ----- LAN switch -----
    getNetwork: () => send<NetworkView>('GET', m('/network')),
    /** Listens on the LAN (0.0.0.0) or this computer only (127.0.0.1); the proxy re-listens by itself. */
    setLan: async (lan: boolean) => send<NetworkPatchResult>('PUT', m('/network'), { body: checked(networkPatchSchema, { lan }) }),

    // ----- import and backup -----
    /** Login files (ours, CLIProxyAPI's, the vendors' CLI caches) through the same importers as `cliproxyctl import`. */
    importLoginFiles: async (files: AuthFileImport['files']) =>
      send<AuthFileImportResponse>('POST', m('/auth-files/import'), { body: checked(authFileImportSchema, { files }), timeoutMs: VENDOR_TIMEOUT_MS }),
    /** The backup bundle's text (JSON), encrypted when a passphrase is given. */
    exportBackup: async (input: BackupExport) => send<string>('POST', m('/backup/export'), { body: checked(backupExportSchema, input), expect: 'text', timeoutMs: 60_000 }),
    importBackup: async (input: BackupImport) => send<BackupImportResponse>('POST', m('/backup/import'), { body: checked(backupImportSchema, input), timeoutMs: 60_000 }),

    // ----- usage -----
    getUsage: async (query: UsageQuery = {}) => send<UsageResponse>('GET', m('/usage/report'), { query: { ...checked(usageQuerySchema, query) } }),
    getRecentUsage: (limit = 200) => listOf<UsageRecordView>('/usage/recent', 'requests', { limit }),
    /** The per-request table: newest first, narrowed by the filters given. */
    getRequests: (query: RecentQuery = {}) => listOf<UsageRecordView>('/usage/recent', 'requests', { ...checked(recentQuerySchema, query) }),
    // ----- request logs -----
    getRequestLogs: () => send<RequestLogListResponse>('GET', m('/request-logs')),
    getRequestLog: (requestId: string) => send<string>('GET', m(`/request-logs/by-id/${id(requestId)}`), { expect: 'text' }),
    replayRequest: (requestId: string) => send<ReplayResponse>('POST', m(`/request-logs/by-id/${id(requestId)}/replay`), { timeoutMs: 600_000 }),

    // ----- logs -----
    getLogs: async (query: LogsQuery = {}) => send<LogsResponse>('GET', m('/logs/entries'), { query: { ...checked(logsQuerySchema, query) } }),
    /**
     * Live tail over SSE read with fetch (EventSource cannot send the Authorization header). Resolves when
     * the server ends the stream, rejects on failure; abort `signal` to stop.
     */
    async streamLogs(query: LogsQuery, handlers: LogStreamHandlers): Promise<void> {
      const { response } = await send<{ response: Response }>('GET', m('/logs/stream'), {
        query: { ...checked(logsQuerySchema, query) },
        expect: 'stream',
        signal: handlers.signal,
        headers: { accept: 'text/event-stream' },
      });
      if (!response.body) throw new ManagementApiError('The log stream has no body.', { kind: 'invalid-response' });
      handlers.onOpen?.();
      try {
        await readSseStream(response.body, (message) => {
          try {
            handlers.onEntry(JSON.parse(message.data) as LogEntryView);
          } catch {
            // a malformed event is skipped, the tail goes on
          }
        });
      } catch (error) {
        if (handlers.signal.aborted) return;
        throw new ManagementApiError(`The log stream broke off: ${(error as Error).message}`, { kind: 'network' });
      }
    },

    // ----- subscription logins (newer proxies; 404 on older ones) -----
    listLoginProviders: () => listOf<LoginProviderView>('/login-providers', 'providers'),
    /** Starts a login; the answer has the link to open (and the device code for the device flow). */
    startLogin: async (input: LoginStart) => send<LoginView>('POST', m('/logins'), { body: checked(loginStartSchema, input), timeoutMs: VENDOR_TIMEOUT_MS }),
    getLogin: (loginId: string) => send<LoginView>('GET', m(`/logins/${id(loginId)}`)),
    /** The address the browser ended on (or `code#state`, or the bare code); resolves once the code is exchanged. */
    submitLoginCallback: async (loginId: string, url: string) =>
      send<LoginView>('POST', m(`/logins/${id(loginId)}/callback`), { body: checked(loginCallbackSchema, { url }), timeoutMs: VENDOR_TIMEOUT_MS }),
    cancelLogin: (loginId: string) => send<LoginView>('DELETE', m(`/logins/${id(loginId)}`)),

    // ----- subscription accounts (account id = credential id) -----
    listAccounts: () => listOf<AccountView>('/accounts', 'accounts'),
    getAccount: (accountId: string) => send<AccountView>('GET', m(`/accounts/${id(accountId)}`)),
    /** Forces a token refresh; the answer is the account afterwards (a failed refresh shows in `token.lastRefresh`). */
    refreshAccountToken: (accountId: string) => send<AccountView>('POST', m(`/accounts/${id(accountId)}/refresh`), { timeoutMs: VENDOR_TIMEOUT_MS }),
    /** The account's quota; `fresh` asks the vendor now instead of answering from the proxy's cache. */
    getAccountQuota: (accountId: string, fresh = false) =>
      send<AccountQuotaView>('GET', m(`/accounts/${id(accountId)}/quota`), { query: { refresh: fresh ? 'true' : undefined }, timeoutMs: VENDOR_TIMEOUT_MS }),

    // ----- diagnostics (newer proxies; 404 on older ones) -----
    listDiagnostics: async () => listOf<DiagnosticCheck>('/diagnostics', 'checks'),
    runDiagnostic: (id: string) => send<DiagnosticCheck>('POST', m(`/diagnostics/${encodeURIComponent(id)}/run`), { timeoutMs: 30_000 }),
    fixDiagnostic: (id: string) => send<DiagnosticFixResult>('POST', m(`/diagnostics/${encodeURIComponent(id)}/fix`), { timeoutMs: 30_000 }),

    // ----- client setup (newer proxies; 404 on older ones) -----
    listClients: () => send<ClientsResponse>('GET', m('/clients')),
    /** `reveal` adds the real key and import link (for copy buttons and "Open in…"; never rendered). */
    getClient: (clientId: string, reveal = false) => send<ClientSetupView>('GET', m(`/clients/${id(clientId)}`), { query: { reveal: reveal ? 'true' : undefined } }),
    previewClient: async (clientId: string, choice: ClientSetupBody = {}) => send<ClientPreviewResponse>('POST', m(`/clients/${id(clientId)}/preview`), { body: checked(clientSetupBodySchema, choice) }),
    applyClient: async (clientId: string, choice: ClientSetupBody = {}) => send<ClientApplyResponse>('POST', m(`/clients/${id(clientId)}/apply`), { body: checked(clientSetupBodySchema, choice) }),
    revertClient: async (clientId: string, force = false) => send<ClientRevertResponse>('POST', m(`/clients/${id(clientId)}/revert`), { body: checked(clientRevertBodySchema, force ? { force } : {}) }),
  };
}
