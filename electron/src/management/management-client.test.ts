import { describe, expect, it } from 'vitest';
import { createManagementClient, ManagementRequestError } from './management-client.js';

interface Recorded {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

function fakeFetch(answer: (request: Recorded) => Response | Promise<Response>) {
  const requests: Recorded[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const request = { method: init?.method ?? 'GET', url: String(input), authorization: headers.get('authorization'), body: init?.body ? JSON.parse(String(init.body)) : undefined };
    requests.push(request);
    return answer(request);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('management client', () => {
  it('sends the per-launch key as a bearer token to the running proxy', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { credentials: [] }));
    const client = createManagementClient({ fetch, baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'launch-key' });
    await client.credentials();
    expect(requests).toEqual([{ method: 'GET', url: 'http://127.0.0.1:8317/v0/management/credentials', authorization: 'Bearer launch-key', body: undefined }]);
  });

  it('enables and disables a credential with PATCH {disabled}', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { ok: true, persisted: true, credential: {} }));
    const client = createManagementClient({ fetch, baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'k' });
    await client.setCredentialDisabled('claude me.json', true);
    expect(requests[0]).toMatchObject({ method: 'PATCH', url: 'http://127.0.0.1:8317/v0/management/credentials/claude%20me.json', body: { disabled: true } });
  });

  it('switches a model with PATCH /models/:id {enabled} (the id encoded), and reads switched-off models', async () => {
    const { fetch, requests } = fakeFetch((request) =>
      request.method === 'PATCH' ? json(200, { ok: true, persisted: true, id: 'team/m', enabled: false, changed: [] }) : json(200, { models: [{ id: 'a' }], hidden: [{ id: 'b', groups: ['claude'] }] }),
    );
    const client = createManagementClient({ fetch, baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'k' });
    await client.setModelEnabled('team/m', false);
    expect(requests[0]).toMatchObject({ method: 'PATCH', url: 'http://127.0.0.1:8317/v0/management/models/team%2Fm', body: { enabled: false } });
    expect(await client.models()).toEqual({ models: [{ id: 'a' }], hidden: [{ id: 'b', groups: ['claude'] }] });
    // An older proxy answers without "hidden": nothing is switched off, rather than a failed poll.
    const old = createManagementClient({ fetch: fakeFetch(() => json(200, { models: [{ id: 'a' }] })).fetch, baseUrl: () => 'http://x', managementKey: 'k' });
    expect(await old.models()).toEqual({ models: [{ id: 'a' }], hidden: [] });
  });

  it('starts and follows logins, reads client keys in clear', async () => {
    const { fetch, requests } = fakeFetch((request) =>
      request.url.endsWith('/api-keys?reveal=true') ? json(200, { 'api-keys': ['sk-cliproxy-1'] }) : json(200, { id: 'L1', status: 'waiting' }),
    );
    const client = createManagementClient({ fetch, baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'k' });
    await client.startLogin('claude');
    await client.login('L1');
    expect(await client.clientKeys()).toEqual(['sk-cliproxy-1']);
    expect(requests.map((request) => `${request.method} ${request.url.replace('http://127.0.0.1:8317/v0/management', '')}`)).toEqual([
      'POST /logins',
      'GET /logins/L1',
      'GET /api-keys?reveal=true',
    ]);
    expect(requests[0].body).toEqual({ provider: 'claude' });
  });

  it('turns the proxy\'s error body into the message', async () => {
    const { fetch } = fakeFetch(() => json(404, { error: 'No credential with id "x". List them with GET /v0/management/credentials.' }));
    const client = createManagementClient({ fetch, baseUrl: () => 'http://127.0.0.1:8317', managementKey: 'k' });
    const failure = await client.setCredentialDisabled('x', true).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ManagementRequestError);
    expect((failure as ManagementRequestError).status).toBe(404);
    expect((failure as Error).message).toBe('PATCH /v0/management/credentials/x failed with HTTP 404: No credential with id "x". List them with GET /v0/management/credentials.');
  });

  it('says the proxy is not running, or unreachable, instead of throwing a raw fetch error', async () => {
    const down = createManagementClient({ fetch: fakeFetch(() => json(200, {})).fetch, baseUrl: () => null, managementKey: 'k' });
    await expect(down.status()).rejects.toThrow('The proxy is not running (GET /v0/management/status).');
    const unreachable = createManagementClient({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      baseUrl: () => 'http://127.0.0.1:1',
      managementKey: 'k',
    });
    await expect(unreachable.status()).rejects.toThrow('Cannot reach the proxy at http://127.0.0.1:1 (GET /v0/management/status).');
  });

  it('accepts list answers wrapped or bare, and rejects a wrong shape clearly', async () => {
    let body: unknown = { accounts: [{ id: 'a' }] };
    const client = createManagementClient({ fetch: fakeFetch(() => json(200, body)).fetch, baseUrl: () => 'http://x', managementKey: 'k' });
    expect(await client.accounts()).toEqual([{ id: 'a' }]);
    body = [{ id: 'b' }];
    expect(await client.accounts()).toEqual([{ id: 'b' }]);
    body = { providers: 'nope' };
    await expect(client.loginProviders()).rejects.toThrow('The proxy\'s answer to GET /login-providers has no "providers" list.');
  });
});
