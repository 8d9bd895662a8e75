import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

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

  it('401 without or with a wrong key; five failures ban the address for 30 minutes (403, logged)', async () => {
    const banned = await startTestProxy(configWith(''));
    try {
      const attempt = (key?: string) => fetch(`${banned.url}/v0/management/status`, { headers: key ? { 'x-management-key': key } : {} });
      expect((await attempt()).status).toBe(401);
      for (let index = 0; index < 3; index++) expect((await attempt('wrong')).status).toBe(401);
      const fifth = await attempt('wrong');
      expect(fifth.status).toBe(403);
      expect(((await fifth.json()) as { error: string }).error).toMatch(/banned/);
      expect((await attempt(MANAGEMENT_KEY)).status).toBe(403);
      expect(banned.logs.some((line) => /banned until/.test(line))).toBe(true);
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
    const config = await (await call('/config')).text();
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
    const listed = (await (await call('/api-keys')).json()) as { 'api-keys': string[] };
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
      const config = (await (await call('/config')).json()) as { config: Record<string, unknown>; file: { persisted: boolean; writable: boolean } };
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
    const logs = (await (await call('/logs?limit=50')).json()) as { entries: Array<{ message: string }> };
    const text = JSON.stringify(logs);
    expect(logs.entries.some((entry) => entry.message.startsWith('POST /v1/chat/completions 200'))).toBe(true);
    expect(text).not.toContain(CLIENT_KEY);
    expect(text).not.toContain('sk-upstream-secret-value');
  });

  it('usage aggregates persisted requests by model', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const usage = (await (await call('/usage?groupBy=model')).json()) as { summary: { requests: number }; rows: Array<{ key: string; requests: number }> };
    expect(usage.summary.requests).toBeGreaterThan(0);
    expect(usage.rows.find((row) => row.key === 'm')?.requests).toBeGreaterThan(0);
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
