/** Builders for management API views (shapes from proxy-core/src/server/management/contract.ts). */
import type { AccountView, CredentialView, LoginProviderView, LoginView, ModelView, QuotaBucketView, StatusResponse } from '../src/core/proxy-core.js';
import type { ManagementSnapshot, TrayState } from '../src/tray/tray-state.js';

export function credential(overrides: Partial<CredentialView> & { id: string }): CredentialView {
  return {
    authIndex: overrides.id,
    provider: 'claude',
    group: 'claude',
    kind: 'oauth',
    label: overrides.id,
    priority: 0,
    prefix: null,
    baseUrl: null,
    disabled: false,
    state: overrides.disabled ? 'disabled' : 'active',
    source: { type: 'file', fileName: `${overrides.id}.json` },
    models: [],
    cooldowns: [],
    ...overrides,
  };
}

export function bucket(overrides: Partial<QuotaBucketView> & { id: string }): QuotaBucketView {
  return { label: overrides.id, remainingFraction: null, remaining: null, limit: null, unit: null, resetsAt: null, models: [], ...overrides };
}

export function account(overrides: Partial<AccountView> & { id: string }): AccountView {
  return {
    provider: 'claude',
    providerName: 'Claude',
    label: overrides.id,
    email: `${overrides.id}@example.com`,
    file: `${overrides.id}.json`,
    enabled: true,
    state: 'active',
    stateMessage: '',
    plan: null,
    projects: [],
    token: { expiresAt: null, lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null },
    quota: { buckets: [], fetchedAt: null, source: null, error: null },
    cooldowns: [],
    models: [],
    lastUsedAt: null,
    ...overrides,
  };
}

export function withQuota(view: AccountView, buckets: QuotaBucketView[]): AccountView {
  return { ...view, quota: { ...view.quota, buckets, source: 'vendor', fetchedAt: new Date(0).toISOString() } };
}

export function model(id: string, credentialIds: string[]): ModelView {
  return {
    id,
    ownedBy: 'anthropic',
    sources: ['built-in'],
    next: credentialIds[0] ?? null,
    credentials: credentialIds.map((credentialId) => ({ id: credentialId, label: credentialId, group: 'claude', upstreamModel: id, state: 'active', cooldownUntil: null, sources: ['built-in'] })),
  };
}

export function loginProvider(id: string, name: string, hint = ''): LoginProviderView {
  return { id, name, hint, flows: ['browser'], defaultCallbackPort: null, anyCallbackPort: true, options: [], hasQuota: true };
}

export function login(overrides: Partial<LoginView> & { id: string }): LoginView {
  return {
    provider: 'claude',
    providerName: 'Claude',
    flow: 'browser',
    status: 'waiting',
    url: 'https://claude.ai/oauth/authorize?state=abc',
    userCode: null,
    callbackUrl: 'http://localhost:54545/callback',
    tunnelCommand: null,
    message: 'Waiting for the browser',
    startedAt: new Date(0).toISOString(),
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    account: null,
    error: null,
    ...overrides,
  };
}

export function status(counts: Partial<StatusResponse['credentials']> = {}, overrides: Partial<StatusResponse> = {}): StatusResponse {
  return {
    version: '0.1.0',
    uptimeSeconds: 5,
    address: { host: '127.0.0.1', port: 8317, url: 'http://127.0.0.1:8317' },
    config: { path: '/tmp/config.yaml', writable: true, persisted: true, lastReloadError: null, warnings: [] },
    credentials: { total: 2, enabled: 2, cooling: 0, disabled: 0, ...counts },
    models: 1,
    clientKeys: 1,
    restartRequired: [],
    ...overrides,
  };
}

export function snapshot(overrides: Partial<ManagementSnapshot> = {}): ManagementSnapshot {
  return { status: status(), credentials: [], models: [], hiddenModels: [], accounts: [], loginProviders: [], requestsToday: null, error: null, ...overrides };
}

export function runningState(overrides: Partial<TrayState> = {}): TrayState {
  return {
    proxy: { kind: 'running', url: 'http://127.0.0.1:8317', host: '127.0.0.1', port: 8317 },
    snapshot: snapshot(),
    display: { kind: 'state' },
    launchAtLogin: false,
    notifications: { 'needs-relogin': true, 'quota-low': true, 'quota-exhausted': true, 'quota-restored': true, 'proxy-stopped': true },
    loginsInProgress: [],
    now: Date.parse('2026-11-30T12:00:00Z'),
    ...overrides,
  };
}
