/**
 * CLIProxyAPI's management routes on this proxy, table-driven against the shapes in
 * /work/shared/reference/inventory-server.md §1.7 and §5 and the reference's handlers (router-for-me/CLIProxyAPI
 * internal/api/handlers/management/*.go at a7e3596b7; /usage from v6.9.47).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;
const releases: string[] = [];
const outbound: Array<{ url: string; method: string; authorization: string | null; body: string | null }> = [];

const call = async (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${proxy.url}/v0/management${route}`, {
    method,
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: json, headers: response.headers };
};
const file = () => parse(readFileSync(proxy.configPath, 'utf8')) as Record<string, any>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    `host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
api-keys: ["${CLIENT_KEY}"]
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-reference-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-ref" }]
`,
    {
      deps: {
        managementFetch: async (url, init) => {
          if (String(url).startsWith('https://api.github.com/')) {
            releases.push(String(url));
            return new Response(JSON.stringify({ tag_name: 'v7.1.2' }), { status: 200, headers: { 'content-type': 'application/json' } });
          }
          const headers = new Headers(init?.headers);
          outbound.push({ url: String(url), method: init?.method ?? 'GET', authorization: headers.get('authorization'), body: init?.body === undefined ? null : String(init.body) });
          return new Response('{"quota":"ok"}', { status: 201, headers: { 'content-type': 'application/json', 'x-quota': 'left' } });
        },
      },
    },
  );
  for (const model of ['chat-ref', 'chat-ref', 'no-such-model']) {
    await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  }
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

// [route, response key, default, a new value, file path]
const SCALARS: Array<[string, string, unknown, unknown, string[]]> = [
  ['/debug', 'debug', false, true, ['debug']],
  ['/logging-to-file', 'logging-to-file', false, true, ['logging-to-file']],
  ['/logs-max-total-size-mb', 'logs-max-total-size-mb', 0, 512, ['logs-max-total-size-mb']],
  ['/error-logs-max-files', 'error-logs-max-files', 10, 25, ['error-logs-max-files']],
  ['/usage-statistics-enabled', 'usage-statistics-enabled', true, false, ['usage-statistics-enabled']],
  ['/proxy-url', 'proxy-url', '', 'socks5://127.0.0.1:1080', ['proxy-url']],
  ['/request-log', 'request-log', false, true, ['request-log']],
  ['/ws-auth', 'ws-auth', false, true, ['ws-auth']],
  ['/request-retry', 'request-retry', 0, 2, ['request-retry']],
  ['/max-retry-credentials', 'max-retry-credentials', 0, 1, ['max-retry-credentials']],
  ['/max-retry-interval', 'max-retry-interval', 0, 30, ['max-retry-interval']],
  ['/force-model-prefix', 'force-model-prefix', false, true, ['force-model-prefix']],
  ['/quota-exceeded/switch-project', 'switch-project', false, true, ['quota-exceeded', 'switch-project']],
  ['/quota-exceeded/switch-preview-model', 'switch-preview-model', false, true, ['quota-exceeded', 'switch-preview-model']],
];

describe('CLIProxyAPI per-setting routes: GET {"<key>": v}, PUT/PATCH {"value": v} → {"status":"ok"}', () => {
  it.each(SCALARS)('%s', async (route, key, initial, next, filePath) => {
    expect((await call('GET', route)).body).toEqual({ [key]: initial });
    const method = typeof next === 'number' ? 'PATCH' : 'PUT';
    const written = await call(method, route, { value: next });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ status: 'ok' });
    expect((await call('GET', route)).body).toEqual({ [key]: next });
    expect(filePath.reduce((value: any, segment) => value?.[segment], file())).toEqual(next);
    const wrongType = await call('PUT', route, { value: typeof next === 'string' ? 5 : 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toContain('value');
    expect((await call('PUT', route, {})).status).toBe(400);
  });

  it('DELETE /proxy-url clears it', async () => {
    await call('PUT', '/proxy-url', { value: 'http://127.0.0.1:3128' });
    expect((await call('DELETE', '/proxy-url')).body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/proxy-url')).body).toEqual({ 'proxy-url': '' });
    expect(file()['proxy-url']).toBeUndefined();
  });

  it('/routing/strategy answers {"strategy"} and takes the short names; anything else is "invalid strategy"', async () => {
    expect((await call('GET', '/routing/strategy')).body).toEqual({ strategy: 'round-robin' });
    expect((await call('PUT', '/routing/strategy', { value: 'ff' })).body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/routing/strategy')).body).toEqual({ strategy: 'fill-first' });
    expect(file().routing.strategy).toBe('fill-first');
    const wrong = await call('PATCH', '/routing/strategy', { value: 'random' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/^invalid strategy/);
    await call('PATCH', '/routing/strategy', { value: 'round-robin' });
  });
});

describe('CLIProxyAPI config and key routes', () => {
  it('GET /config has the settings at the top level, without host, port, auth-dir and remote-management', async () => {
    const { body, headers } = await call('GET', '/config');
    expect(body['api-keys']).toEqual([CLIENT_KEY]);
    expect(body['openai-compatibility'][0]).toMatchObject({ name: 'fakeai', 'api-key-entries': [{ 'api-key': 'sk-upstream-reference-0001' }] });
    expect(body).toMatchObject({ debug: true, 'request-retry': 2, routing: { strategy: 'round-robin' } });
    for (const hidden of ['host', 'port', 'auth-dir', 'remote-management', 'config', 'file']) expect(body).not.toHaveProperty(hidden);
    expect(headers.get('x-cpa-version')).toMatch(/^\d+\.\d+\.\d+/);
    expect(headers.get('x-cpa-support-plugin')).toBe('false');
  });

  it('our own view of the config moved to /config/view and stays masked', async () => {
    const { body } = await call('GET', '/config/view');
    expect(body.config['api-keys']).toEqual(['sk-t…0001']);
    expect(body.file).toMatchObject({ path: proxy.configPath });
  });

  it('GET /api-keys gives real keys a tool can use as the Bearer for /v1/models; ?masked=true masks them', async () => {
    const keys = (await call('GET', '/api-keys')).body['api-keys'] as string[];
    expect(keys).toEqual([CLIENT_KEY]);
    expect((await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${keys[0]}` } })).status).toBe(200);
    expect((await call('GET', '/api-keys?masked=true')).body).toEqual({ 'api-keys': ['sk-t…0001'] });
  });

  it('a masked placeholder is never written back: 400 naming the field, config.yaml unchanged', async () => {
    const before = readFileSync(proxy.configPath, 'utf8');
    const cases: Array<[string, string, unknown, string]> = [
      ['PUT', '/api-keys', ['sk-t…0001'], '0'],
      ['PATCH', '/api-keys', { index: 0, value: 'sk-t…0001' }, 'value'],
      ['PATCH', '/openai-compatibility', { name: 'fakeai', value: { 'api-key-entries': [{ 'api-key': 'sk-u…0001' }] } }, 'value.api-key-entries.0.api-key'],
      ['PATCH', '/config', { values: { 'api-keys.0': '****' } }, 'values.api-keys.0'],
    ];
    for (const [method, route, body, field] of cases) {
      const answer = await call(method, route, body);
      expect(answer.status, `${method} ${route}`).toBe(400);
      expect(answer.body.error).toContain(`${field} is a masked placeholder`);
    }
    expect(readFileSync(proxy.configPath, 'utf8')).toBe(before);
  });

  it('provider key lists answer real entries; /vertex-api-key is one of them', async () => {
    expect((await call('GET', '/openai-compatibility')).body['openai-compatibility'][0]['api-key-entries']).toEqual([{ 'api-key': 'sk-upstream-reference-0001' }]);
    expect((await call('GET', '/vertex-api-key')).body).toEqual({ 'vertex-api-key': [] });
    expect((await call('PUT', '/vertex-api-key', { items: [{ 'api-key': 'vertex-key-000000001', 'base-url': 'https://vertex.example' }] })).status).toBe(200);
    expect((await call('GET', '/vertex-api-key')).body['vertex-api-key']).toEqual([{ index: 0, 'api-key': 'vertex-key-000000001', 'base-url': 'https://vertex.example' }]);
    expect((await call('DELETE', '/vertex-api-key?index=0')).status).toBe(200);
  });

  it('DELETE ?api-key=&base-url= picks among entries that share one key, as the panel sends it', async () => {
    const entries = [{ 'api-key': 'sk-ant-shared-000000001', 'base-url': 'https://one.example' }, { 'api-key': 'sk-ant-shared-000000001', 'base-url': 'https://two.example' }];
    expect((await call('PUT', '/claude-api-key', entries)).status).toBe(200);
    expect((await call('DELETE', '/claude-api-key?api-key=sk-ant-shared-000000001&base-url=https%3A%2F%2Ftwo.example')).status).toBe(200);
    expect(file()['claude-api-key']).toEqual([entries[0]]);
    expect((await call('DELETE', '/claude-api-key?api-key=sk-ant-shared-000000001&base-url=')).status).toBe(200);
    expect(file()['claude-api-key']).toEqual([]);
  });

  it('/oauth-excluded-models: GET map, PATCH {provider, models}, DELETE ?provider=', async () => {
    expect((await call('GET', '/oauth-excluded-models')).body).toEqual({ 'oauth-excluded-models': {} });
    expect((await call('PATCH', '/oauth-excluded-models', { provider: 'Claude', models: ['claude-3-*'] })).body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/oauth-excluded-models')).body).toEqual({ 'oauth-excluded-models': { claude: ['claude-3-*'] } });
    expect((await call('PUT', '/oauth-excluded-models', { items: { codex: ['gpt-5'], claude: ['x'] } })).status).toBe(200);
    expect(file()['oauth-excluded-models']).toEqual({ codex: ['gpt-5'], claude: ['x'] });
    expect((await call('DELETE', '/oauth-excluded-models?provider=codex')).status).toBe(200);
    expect((await call('PATCH', '/oauth-excluded-models', { provider: 'claude', models: [] })).status).toBe(200);
    expect((await call('GET', '/oauth-excluded-models')).body).toEqual({ 'oauth-excluded-models': {} });
    expect((await call('DELETE', '/oauth-excluded-models?provider=gone')).status).toBe(404);
  });

  it('/oauth-model-alias: GET map, PATCH {channel, aliases}, DELETE ?channel=', async () => {
    expect((await call('PATCH', '/oauth-model-alias', { channel: 'codex', aliases: [{ name: 'gpt-5', alias: 'g5', fork: true }] })).status).toBe(200);
    expect((await call('GET', '/oauth-model-alias')).body).toEqual({ 'oauth-model-alias': { codex: [{ name: 'gpt-5', alias: 'g5', fork: true }] } });
    expect((await call('PATCH', '/oauth-model-alias', { aliases: [] })).status).toBe(400);
    expect((await call('DELETE', '/oauth-model-alias?channel=codex')).status).toBe(200);
    expect((await call('GET', '/oauth-model-alias')).body).toEqual({ 'oauth-model-alias': {} });
  });
});

describe('CLIProxyAPI usage, logs and the rest', () => {
  it('GET /usage has the reference snapshot: totals, per client key and model, by day and hour', async () => {
    const { body } = await call('GET', '/usage');
    expect(body.failed_requests).toBe(1);
    expect(body.usage).toMatchObject({ total_requests: 3, success_count: 2, failure_count: 1 });
    const apis = Object.values(body.usage.apis) as Array<{ total_requests: number; models: Record<string, { total_requests: number; details: Array<Record<string, unknown>> }> }>;
    expect(apis).toHaveLength(1);
    expect(apis[0].total_requests).toBe(3);
    expect(apis[0].models['chat-ref'].total_requests).toBe(2);
    expect(apis[0].models['chat-ref'].details[0]).toMatchObject({ failed: false, tokens: { total_tokens: expect.any(Number) }, auth_index: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(apis[0].models['no-such-model'].details[0].failed).toBe(true);
    expect(Object.values(body.usage.requests_by_day)).toEqual([3]);
    expect(Object.values(body.usage.requests_by_hour).reduce((a: number, b) => a + (b as number), 0)).toBe(3);
    expect(JSON.stringify(body)).not.toContain(CLIENT_KEY);
  });

  it('/usage/export then /usage/import of the same file adds nothing; a new detail is added once', async () => {
    const exported = (await call('GET', '/usage/export')).body;
    expect(exported).toMatchObject({ version: 1, exported_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), usage: { total_requests: 3 } });
    expect((await call('POST', '/usage/import', exported)).body).toEqual({ added: 0, skipped: 3, total_requests: 3, failed_requests: 1 });
    const extra = { version: 1, usage: { apis: { 'other-tool': { models: { 'gpt-x': { details: [{ timestamp: '2026-12-01T10:00:00Z', latency_ms: 5, source: 'sk-a…1234', auth_index: '', tokens: { input_tokens: 1, output_tokens: 2, reasoning_tokens: 0, cached_tokens: 0, total_tokens: 3 }, failed: false }] } } } } } };
    expect((await call('POST', '/usage/import', extra)).body).toEqual({ added: 1, skipped: 0, total_requests: 4, failed_requests: 1 });
    expect((await call('POST', '/usage/import', extra)).body).toEqual({ added: 0, skipped: 1, total_requests: 4, failed_requests: 1 });
    expect((await call('POST', '/usage/import', { version: 9, usage: {} })).status).toBe(400);
  });

  it('GET /api-key-usage: provider → "base-url|key" → counts and 20 ten-minute buckets', async () => {
    const { body } = await call('GET', '/api-key-usage');
    const entry = body.fakeai[`${fake.url}/v1|sk-upstream-reference-0001`];
    expect(entry).toMatchObject({ success: 2, failed: 0 });
    expect(entry.recent_requests).toHaveLength(20);
    expect(entry.recent_requests.at(-1)).toMatchObject({ success: 2, failed: 0, time: expect.stringMatching(/^\d\d:\d\d-\d\d:\d\d$/) });
  });

  it('GET /logs: {lines, line-count, latest-timestamp} in the reference line format, ?after= in unix seconds', async () => {
    const { body } = await call('GET', '/logs');
    expect(body.lines.some((line: string) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] \[[0-9a-f-]{8}\] \[info\] POST \/v1\/chat\/completions 200/.test(line))).toBe(true);
    expect(body['line-count']).toBeGreaterThanOrEqual(body.lines.length);
    expect(body['latest-timestamp']).toBeGreaterThan(1_700_000_000);
    expect((await call('GET', `/logs?after=${body['latest-timestamp'] + 1}`)).body.lines).toEqual([]);
    expect((await call('GET', '/logs?limit=1')).body.lines).toHaveLength(1);
    expect((await call('GET', '/logs/entries?limit=1')).body.entries).toHaveLength(1);
  });

  it('DELETE /logs empties the reference view: {success, message, removed}; later lines still come', async () => {
    const before = (await call('GET', '/logs')).body.lines.length;
    const cleared = await call('DELETE', '/logs');
    expect(cleared.body).toMatchObject({ success: true, removed: before });
    expect((await call('GET', '/logs')).body.lines).toEqual([]);
    await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat-ref', messages: [{ role: 'user', content: 'again' }] }) });
    await expect.poll(async () => (await call('GET', '/logs')).body.lines.some((line: string) => line.includes('POST /v1/chat/completions 200'))).toBe(true);
    expect((await call('GET', '/logs/entries?limit=500')).body.entries.length).toBeGreaterThan(before);
  });

  it('GET /latest-version asks GitHub for the newest CLIProxyAPI release', async () => {
    expect((await call('GET', '/latest-version')).body).toEqual({ 'latest-version': 'v7.1.2' });
    expect(releases).toEqual(['https://api.github.com/repos/router-for-me/CLIProxyAPI/releases/latest']);
  });

  it('POST /api-call makes the call with $TOKEN$ replaced by the credential\'s token and answers {status_code, header, body}', async () => {
    const credentials = (await call('GET', '/credentials')).body.credentials as Array<{ authIndex: string; group: string }>;
    const authIndex = credentials.find((credential) => credential.group === 'fakeai')!.authIndex;
    const answer = await call('POST', '/api-call', { auth_index: authIndex, method: 'post', url: 'https://quota.example/v1/usage', header: { Authorization: 'Bearer $TOKEN$' }, data: '{"q":1}' });
    expect(answer.body).toEqual({ status_code: 201, header: { 'content-type': ['application/json'], 'x-quota': ['left'] }, body: '{"quota":"ok"}' });
    expect(outbound).toEqual([{ url: 'https://quota.example/v1/usage', method: 'POST', authorization: 'Bearer sk-upstream-reference-0001', body: '{"q":1}' }]);
    expect((await call('POST', '/api-call', { auth_index: 'nope', method: 'GET', url: 'https://quota.example/', header: { Authorization: 'Bearer $TOKEN$' } })).body.error).toMatch(/^auth token not found/);
    expect((await call('POST', '/api-call', { method: 'GET', url: 'file:///etc/passwd' })).status).toBe(400);
    expect((await call('POST', '/api-call', { url: 'https://quota.example/' })).status).toBe(400);
    expect(outbound).toHaveLength(1);
  });

  it('GET /model-definitions/:channel lists a provider\'s built-in models; an unknown channel is 400', async () => {
    const claude = (await call('GET', '/model-definitions/claude')).body;
    expect(claude.channel).toBe('claude');
    expect(claude.models.length).toBeGreaterThan(0);
    expect(claude.models[0]).toMatchObject({ id: expect.stringMatching(/^claude-/), object: 'model', owned_by: 'claude', type: 'claude' });
    const unknown = await call('GET', '/model-definitions/nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown channel', channel: 'nope' });
  });

  it('plugins are an empty list, reset-quota answers ok, request-error-logs an empty list', async () => {
    expect((await call('GET', '/plugins')).body).toEqual({ plugins: [] });
    expect((await call('POST', '/reset-quota')).body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/request-error-logs')).body).toEqual({ files: [] });
  });

  it('/auth-files: upload raw JSON and multipart, list with the reference fields, download, fields, delete', async () => {
    const account = { type: 'claude', email: 'ref@example.com', access_token: 'at-ref-0001', refresh_token: 'rt-ref-0001', expired: '2099-01-01T00:00:00Z' };
    expect((await call('POST', '/auth-files?name=claude-ref%40example.com.json', account)).body).toEqual({ status: 'ok' });
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify({ ...account, email: 'two@example.com' })], { type: 'application/json' }), 'claude-two@example.com.json');
    const multipart = await fetch(`${proxy.url}/v0/management/auth-files`, { method: 'POST', headers: { authorization: `Bearer ${MANAGEMENT_KEY}` }, body: form });
    expect(await multipart.json()).toEqual({ status: 'ok', uploaded: 1, files: ['claude-two@example.com.json'] });
    const authDir = path.join(proxy.dir, 'auth');
    expect(JSON.parse(readFileSync(path.join(authDir, 'claude-ref@example.com.json'), 'utf8'))).toEqual(account);
    expect((await call('POST', '/auth-files?name=../escape.json', account)).status).toBe(400);
    expect((await call('POST', '/auth-files?name=bad.json', '[1]')).status).toBe(400);

    let files: Array<Record<string, unknown>> = [];
    for (let tries = 0; tries < 200 && files.length < 2; tries++) files = (await call('GET', '/auth-files')).body.files;
    expect(files.map((entry) => entry.name).sort()).toEqual(['claude-ref@example.com.json', 'claude-two@example.com.json']);
    expect(files[0]).toMatchObject({ status_message: '', runtime_only: false, source: 'file', unavailable: false });

    const download = await fetch(`${proxy.url}/v0/management/auth-files/download?name=claude-ref%40example.com.json`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="claude-ref@example.com.json"');
    expect(await download.json()).toEqual(account);

    expect((await call('PATCH', '/auth-files/fields', { name: 'claude-ref@example.com.json', note: 'team A', priority: 3 })).body).toEqual({ status: 'ok' });
    expect(JSON.parse(readFileSync(path.join(authDir, 'claude-ref@example.com.json'), 'utf8'))).toEqual({ ...account, note: 'team A', priority: 3 });
    expect((await call('GET', '/auth-files/models?name=missing.json')).body).toEqual({ models: [] });
    expect((await call('DELETE', '/auth-files?name=claude-two%40example.com.json')).body).toEqual({ status: 'ok' });
  });

  it('GET /management.html serves static/management.html beside the config; 404 without it or with disable-control-panel', async () => {
    expect((await fetch(`${proxy.url}/management.html`)).status).toBe(404);
    mkdirSync(path.join(proxy.dir, 'static'), { recursive: true });
    writeFileSync(path.join(proxy.dir, 'static', 'management.html'), '<html>panel</html>');
    const page = await fetch(`${proxy.url}/management.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<html>panel</html>');
    await call('PATCH', '/config', { values: { 'remote-management.disable-control-panel': true } });
    expect((await fetch(`${proxy.url}/management.html`)).status).toBe(404);
  });
});
