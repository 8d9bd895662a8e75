import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../../test/fake-fetch.js';
import { createManagementClient, type ClientSetupView } from '../../api/index.js';
import { createToastStore } from '../../stores/index.js';
import { createConnectStore } from './connect-store.js';

const codex = (overrides: Partial<ClientSetupView> = {}): ClientSetupView => ({
  id: 'codex',
  name: 'Codex CLI',
  kind: 'file',
  summary: 'config.toml',
  detected: true,
  state: 'elsewhere',
  message: 'Points at https://gateway.example.com/v1, not this proxy.',
  files: ['/home/u/.codex/config.toml'],
  revertible: false,
  takesSmallModel: false,
  ...overrides,
});

function setup(handler: (call: FakeCall) => Response | Promise<Response>) {
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  const toasts = createToastStore({ setTimeout: () => 0 });
  return { store: createConnectStore(client, toasts), toasts, fake };
}

describe('connect store', () => {
  it('an older proxy without /clients is "unavailable", not an error', async () => {
    const { store } = setup(() => json({ error: 'Unknown route GET /v0/management/clients.', code: 'route_not_found' }, 404));
    await store.getState().load();
    expect(store.getState().availability).toBe('unavailable');
  });

  it('sends the chosen model with preview and apply, keeps the diff until applied, and reports what was written', async () => {
    const bodies: unknown[] = [];
    const { store, toasts } = setup(async (call) => {
      if (call.method === 'POST') bodies.push(JSON.parse(call.body ?? 'null'));
      if (call.url.pathname.endsWith('/preview')) return json({ client: codex(), files: [{ path: '/home/u/.codex/config.toml', exists: true, changed: true, diff: '--- a\n+++ b\n+model = "m"\n' }] });
      if (call.url.pathname.endsWith('/apply')) return json({ client: codex({ state: 'this-proxy', revertible: true }), files: [], written: ['/home/u/.codex/config.toml'], backups: ['/d/b'] });
      return json({ baseUrl: 'http://127.0.0.1:8317', models: ['m'], clients: [codex()] });
    });
    await store.getState().load();
    store.getState().choose('codex', { model: 'm' });
    await store.getState().preview('codex');
    expect(store.getState().previews.codex?.[0]?.diff).toContain('+model = "m"');
    await store.getState().apply('codex');
    expect(bodies).toEqual([{ model: 'm' }, { model: 'm' }]);
    expect(store.getState().previews.codex).toBeUndefined();
    expect(store.getState().clients[0]).toMatchObject({ state: 'this-proxy', revertible: true });
    expect(store.getState().notes.codex).toEqual({ tone: 'success', message: 'Wrote .codex/config.toml (the previous file is backed up). Restart the tool to pick it up.' });
    expect(toasts.getState().toasts.map((toast) => toast.message)).toEqual(['Codex CLI now points at this proxy.']);
  });

  it('a revert refused because the file was edited offers "Revert anyway", which sends force', async () => {
    const bodies: unknown[] = [];
    const { store } = setup(async (call) => {
      if (call.method === 'POST') bodies.push(JSON.parse(call.body ?? 'null'));
      if (call.url.pathname.endsWith('/revert') && bodies.length === 1) return json({ error: '/home/u/.codex/config.toml changed since CLIProxy Desktop wrote it; reverting would discard those edits.' }, 409);
      if (call.url.pathname.endsWith('/revert')) return json({ client: codex(), restored: ['/home/u/.codex/config.toml'], removed: [] });
      return json({ baseUrl: 'http://127.0.0.1:8317', models: [], clients: [codex({ state: 'changed-since-written', revertible: true })] });
    });
    await store.getState().load();
    await store.getState().revert('codex');
    expect(store.getState().notes.codex).toMatchObject({ tone: 'error', canForce: true });
    expect(store.getState().notes.codex?.message).toContain('changed since CLIProxy Desktop wrote it');
    await store.getState().revert('codex', true);
    expect(bodies).toEqual([{}, { force: true }]);
    expect(store.getState().notes.codex).toEqual({ tone: 'success', message: 'Reverted: restored .codex/config.toml.' });
  });
});
