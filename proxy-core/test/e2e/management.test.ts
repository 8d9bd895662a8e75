import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/server/management/contract.js';
import { startFakeCodex, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { codexConfig, hash8 } from './codex-harness.js';
import { describeWhen } from '../prerequisites.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, NO_REMOTE_ADDRESS, nonLoopbackAddress, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;
const blocks = (url: string) => `# client keys below
openai-compatibility:
  - name: fakeai # the fake
    base-url: "${url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-secret-value" }]
    models: [{ name: "m", alias: "m" }]
`;
const call = (path: string, init: RequestInit = {}, key = MANAGEMENT_KEY) =>
  fetch(`${proxy.url}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(configWith(blocks(fake.url)));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('management API', () => {
  it('is a 404 when no secret-key is set', async () => {
    const bare = await startTestProxy(`host: 127.0.0.1\nport: 0\nauth-dir: "$AUTH_DIR"\n`);
    try {
      expect((await fetch(`${bare.url}/v0/management/status`, { headers: { authorization: 'Bearer x' } })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('stores a plaintext secret-key as a bcrypt hash on start, and still accepts the key', async () => {
    expect(readFileSync(proxy.configPath, 'utf8')).toMatch(/secret-key: .?\$2[aby]\$/);
    expect((await call('/status')).status).toBe(200);
  });

  it('401 without or with a wrong key (no key is not counted); five wrong keys make loopback wait (429, logged)', async () => {
    const banned = await startTestProxy(configWith(''));
    try {
      const attempt = (key?: string) => fetch(`${banned.url}/v0/management/status`, { headers: key ? { 'x-management-key': key } : {} });
      for (let index = 0; index < 6; index++) expect((await attempt()).status).toBe(401);
      for (let index = 0; index < 4; index++) expect((await attempt(`wrong-${index}`)).status).toBe(401);
      const fifth = await attempt('wrong-4');
      expect(fifth.status).toBe(429);
      expect(((await fifth.json()) as { error: string }).error).toMatch(/Too many wrong management keys from this machine \(5\): wait 1 s/);
      expect(banned.logs.some((line) => /5 wrong keys from this machine; the next try waits until/.test(line))).toBe(true);
    } finally {
      await banned.close();
    }
  });


  it('status, credentials and models describe the running proxy without secrets', async () => {
    const status = (await (await call('/status')).json()) as { credentials: { total: number }; config: { path: string; persisted: boolean } };
    expect(status.credentials.total).toBe(1);
    expect(status.config).toMatchObject({ path: proxy.configPath, persisted: true });
    const credentials = await (await call('/credentials')).text();
    expect(credentials).not.toContain('sk-upstream-secret-value');
    expect(JSON.parse(credentials).credentials[0]).toMatchObject({ group: 'fakeai', state: 'active', models: ['m'] });
    const models = (await (await call('/models')).json()) as { models: Array<{ id: string; next: string }> };
    expect(models.models[0].id).toBe('m');
    expect(models.models[0].next).toBe(JSON.parse(credentials).credentials[0].id);
    const config = await (await call('/config/view')).text();
    expect(config).not.toContain('sk-upstream-secret-value');
    expect(config).not.toContain(CLIENT_KEY);
  });

  it('config.yaml comes back with secrets redacted, and a save restores them', async () => {
    const text = await (await call('/config.yaml')).text();
    expect(text).not.toContain('sk-upstream-secret-value');
    expect(text).toContain('# the fake');
    const saved = await call('/config.yaml', { method: 'PUT', body: text.replace('# the fake', '# edited in the dashboard'), headers: { 'content-type': 'application/yaml' } });
    expect(saved.status).toBe(200);
    const file = readFileSync(proxy.configPath, 'utf8');
    expect(file).toContain('# edited in the dashboard');
    expect(file).toContain('sk-upstream-secret-value');
  });

  it('an invalid YAML save is refused with its line and column, and nothing changes', async () => {
    const before = readFileSync(proxy.configPath, 'utf8');
    const response = await call('/config.yaml', { method: 'PUT', body: 'port: [unclosed\n' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { line: number; column: number; error: string };
    expect(body.line).toBe(1);
    expect(body.column).toBeGreaterThan(0);
    expect(readFileSync(proxy.configPath, 'utf8')).toBe(before);
  });

  it('adding a client key takes effect at once and keeps the file comments', async () => {
    expect((await call('/api-keys', { method: 'PATCH', body: JSON.stringify({ old: 'none', new: 'sk-second-client-key' }) })).status).toBe(200);
    expect((await fetch(`${proxy.url}/v1/models`, { headers: { authorization: 'Bearer sk-second-client-key' } })).status).toBe(200);
    expect(readFileSync(proxy.configPath, 'utf8')).toContain('# client keys below');
    const listed = (await (await call('/api-keys?masked=true')).json()) as { 'api-keys': string[] };
    expect(listed['api-keys']).toHaveLength(2);
    expect(listed['api-keys'].join()).not.toContain('sk-second-client-key');
  });

  it('appends a provider key with POST and serves its models at once, keeping the other keys intact', async () => {
    const response = await call('/claude-api-key', { method: 'POST', body: JSON.stringify({ 'api-key': 'sk-ant-added-by-post-123', 'base-url': fake.url, models: [{ name: 'c1', alias: 'added-model' }] }) });
    expect(response.status).toBe(200);
    const models = (await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain('added-model');
    const file = readFileSync(proxy.configPath, 'utf8');
    expect(file).toContain('sk-ant-added-by-post-123');
    expect(file).toContain('sk-upstream-secret-value');
    expect((await call('/claude-api-key', { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('with a read-only config.yaml a change applies in memory, and the answer and GET say it was not saved', async () => {
    chmodSync(proxy.configPath, 0o444);
    try {
      const response = (await (await call('/config', { method: 'PATCH', body: JSON.stringify({ values: { 'request-retry': 2 } }) })).json()) as { persisted: boolean; reason: string };
      expect(response.persisted).toBe(false);
      expect(response.reason).toMatch(/read-only/);
      const config = (await (await call('/config/view')).json()) as { config: Record<string, unknown>; file: { persisted: boolean; writable: boolean } };
      expect(config.config['request-retry']).toBe(2);
      expect(config.file).toMatchObject({ persisted: false, writable: false });
      expect(readFileSync(proxy.configPath, 'utf8')).not.toContain('request-retry: 2');
    } finally {
      chmodSync(proxy.configPath, 0o600);
    }
  });

  it('logs: recent entries with request lines and no secrets, and a live SSE tail', async () => {
    const controller = new AbortController();
    const tail = await call('/logs/stream', { signal: controller.signal });
    const reader = tail.body!.getReader();
    await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello' }] }),
    });
    let seen = '';
    const decoder = new TextDecoder();
    while (!seen.includes('POST /v1/chat/completions 200')) seen += decoder.decode((await reader.read()).value);
    controller.abort();
    const logs = (await (await call('/logs/entries?limit=50')).json()) as { entries: Array<{ message: string }> };
    const text = JSON.stringify(logs);
    expect(logs.entries.some((entry) => entry.message.startsWith('POST /v1/chat/completions 200'))).toBe(true);
    expect(text).not.toContain(CLIENT_KEY);
    expect(text).not.toContain('sk-upstream-secret-value');
  });

  it('usage aggregates persisted requests by model', async () => {
    // Queries flush the buffered records first, so a finished request is there at once.
    const recent = (await (await call('/usage/recent?limit=1000')).json()) as { requests: Array<{ requestedModel: string }> };
    const usage = (await (await call('/usage/report?groupBy=model')).json()) as { summary: { requests: number }; rows: Array<{ key: string; requests: number }> };
    expect(recent.requests.length).toBeGreaterThan(0);
    expect(usage.summary.requests).toBe(recent.requests.length);
    expect(usage.rows.find((row) => row.key === 'm')?.requests).toBe(recent.requests.filter((record) => record.requestedModel === 'm').length);
  });

  it('rejects bad bodies with a 400 that names the field', async () => {
    const response = await call('/credentials/nope', { method: 'PATCH', body: '{"disabled": "yes"}' });
    expect(response.status).toBe(404);
    const credentials = (await (await call('/credentials')).json()) as { credentials: Array<{ id: string }> };
    const bad = await call(`/credentials/${credentials.credentials[0].id}`, { method: 'PATCH', body: '{"disabled": "yes"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/disabled/);
    void writeFileSync;
  });
});

describe('provider key lists (gemini-api-key, codex-api-key, openai-compatibility)', () => {
  const modelIds = async () =>
    ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
  const list = async (key: string) => ((await (await call(`/${key}?masked=true`)).json()) as Record<string, Array<Record<string, any>>>)[key];
  const write = async (route: string, method: string, body?: unknown) => {
    const response = await call(route, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { ok: boolean; persisted: boolean };
  };
  const file = () => readFileSync(proxy.configPath, 'utf8');
  const chat = (model: string) =>
    fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('gemini-api-key: POST appends and serves at once, GET masks the key, PATCH by index renames, DELETE removes', async () => {
    expect(await write('/gemini-api-key', 'POST', { 'api-key': 'AIza-managed-gemini-0001', 'base-url': fake.url, models: [{ name: 'g-upstream', alias: 'g-managed' }] })).toMatchObject({ ok: true, persisted: true });
    expect(file()).toContain('AIza-managed-gemini-0001');
    expect(await modelIds()).toContain('g-managed');
    const [entry] = await list('gemini-api-key');
    expect(entry).toMatchObject({ index: 0, 'base-url': fake.url, models: [{ name: 'g-upstream', alias: 'g-managed' }] });
    expect(entry['api-key']).not.toBe('AIza-managed-gemini-0001');
    expect(entry['api-key']).toMatch(/^AIza….+/);
    const gemini = await fetch(`${proxy.url}/v1beta/models/g-managed:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_KEY }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) });
    expect(gemini.status).toBe(200);
    expect(fake.requests.at(-1)!.apiKey).toBe('AIza-managed-gemini-0001');

    await write('/gemini-api-key', 'PATCH', { index: 0, value: { models: [{ name: 'g-upstream', alias: 'g-renamed' }] } });
    expect(await modelIds()).toContain('g-renamed');
    expect(await modelIds()).not.toContain('g-managed');
    expect(file()).toContain('g-renamed');
    expect(file()).toContain('AIza-managed-gemini-0001');

    await write('/gemini-api-key?index=0', 'DELETE');
    expect(await modelIds()).not.toContain('g-renamed');
    expect(file()).not.toContain('AIza-managed-gemini-0001');
    expect(await list('gemini-api-key')).toEqual([]);
    expect((await call('/gemini-api-key?index=0', { method: 'DELETE' })).status).toBe(404);
  });

  it('codex-api-key: PATCH by match (the api-key) disables and re-enables the entry live; DELETE by api-key', async () => {
    await write('/codex-api-key', 'POST', { 'api-key': 'sk-codex-managed-0002', 'base-url': `${fake.url}/v1`, models: [{ name: 'c-upstream', alias: 'c-managed' }] });
    expect(await modelIds()).toContain('c-managed');
    const [entry] = await list('codex-api-key');
    expect(JSON.stringify(entry)).not.toContain('sk-codex-managed-0002');

    await write('/codex-api-key', 'PATCH', { match: 'sk-codex-managed-0002', value: { disabled: true } });
    expect(file()).toMatch(/sk-codex-managed-0002[\s\S]*disabled: true/);
    expect(await modelIds()).not.toContain('c-managed');
    expect((await chat('c-managed')).status).not.toBe(200);

    await write('/codex-api-key', 'PATCH', { match: 'sk-codex-managed-0002', value: { disabled: null } });
    expect(file()).not.toMatch(/disabled: true/);
    expect(await modelIds()).toContain('c-managed');
    expect((await call('/codex-api-key', { method: 'PATCH', body: JSON.stringify({ match: 'sk-not-there', value: { disabled: true } }) })).status).toBe(404);

    await write(`/codex-api-key?api-key=${encodeURIComponent('sk-codex-managed-0002')}`, 'DELETE');
    expect(await modelIds()).not.toContain('c-managed');
    expect(file()).not.toContain('sk-codex-managed-0002');
  });

  it('openai-compatibility: POST a provider, GET masks its keys, PATCH by name changes its models, DELETE by name', async () => {
    await write('/openai-compatibility', 'POST', {
      name: 'managed-compat',
      'base-url': `${fake.url}/v1`,
      'api-key-entries': [{ 'api-key': 'sk-compat-managed-0003' }],
      models: [{ name: 'o-upstream', alias: 'o-managed' }],
    });
    expect(await modelIds()).toContain('o-managed');
    expect((await chat('o-managed')).status).toBe(200);
    expect(fake.requests.at(-1)!.apiKey).toBe('sk-compat-managed-0003');
    expect((fake.requests.at(-1)!.body as { model: string }).model).toBe('o-upstream');
    const entries = await list('openai-compatibility');
    expect(entries.map((entry) => entry.name)).toEqual(['fakeai', 'managed-compat']);
    expect(entries[1]).toMatchObject({ index: 1, 'base-url': `${fake.url}/v1` });
    expect(JSON.stringify(entries)).not.toContain('sk-compat-managed-0003');
    expect(JSON.stringify(entries)).not.toContain('sk-upstream-secret-value');

    await write('/openai-compatibility', 'PATCH', { name: 'managed-compat', value: { models: [{ name: 'o-upstream', alias: 'o-renamed' }] } });
    expect(await modelIds()).toContain('o-renamed');
    expect(await modelIds()).not.toContain('o-managed');
    expect(file()).toContain('o-renamed');

    await write('/openai-compatibility?name=managed-compat', 'DELETE');
    expect(await modelIds()).not.toContain('o-renamed');
    expect(await modelIds()).toContain('m');
    expect(file()).not.toContain('sk-compat-managed-0003');
    expect(file()).toContain('sk-upstream-secret-value');
  });
});

