import { describe, expect, it, vi } from 'vitest';
import { createFakeFetch, hangingFetch, json } from '../../test/fake-fetch.js';
import type { ManagementApiError } from './api-error.js';
import { createManagementClient } from './management-client.js';
import type { Connection } from './transport.js';

const KEY = 'management-key-do-not-leak';
const connection = (): Connection => ({ baseUrl: 'http://127.0.0.1:8317', key: KEY });

describe('management client', () => {
  it('sends the key as a bearer token to /v0/management and returns the typed body', async () => {
    const fake = createFakeFetch(() => json({ credentials: [{ id: 'claude:abc', state: 'active' }] }));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    const credentials = await client.listCredentials();
    expect(credentials[0].id).toBe('claude:abc');
    expect(fake.calls[0].url.toString()).toBe('http://127.0.0.1:8317/v0/management/credentials');
    expect(fake.calls[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('does not send the management key to /health or /v1/models; /v1/models gets the client key', async () => {
    const fake = createFakeFetch((call) => (call.url.pathname === '/health' ? json({ status: 'ok', version: '1', uptime_seconds: 3 }) : json({ data: [{ id: 'm' }] })));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    await client.getHealth();
    expect(await client.listClientModels('sk-client')).toEqual([{ id: 'm' }]);
    expect(fake.calls[0].headers.authorization).toBeUndefined();
    expect(fake.calls[1].headers.authorization).toBe('Bearer sk-client');
  });

  it('a 401 calls onUnauthorized once and throws an unauthorized error without the key in it', async () => {
    const fake = createFakeFetch(() => json({ error: 'invalid management key', code: 'unauthorized' }, 401));
    const onUnauthorized = vi.fn();
    const client = createManagementClient({ fetch: fake.fetch, connection, onUnauthorized });
    const error = (await client.getStatus().then(
      () => undefined,
      (caught: unknown) => caught,
    )) as ManagementApiError;
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, message: 'invalid management key' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain(KEY);
  });

  it('without a key it does not call the proxy at all (no failed attempts towards the ban)', async () => {
    const fake = createFakeFetch(() => json({}));
    const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://x', key: null }) });
    await expect(client.getStatus()).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(fake.calls).toHaveLength(0);
  });

  it('a 422 keeps the line, column and key the proxy reported', async () => {
    const fake = createFakeFetch(() => json({ error: 'config.yaml:3:7: port: expected a number', code: 'invalid_config', line: 3, column: 7, key: 'port' }, 422));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    await expect(client.putConfigYaml('port: abc')).rejects.toMatchObject({ status: 422, line: 3, column: 7, configKey: 'port', message: 'config.yaml:3:7: port: expected a number' });
    expect(fake.calls[0].headers['content-type']).toMatch(/yaml/);
    expect(fake.calls[0].body).toBe('port: abc');
  });

  it('a proxy that does not answer fails after the timeout with a readable message', async () => {
    const fake = createFakeFetch(hangingFetch);
    const client = createManagementClient({ fetch: fake.fetch, connection, timeoutMs: 30 });
    await expect(client.getStatus()).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/did not answer within/) });
  });

  it('an unreachable proxy is a network error naming the address', async () => {
    const client = createManagementClient({ fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch, connection });
    await expect(client.getStatus()).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('http://127.0.0.1:8317') });
  });

  it('a 404 from a route this proxy does not have is "not available"', async () => {
    const fake = createFakeFetch(() => json({ error: { message: 'Unknown route GET /v0/management/diagnostics.', code: 'route_not_found' } }, 404));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    const error = (await client.listDiagnostics().then(
      () => undefined,
      (caught: unknown) => caught,
    )) as ManagementApiError;
    expect(error.notAvailable).toBe(true);
    expect(error.message).toBe('Unknown route GET /v0/management/diagnostics.');
  });

  it('checks request bodies against the contract before sending', async () => {
    const fake = createFakeFetch(() => json({ ok: true, persisted: true }));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    await expect(client.patchConfig({})).rejects.toThrow(/at least one key/);
    expect(fake.calls).toHaveLength(0);
    await client.patchConfig({ 'request-retry': 2 });
    expect(JSON.parse(fake.calls[0].body!)).toEqual({ values: { 'request-retry': 2 } });
  });

  it('appends a provider entry with one POST to its list (the server picks the position)', async () => {
    const fake = createFakeFetch(() => json({ ok: true, persisted: true }));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    await client.appendProviderEntry('claude-api-key', { 'api-key': 'sk-new' });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].method).toBe('POST');
    expect(fake.calls[0].url.pathname).toBe('/v0/management/claude-api-key');
    expect(JSON.parse(fake.calls[0].body!)).toEqual({ 'api-key': 'sk-new' });
  });

  it('streams log entries from SSE split across chunks, skipping comments', async () => {
    const encoder = new TextEncoder();
    const chunks = [': connected\n\nid: 1\ndata: {"seq":1,"time":1,"level":"info","mes', 'sage":"one"}\n\n: keep-alive\n\n', 'id: 2\ndata: {"seq":2,"time":2,"level":"warn","message":"two"}\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    const fake = createFakeFetch(() => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    const entries: string[] = [];
    const opened = vi.fn();
    await client.streamLogs({ level: 'info' }, { signal: new AbortController().signal, onOpen: opened, onEntry: (entry) => entries.push(entry.message) });
    expect(entries).toEqual(['one', 'two']);
    expect(opened).toHaveBeenCalledOnce();
    expect(fake.calls[0].url.searchParams.get('level')).toBe('info');
    expect(fake.calls[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('management client: subscription logins and accounts', () => {
  it('calls every login and account route with encoded ids, the contract-checked bodies and the quota refresh flag', async () => {
    const fake = createFakeFetch((call) => {
      if (call.url.pathname.endsWith('/login-providers')) return json({ providers: [{ id: 'claude', name: 'Claude Code', hint: '', flows: ['browser', 'manual'], defaultCallbackPort: 54545 }] });
      if (call.url.pathname.endsWith('/accounts')) return json({ accounts: [{ id: 'claude-me@example.com.json' }] });
      return json({ id: 'x' }, call.method === 'POST' && call.url.pathname.endsWith('/logins') ? 201 : 200);
    });
    const client = createManagementClient({ fetch: fake.fetch, connection });
    expect((await client.listLoginProviders())[0].flows).toEqual(['browser', 'manual']);
    await client.startLogin({ provider: ' claude ', flow: 'manual', callbackPort: 0 });
    await client.getLogin('login-1');
    await client.submitLoginCallback('login-1', '  code#state  ');
    await client.cancelLogin('login-1');
    expect((await client.listAccounts())[0].id).toBe('claude-me@example.com.json');
    await client.getAccount('claude-me@example.com.json');
    await client.refreshAccountToken('claude-me@example.com.json');
    await client.getAccountQuota('claude-me@example.com.json', true);
    await client.getAccountQuota('claude-me@example.com.json');
    expect(fake.calls.map((call) => `${call.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'GET /v0/management/login-providers',
      'POST /v0/management/logins',
      'GET /v0/management/logins/login-1',
      'POST /v0/management/logins/login-1/callback',
      'DELETE /v0/management/logins/login-1',
      'GET /v0/management/accounts',
      'GET /v0/management/accounts/claude-me%40example.com.json',
      'POST /v0/management/accounts/claude-me%40example.com.json/refresh',
      'GET /v0/management/accounts/claude-me%40example.com.json/quota?refresh=true',
      'GET /v0/management/accounts/claude-me%40example.com.json/quota',
    ]);
    expect(JSON.parse(fake.calls[1].body!)).toEqual({ provider: 'claude', flow: 'manual', callbackPort: 0 });
    expect(JSON.parse(fake.calls[3].body!)).toEqual({ url: 'code#state' });
  });

  it('refuses a login body the contract rejects without calling the proxy', async () => {
    const fake = createFakeFetch(() => json({}));
    const client = createManagementClient({ fetch: fake.fetch, connection });
    await expect(client.startLogin({ provider: '' })).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringMatching(/provider is required/) });
    // @ts-expect-error -- not a flow the contract knows
    await expect(client.startLogin({ provider: 'claude', flow: 'carrier-pigeon' })).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringMatching(/^Invalid request: flow/) });
    await expect(client.submitLoginCallback('login-1', '   ')).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringMatching(/paste the address/) });
    expect(fake.calls).toHaveLength(0);
  });
});
