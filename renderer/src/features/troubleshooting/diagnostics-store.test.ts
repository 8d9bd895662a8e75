import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../../test/fake-fetch.js';
import { createManagementClient, type DiagnosticCheck } from '../../api/index.js';
import { createToastStore } from '../../stores/index.js';
import { createDiagnosticsStore } from './diagnostics-store.js';

const check = (overrides: Partial<DiagnosticCheck> = {}): DiagnosticCheck => ({
  id: 'auth-dir-mode',
  title: 'Account folder permissions',
  symptom: 'Logins fail to save',
  cause: 'The folder is readable by others',
  status: 'unknown',
  summary: '',
  evidence: {},
  ...overrides,
});

function setup(handler: (call: FakeCall) => Response | Promise<Response>) {
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  const toasts = createToastStore({ setTimeout: () => 0 });
  return { store: createDiagnosticsStore(client, toasts), toasts, fake };
}

describe('diagnostics store', () => {
  it('an older proxy without /diagnostics is "unavailable", not an error', async () => {
    const { store } = setup(() => json({ error: { message: 'Unknown route GET /v0/management/diagnostics.', code: 'route_not_found' } }, 404));
    await store.getState().load();
    expect(store.getState().availability).toBe('unavailable');
  });

  it('runs a check and shows its result with evidence; a fix replaces the check and reports its message', async () => {
    const { store, toasts, fake } = setup((call) => {
      if (call.url.pathname.endsWith('/run')) return json(check({ status: 'fail', summary: 'Mode is 0755', evidence: { mode: '0755' }, remediation: 'chmod 700', fix: { id: 'chmod', label: 'Fix permissions' } }));
      if (call.url.pathname.endsWith('/fix')) return json({ ok: true, message: 'Set the folder to 0700.', check: check({ status: 'pass', summary: 'Mode is 0700' }) });
      return json({ checks: [check()] });
    });
    await store.getState().load();
    expect(store.getState().availability).toBe('available');
    await store.getState().runAll();
    expect(store.getState().checks[0]).toMatchObject({ status: 'fail', evidence: { mode: '0755' } });
    expect(store.getState().ran['auth-dir-mode']).toBe(true);
    await store.getState().fix('auth-dir-mode');
    expect(fake.calls.at(-1)?.method).toBe('POST');
    expect(store.getState().checks[0].status).toBe('pass');
    expect(store.getState().notes['auth-dir-mode']).toEqual({ tone: 'success', message: 'Set the folder to 0700.' });
    expect(toasts.getState().toasts.at(-1)?.message).toBe('Set the folder to 0700.');
  });

  it('a check that cannot run says so on that check and keeps the others', async () => {
    const { store } = setup((call) => (call.url.pathname.endsWith('/run') ? Promise.reject(new TypeError('fetch failed')) : json({ checks: [check(), check({ id: 'port' })] })));
    await store.getState().load();
    await store.getState().run('port');
    expect(store.getState().notes.port?.message).toMatch(/could not run: Cannot reach the proxy/);
    expect(store.getState().checks).toHaveLength(2);
    expect(store.getState().running).toEqual({});
  });
});
