import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../test/fake-fetch.js';
import { createManagementClient, type CredentialView } from '../api/index.js';
import { createModelsStore, exclusionName, hideTarget } from './models-store.js';
import { createToastStore } from './toast-store.js';

const credential = (overrides: Partial<CredentialView> = {}): CredentialView => ({
  id: 'oc:1',
  authIndex: 'a',
  provider: 'openai-compatible',
  group: 'fakeai',
  kind: 'api-key',
  label: 'fakeai sk-u…0001',
  priority: 0,
  prefix: 'team',
  baseUrl: 'http://x/v1',
  disabled: false,
  state: 'active',
  source: { type: 'config', yamlKey: 'openai-compatibility', index: 1 },
  models: ['team/fake-mini'],
  cooldowns: [],
  ...overrides,
});

function setup(excluded: string[]) {
  const handler = (call: FakeCall) => {
    if (call.method === 'PATCH') return json({ ok: true, persisted: true });
    if (call.url.pathname.endsWith('/openai-compatibility')) return json({ 'openai-compatibility': [{ index: 0, name: 'other' }, { index: 1, name: 'fakeai', 'excluded-models': excluded }] });
    if (call.url.pathname.endsWith('-api-key')) return json({ [call.url.pathname.split('/').pop()!]: [] });
    if (call.url.pathname.endsWith('/api-keys')) return json({ 'api-keys': [] });
    if (call.url.pathname === '/v1/models') return json({ data: [] });
    return json({ models: [] });
  };
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  return { store: createModelsStore(client, createToastStore({ setTimeout: () => 0 }), { now: () => 0 }), fake };
}

const patches = (calls: FakeCall[]) => calls.filter((call) => call.method === 'PATCH').map((call) => JSON.parse(call.body!));

describe('models store', () => {
  it('hides a model for one key entry by adding its un-prefixed name to that entry\'s excluded-models', async () => {
    const { store, fake } = setup(['old-*']);
    await store.getState().hide(credential(), 'team/fake-mini');
    expect(patches(fake.calls)).toEqual([{ index: 1, value: { 'excluded-models': ['old-*', 'fake-mini'] } }]);
    expect(fake.calls.find((call) => call.method === 'PATCH')!.url.pathname).toBe('/v0/management/openai-compatibility');
  });

  it('showing the last hidden model again removes the excluded-models key', async () => {
    const { store, fake } = setup(['fake-mini']);
    await store.getState().unhide('openai-compatibility', 1, 'fake-mini');
    expect(patches(fake.calls)).toEqual([{ index: 1, value: { 'excluded-models': null } }]);
  });

  it('knows which credentials can be hidden from the dashboard', () => {
    expect(hideTarget(credential())).toEqual({ list: 'openai-compatibility', index: 1 });
    expect(hideTarget(credential({ kind: 'oauth', source: { type: 'file', fileName: 'a.json' } }))).toBeNull();
    expect(exclusionName({ prefix: 'team' }, 'team/fake-mini')).toBe('fake-mini');
    expect(exclusionName({ prefix: null }, 'team/fake-mini')).toBe('team/fake-mini');
  });
});