describe('PATCH /auth-files/status', () => {
  it('writes disabled into the account file and takes the account out of rotation; enabling brings it back', async () => {
    const codex = await startFakeCodex();
    const accountsProxy = await startTestProxy(codexConfig(codex.endpoints));
    try {
      const seeded = ['first@example.com', 'second@example.com'].map((email) => {
        const tokens = codex.seed({ email });
        const name = `codex-${hash8(tokens.account.accountId)}-${email}-${tokens.account.plan}.json`;
        writeAuthFile(accountsProxy, name, {
          type: 'codex',
          id_token: tokens.idToken,
          access_token: tokens.accessToken,
          refresh_token: tokens.refreshToken,
          account_id: tokens.account.accountId,
          email,
          last_refresh: new Date().toISOString(),
          expired: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        });
        return { ...tokens, name, email };
      });
      const accounts = async () => (await management<{ accounts: AccountView[] }>(accountsProxy, 'GET', '/accounts')).body.accounts;
      await eventually(accounts, (list) => list.length === 2 && list.every((account) => account.state === 'active'));
      const tokensUsed = async (count: number) => {
        codex.upstream.requests.length = 0;
        for (let index = 0; index < count; index++) {
          const response = await fetch(`${accountsProxy.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] }),
          });
          expect(response.status).toBe(200);
        }
        return new Set(codex.apiRequests().map((request) => request.headers.authorization));
      };
      expect(await tokensUsed(4)).toEqual(new Set(seeded.map((account) => `Bearer ${account.accessToken}`)));

      const [first, second] = seeded;
      const disabled = await management(accountsProxy, 'PATCH', '/auth-files/status', { name: first.name, disabled: true });
      expect(disabled).toMatchObject({ status: 200, body: { status: 'ok', disabled: true } });
      const onDisk = JSON.parse(readFileSync(path.join(accountsProxy.dir, 'auth', first.name), 'utf8'));
      expect(onDisk).toMatchObject({ disabled: true, access_token: first.accessToken, refresh_token: first.refreshToken, email: first.email });
      const files = (await management<{ files: Array<{ name: string; status: string; disabled: boolean }> }>(accountsProxy, 'GET', '/auth-files')).body.files;
      expect(files.find((entry) => entry.name === first.name)).toMatchObject({ disabled: true, status: 'disabled' });
      expect(await tokensUsed(4)).toEqual(new Set([`Bearer ${second.accessToken}`]));

      await management(accountsProxy, 'PATCH', '/auth-files/status', { name: first.name, disabled: false });
      expect(JSON.parse(readFileSync(path.join(accountsProxy.dir, 'auth', first.name), 'utf8')).disabled).not.toBe(true);
      expect(await tokensUsed(4)).toEqual(new Set(seeded.map((account) => `Bearer ${account.accessToken}`)));
    } finally {
      await accountsProxy.close();
      await codex.close();
    }
  });
});

const remoteAddress = nonLoopbackAddress();

describeWhen(remoteAddress, NO_REMOTE_ADDRESS)('remote management (a caller on a non-loopback address of this machine)', () => {
  it('allow-remote: false answers 403 even with the right key; true lets the key in; the per-launch local key stays loopback-only', async () => {
    const yaml = (allowRemote: boolean) => configWith('').replace(`remote-management:\n`, `remote-management:\n  allow-remote: ${allowRemote}\n`);
    const remote = await startTestProxy(yaml(false), { host: remoteAddress, localManagementKey: 'per-launch-local-key-0001' });
    const status = (key?: string) => fetch(`${remote.url}/v0/management/status`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    try {
      expect(remote.url).toContain(remoteAddress);
      const refused = await status(MANAGEMENT_KEY);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toMatch(/remote-management\.allow-remote/);

      writeFileSync(remote.configPath, yaml(true).replaceAll('$AUTH_DIR', path.join(remote.dir, 'auth')));
      expect((await remote.proxy.reload()).ok).toBe(true);
      expect((await status(MANAGEMENT_KEY)).status).toBe(200);
      expect((await status()).status).toBe(401);
      expect((await status('per-launch-local-key-0001')).status).toBe(401);
    } finally {
      await remote.close();
    }
  });
});

