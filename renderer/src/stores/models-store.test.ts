import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../test/fake-fetch.js';
import { createManagementClient, type CredentialView } from '../api/index.js';
import { createModelsStore, exclusionName, hideTarget } from './models-store.js';
import { createI18n } from '../i18n/index.js';
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

  it('switches a model off everywhere with PATCH /models/:id, says so, and then lists it as switched off', async () => {
    let hidden: Array<{ id: string; groups: string[] }> = [];
    const fake = createFakeFetch((call: FakeCall) => {
      if (call.method === 'PATCH') {
        hidden = [{ id: 'team/fake-mini', groups: ['fakeai'] }];
        return json({ ok: true, persisted: false, reason: 'config.yaml is read-only', id: 'team/fake-mini', enabled: false, changed: ['openai-compatibility.1.excluded-models'] });
      }
      if (call.url.pathname.endsWith('/models')) return json({ models: [], hidden });
      if (call.url.pathname === '/v1/models') return json({ data: [] });
      if (call.url.pathname.endsWith('/api-keys')) return json({ 'api-keys': [] });
      return json({ [call.url.pathname.split('/').pop()!]: [] });
    });
    const toasts = createToastStore({ setTimeout: () => 0 });
    const store = createModelsStore(createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) }), toasts, { now: () => 0 });
    await store.getState().load();
    expect(store.getState().hiddenModels).toEqual([]);
    await store.getState().setModelEnabled('team/fake-mini', false);
    const patch = fake.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/v0/management/models/team%2Ffake-mini');
    expect(JSON.parse(patch.body!)).toEqual({ enabled: false });
    expect(store.getState().hiddenModels).toEqual([{ id: 'team/fake-mini', groups: ['fakeai'] }]);
    expect(store.getState().busy).toEqual({});
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'warning', message: expect.stringMatching(/team\/fake-mini switched off for every account — live now, but NOT saved: config.yaml is read-only/) });
  });

  it('a failed switch shows the proxy\'s reason', async () => {
    const fake = createFakeFetch((call: FakeCall) =>
      call.method === 'PATCH' ? json({ error: 'No model "gone" is served or switched off here.' }, 404) : json({ models: [], hidden: [] }),
    );
    const toasts = createToastStore({ setTimeout: () => 0 });
    const store = createModelsStore(createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) }), toasts, { now: () => 0 });
    await store.getState().setModelEnabled('gone', true);
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: expect.stringContaining('No model "gone"') });
  });

  it('"Refresh now" posts for one account and toasts what each list holds; a failed lookup is a warning that says the list is kept', async () => {
    const lists = (ok: boolean) => ({
      refreshEverySeconds: 21_600,
      lists: [{ credentialId: 'claude:1', label: 'sk-a…0001', group: 'claude', provider: 'claude', count: 3, models: ['a', 'b', 'c'], checkedAt: 'x', okAt: 'x', ok, error: ok ? null : 'api.anthropic.com answered HTTP 503', nextAt: null, running: false }],
    });
    let ok = true;
    const fake = createFakeFetch((call) => {
      if (call.url.pathname.endsWith('/model-lists/refresh') || call.url.pathname.endsWith('/model-lists')) return json(lists(ok));
      if (call.url.pathname.endsWith('/models/unserved')) return json({ since: 'x', models: [] });
      if (call.url.pathname.endsWith('/api-keys')) return json({ 'api-keys': [] });
      if (call.url.pathname.endsWith('-api-key') || call.url.pathname.endsWith('/openai-compatibility')) return json({ [call.url.pathname.split('/').pop()!]: [] });
      if (call.url.pathname === '/v1/models') return json({ data: [] });
      return json({ models: [] });
    });
    const toasts = createToastStore({ setTimeout: () => 0 });
    const store = createModelsStore(createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) }), toasts, { now: () => 0 });
    await store.getState().refreshLiveLists('claude:1');
    const post = fake.calls.find((call) => call.method === 'POST')!;
    expect(`${post.url.pathname}${post.url.search}`).toBe('/v0/management/model-lists/refresh?credential=claude%3A1');
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'success', message: 'Model lists refreshed: sk-a…0001 lists 3.' });
    expect(store.getState().modelLists.data?.lists[0].count).toBe(3);
    ok = false;
    await store.getState().refreshLiveLists();
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'warning', message: '1 of 1 model list lookup(s) failed: sk-a…0001: api.anthropic.com answered HTTP 503. The last lists are kept.' });
  });

  it('"Map to" posts {from, to} to /model-mappings', async () => {
    const fake = createFakeFetch((call) => (call.method === 'POST' ? json({ ok: true, persisted: true, from: 'x', to: 'y', index: 0 }) : json({ models: [], lists: [], 'api-keys': [], data: [] })));
    const toasts = createToastStore({ setTimeout: () => 0 });
    const store = createModelsStore(createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) }), toasts, { now: () => 0 });
    await store.getState().mapModel('claude-opus-4-8', 'gpt-5.5');
    const post = fake.calls.find((call) => call.method === 'POST')!;
    expect(post.url.pathname).toBe('/v0/management/model-mappings');
    expect(JSON.parse(post.body!)).toEqual({ from: 'claude-opus-4-8', to: 'gpt-5.5' });
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'success', message: 'claude-opus-4-8 now maps to gpt-5.5. Saved to config.yaml.' });
  });

  it('toasts follow the dashboard\'s language: in Simplified Chinese the mapping and the unsaved write read in Chinese', async () => {
    const fake = createFakeFetch((call) => (call.method === 'POST' ? json({ ok: true, persisted: false, reason: 'config.yaml 不可写', from: 'x', to: 'y', index: 0 }) : json({ models: [], lists: [], 'api-keys': [], data: [] })));
    const toasts = createToastStore({ setTimeout: () => 0 });
    const i18n = createI18n('zh-CN');
    const say = (key: string, values?: Record<string, unknown>) => i18n.t(key, { ns: 'toasts', ...values });
    const store = createModelsStore(createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) }), toasts, { now: () => 0 }, say);
    await store.getState().mapModel('claude-opus-4-8', 'gpt-5.5');
    expect(toasts.getState().toasts.at(-1)).toMatchObject({ tone: 'warning', message: 'claude-opus-4-8 现已映射到 gpt-5.5：已立即生效，但未保存（config.yaml 不可写），代理重启后将丢失。' });
  });
});
