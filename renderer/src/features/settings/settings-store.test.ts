import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../../test/fake-fetch.js';
import { createManagementClient } from '../../api/index.js';
import { createToastStore } from '../../stores/index.js';
import { createSettingsStore } from './settings-store.js';

const CONFIG = { config: { port: 8317, 'request-retry': 0, routing: { strategy: 'rr' } }, file: { path: '/c/config.yaml', writable: true, persisted: true, lastReloadError: null, warnings: [] } };

function setup(handler: (call: FakeCall) => Response | Promise<Response>) {
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  const toasts = createToastStore({ setTimeout: () => 0 });
  return { store: createSettingsStore(client, toasts, { now: () => 0 }), toasts, fake };
}

describe('settings store', () => {
  it('validates as you type and sends only the changed keys, as numbers', async () => {
    const { store, fake } = setup((call) => (call.method === 'PATCH' ? json({ ok: true, persisted: true }) : json(CONFIG)));
    await store.getState().load();
    store.getState().setField('request-retry', '-1');
    expect(store.getState().fieldErrors['request-retry']).toBe('Must be 0 or more.');
    expect(await store.getState().save()).toBe(false);
    expect(fake.calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

    store.getState().setField('request-retry', '3');
    store.getState().setField('routing.strategy', 'round-robin');
    expect(store.getState().draft).toEqual({ 'request-retry': '3' });
    expect(await store.getState().save()).toBe(true);
    expect(JSON.parse(fake.calls.find((call) => call.method === 'PATCH')!.body!)).toEqual({ values: { 'request-retry': 3 } });
    expect(store.getState().draft).toEqual({});
  });

  it('puts a 422 for a known key under that field, and says when a change is live but not saved', async () => {
    let answer: Response = json({ error: 'proxy-url: use http://, https:// or socks5://', key: 'proxy-url', line: 9, column: 12 }, 422);
    const { store, toasts } = setup((call) => (call.method === 'PATCH' ? answer : json(CONFIG)));
    await store.getState().load();
    store.getState().setField('proxy-url', 'http://corp-proxy:3128');
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().fieldErrors['proxy-url']).toBe('proxy-url: use http://, https:// or socks5://');
    expect(store.getState().draft['proxy-url']).toBe('http://corp-proxy:3128');

    answer = json({ ok: true, persisted: false, reason: 'config.yaml is read-only' });
    store.getState().setField('proxy-url', 'http://corp-proxy:3129');
    expect(await store.getState().save()).toBe(true);
    expect(store.getState().lastWrite).toEqual({ ok: true, persisted: false, reason: 'config.yaml is read-only' });
    expect(toasts.getState().toasts.at(-1)?.tone).toBe('warning');
  });

  it('an invalid YAML save keeps the text and reports line and column; a valid one saves', async () => {
    let valid = false;
    const { store, fake } = setup((call) => {
      if (call.method === 'PUT') return valid ? json({ ok: true, persisted: true }) : json({ error: 'config.yaml:2:7: bad indentation', line: 2, column: 7 }, 422);
      if (call.url.pathname.endsWith('config.yaml')) return new Response('port: 8317\n', { status: 200 });
      return json(CONFIG);
    });
    await store.getState().loadYaml();
    expect(store.getState().yamlText).toBe('port: 8317\n');
    const edited = 'port: 8317\n  oops: [\n';
    store.getState().setYamlText(edited);
    expect(await store.getState().saveYaml()).toBe(false);
    expect(store.getState().yamlText).toBe(edited);
    expect(store.getState().yamlError).toEqual({ message: 'config.yaml:2:7: bad indentation', line: 2, column: 7 });

    await store.getState().loadYaml();
    expect(store.getState().yamlText).toBe(edited);

    valid = true;
    store.getState().setYamlText('port: 8318\n');
    expect(await store.getState().saveYaml()).toBe(true);
    expect(store.getState().yamlError).toBeNull();
    expect(fake.calls.filter((call) => call.method === 'PUT').at(-1)?.body).toBe('port: 8318\n');
  });
});
