import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../test/fake-fetch.js';
import { createManagementClient, type AuthFileView, type CredentialView } from '../api/index.js';
import { buildAccountRows } from './account-rows.js';
import { createCredentialsStore } from './credentials-store.js';
import { createToastStore } from './toast-store.js';

const credential = (overrides: Partial<CredentialView> = {}): CredentialView => ({
  id: 'claude:1',
  authIndex: 'a',
  provider: 'claude',
  group: 'claude',
  kind: 'api-key',
  label: 'sk-a…0001',
  priority: 0,
  prefix: null,
  baseUrl: null,
  disabled: false,
  state: 'active',
  source: { type: 'config', yamlKey: 'claude-api-key', index: 0 },
  models: ['claude-sonnet-4-5'],
  cooldowns: [],
  ...overrides,
});

function setup(handler: (call: FakeCall) => Response | Promise<Response>) {
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  const toasts = createToastStore({ setTimeout: () => 0 });
  const store = createCredentialsStore(client, toasts, { now: () => 1000 });
  return { store, toasts, fake };
}

describe('credentials store', () => {
  it('turning an account off shows at once, and the proxy answer (not saved: read-only) becomes a warning', async () => {
    let answer: (response: Response) => void = () => undefined;
    let patched = false;
    const { store, toasts } = setup((call) =>
      call.method === 'PATCH' ? new Promise<Response>((resolve) => (answer = resolve)) : json({ credentials: [credential({ disabled: patched, state: patched ? 'disabled' : 'active' })] }),
    );
    await store.getState().load();
    const row = buildAccountRows(store.getState().credentials.data!, [], new Map())[0];
    const pending = store.getState().setEnabled(row, false);
    await Promise.resolve();
    expect(store.getState().credentials.data![0]).toMatchObject({ disabled: true, state: 'disabled' });
    expect(store.getState().busy[row.id]).toBe(true);
    patched = true;
    answer(json({ ok: true, persisted: false, reason: 'config.yaml is read-only', credential: credential({ disabled: true, state: 'disabled' }) }));
    await pending;
    expect(store.getState().busy[row.id]).toBeUndefined();
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'warning', message: expect.stringMatching(/live now, but NOT saved: config.yaml is read-only/) });
  });

  it('puts the switch back and says why when the proxy refuses', async () => {
    const { store, toasts } = setup((call) => (call.method === 'PATCH' ? json({ error: 'No credential with id "claude:1".' }, 404) : json({ credentials: [credential()] })));
    await store.getState().load();
    const row = buildAccountRows(store.getState().credentials.data!, [], new Map())[0];
    await store.getState().setEnabled(row, false);
    expect(store.getState().credentials.data![0].disabled).toBe(false);
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: 'No credential with id "claude:1".' });
  });

  it('keeps the last good list when a refresh fails, with the error next to it', async () => {
    let fail = false;
    const { store } = setup(() => (fail ? Promise.reject(new TypeError('fetch failed')) : json({ credentials: [credential()] })));
    await store.getState().load();
    fail = true;
    await store.getState().load();
    expect(store.getState().credentials.data).toHaveLength(1);
    expect(store.getState().credentials.error).toMatchObject({ kind: 'network' });
  });

  it('derives "last used" per account from recent requests', async () => {
    const { store } = setup((call) => {
      if (call.url.pathname.endsWith('/usage/recent')) return json({ requests: [{ credentialId: 'claude:1', time: 500 }, { credentialId: 'claude:1', time: 900 }, { credentialId: '', time: 950 }] });
      if (call.url.pathname.endsWith('/auth-files')) return json({ files: [] });
      return json({ credentials: [credential()] });
    });
    await store.getState().loadAccountsPage();
    const rows = buildAccountRows(store.getState().credentials.data!, store.getState().authFiles.data!, store.getState().lastUsed.data!);
    expect(rows[0].lastUsed).toBe(900);
  });
});

describe('account rows', () => {
  const file = (overrides: Partial<AuthFileView>): AuthFileView => ({
    id: 'x.json',
    name: 'x.json',
    type: 'claude',
    provider: 'claude',
    label: 'me@example.com',
    disabled: false,
    status: 'active',
    statusMessage: 'Ready.',
    shadowedBy: null,
    size: 10,
    modtime: '2026-01-01T00:00:00Z',
    ...overrides,
  });

  it('says why and until when a cooling account rests', () => {
    const until = new Date(2026, 0, 1, 14, 20).toISOString();
    const [row] = buildAccountRows(
      [credential({ state: 'cooling', cooldowns: [{ model: 'claude-sonnet-4-5', until, secondsLeft: 600, reason: 'quota', status: 429, message: 'rate limited' }] })],
      [],
      new Map(),
    );
    expect(row.state).toBe('cooling');
    expect(row.detail).toBe('until 14:20 · quota (429) on claude-sonnet-4-5 — rate limited');
    expect(row.coolingUntil).toBe(Date.parse(until));
  });

  it('lists files that did not load as accounts once, and file-backed credentials only as credentials', () => {
    const rows = buildAccountRows(
      [credential({ id: 'claude:file', kind: 'oauth', source: { type: 'file', fileName: 'ok.json' } })],
      [file({ name: 'ok.json' }), file({ name: 'broken.json', status: 'invalid', statusMessage: 'This file is not valid JSON.' })],
      new Map(),
    );
    expect(rows.map((row) => row.id)).toEqual(['claude:file', 'file:broken.json']);
    expect(rows[0].removal).toEqual({ type: 'auth-file', name: 'ok.json' });
    expect(rows[1]).toMatchObject({ state: 'invalid', toggle: null, detail: 'This file is not valid JSON.' });
  });

  it('removes an OpenAI-compatible key by provider name (the whole entry), others by index', () => {
    const rows = buildAccountRows(
      [credential(), credential({ id: 'oc:1', provider: 'openai-compatible', group: 'openrouter', source: { type: 'config', yamlKey: 'openai-compatibility', index: 2 } })],
      [],
      new Map(),
    );
    expect(rows[0].removal).toEqual({ type: 'entry', list: 'claude-api-key', index: 0, wholeProvider: false });
    expect(rows[1].removal).toEqual({ type: 'entry', list: 'openai-compatibility', index: 2, name: 'openrouter', wholeProvider: true });
    expect(rows[1].providerLabel).toBe('openrouter');
  });
});
