/**
 * The main process's one client for the management API (`/v0/management/*` on the running proxy), authenticated
 * with this launch's management key. Typed by the management contract; `fetch` is injected so tests use a fake.
 */
import type {
  AccountView,
  ClientApplyResponse,
  ClientRevertResponse,
  ClientsResponse,
  CredentialPatchResult,
  CredentialView,
  HiddenModelView,
  LoginProviderView,
  LoginView,
  ModelPatchResult,
  ModelView,
  StatusResponse,
  UsageResponse,
  WriteResult,
} from '../core/proxy-core.js';

export const MANAGEMENT_PATH = '/v0/management';

export class ManagementRequestError extends Error {
  /** HTTP status, or null when the proxy could not be reached. */
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ManagementRequestError';
    this.status = status;
  }
}

export interface ManagementClientDeps {
  fetch: typeof fetch;
  /** The proxy's base URL, read on every call (it changes when the proxy restarts on another port). */
  baseUrl(): string | null;
  managementKey: string;
  /** Per call; default 8 s. */
  timeoutMs?: number;
}

export type ManagementClient = ReturnType<typeof createManagementClient>;

/** Some list endpoints answer `{<name>: [...]}`, some a bare array; accept both so a shape change is not a crash. */
function listField<T>(body: unknown, name: string, label: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(value)) return value as T[];
  throw new ManagementRequestError(`The proxy's answer to ${label} has no "${name}" list.`, 200);
}

export function createManagementClient(deps: ManagementClientDeps) {
  const timeoutMs = deps.timeoutMs ?? 8000;

  async function request<T>(method: string, path: string, body?: unknown, options: { timeoutMs?: number } = {}): Promise<T> {
    const base = deps.baseUrl();
    const label = `${method} ${MANAGEMENT_PATH}${path}`;
    if (!base) throw new ManagementRequestError(`The proxy is not running (${label}).`, null);
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${deps.managementKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await deps.fetch(`${base}${MANAGEMENT_PATH}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
      throw new ManagementRequestError(
        timedOut ? `The proxy did not answer ${label} within ${Math.round((options.timeoutMs ?? timeoutMs) / 1000)} s.` : `Cannot reach the proxy at ${base} (${label}).`,
        null,
        { cause: error },
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const said = parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string' ? (parsed as { error: string }).error : text.slice(0, 200);
      throw new ManagementRequestError(`${label} failed with HTTP ${response.status}${said ? `: ${said}` : '.'}`, response.status);
    }
    if (parsed === undefined) throw new ManagementRequestError(`The proxy sent an unreadable answer to ${label}.`, response.status);
    return parsed as T;
  }

  return {
    status: () => request<StatusResponse>('GET', '/status'),
    credentials: async () => listField<CredentialView>(await request('GET', '/credentials'), 'credentials', 'GET /credentials'),
    setCredentialDisabled: (id: string, disabled: boolean) =>
      request<CredentialPatchResult>('PATCH', `/credentials/${encodeURIComponent(id)}`, { disabled }),
    /** The served models, and those switched off everywhere (`hidden`; empty from a proxy that predates it). */
    models: async (): Promise<{ models: ModelView[]; hidden: HiddenModelView[] }> => {
      const body = await request<unknown>('GET', '/models');
      const hidden = body && typeof body === 'object' && Array.isArray((body as { hidden?: unknown }).hidden) ? (body as { hidden: HiddenModelView[] }).hidden : [];
      return { models: listField<ModelView>(body, 'models', 'GET /models'), hidden };
    },
    /** Switches a model on or off for every account and key that serves it (`PATCH /models/:id`). */
    setModelEnabled: (id: string, enabled: boolean) => request<ModelPatchResult>('PATCH', `/models/${encodeURIComponent(id)}`, { enabled }),
    accounts: async () => listField<AccountView>(await request('GET', '/accounts'), 'accounts', 'GET /accounts'),
    /** A forced token refresh (the vendor is asked; up to 30 s). */
    refreshAccountToken: (id: string) => request<AccountView>('POST', `/accounts/${encodeURIComponent(id)}/refresh`, undefined, { timeoutMs: 30_000 }),
    /** The account's quota asked from the vendor now, not from the proxy's cache. */
    refreshAccountQuota: (id: string) => request<unknown>('GET', `/accounts/${encodeURIComponent(id)}/quota?refresh=true`, undefined, { timeoutMs: 30_000 }),
    loginProviders: async () => listField<LoginProviderView>(await request('GET', '/login-providers'), 'providers', 'GET /login-providers'),
    startLogin: (provider: string) => request<LoginView>('POST', '/logins', { provider }),
    login: (id: string) => request<LoginView>('GET', `/logins/${encodeURIComponent(id)}`),
    /** The client keys in clear (the "Copy client key" item). */
    clientKeys: async () => listField<string>(await request('GET', '/api-keys?reveal=true'), 'api-keys', 'GET /api-keys'),
    usageSince: (from: number) => request<UsageResponse>('GET', `/usage/report?from=${from}&groupBy=day`),
    /** Dotted config.yaml keys to values (`PATCH /config`); written atomically by the proxy. */
    patchConfig: (values: Record<string, unknown>) => request<WriteResult>('PATCH', '/config', { values }),
    /** Coding tools and their setup status (`GET /clients`; 404 from a proxy that predates client setup). */
    clients: () => request<ClientsResponse>('GET', '/clients'),
    applyClient: (id: string) => request<ClientApplyResponse>('POST', `/clients/${encodeURIComponent(id)}/apply`, {}),
    revertClient: (id: string) => request<ClientRevertResponse>('POST', `/clients/${encodeURIComponent(id)}/revert`, {}),
  };
}
