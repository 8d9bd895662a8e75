import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { eventually, management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// request-log: every request's client request, each upstream attempt's request and answer, and the client answer,
// in one redacted, owner-only file per request id; with it off, only failed requests (error-logs-max-files).

const ANSWER = 'Logged answer from the fake.';
let fake: FakeUpstream;
let proxy: TestProxy;
/** The accounts of the first test's two attempts (the selector's order depends on the credential ids). */
let firstKey = '';
let secondKey = '';

const config = (settings: string) =>
  configWith(`${settings}
routing:
  strategy: fill-first
model-prices:
  - { model: "upstream-*", input: 2, output: 10 }
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-key-aaaa-0001" }, { api-key: "sk-upstream-key-bbbb-0002" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`);

async function setConfig(settings: string): Promise<void> {
  writeFileSync(proxy.configPath, config(settings).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
  expect((await proxy.proxy.reload()).ok).toBe(true);
}

const logsDir = () => path.join(proxy.dir, 'logs');
const logFiles = () => readdirSync(logsDir()).filter((name) => name !== 'main.log' && !name.startsWith('main-')).sort();

async function download(route: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${proxy.url}/v0/management${route}`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

/** The request is finished on the proxy's side (its usage row exists) and its log file, if any, is written. */
async function settled(requestId: string): Promise<void> {
  await eventually(
    () => management<{ requests: Array<{ requestId: string }> }>(proxy, 'GET', '/usage/recent?limit=50'),
    (result) => result.body.requests.some((entry) => entry.requestId === requestId),
  );
  await proxy.proxy.requestLogIdle();
}

const client = () => new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });

beforeAll(async () => {
  fake = await startFakeUpstream({ text: ANSWER, usage: { input: 5, output: 4 } });
  proxy = await startTestProxy(config('request-log: true'));
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

afterEach(() => fake.reset());

describe('request-log: true', () => {
  it('writes one owner-only file per request with the client request, each attempt and both answers, keys masked', async () => {
    // The first key tried is rate-limited: the log shows both attempts, in order, and which account answered.
    fake.script({}, vendorError('openai', 429, 'Rate limit reached for requests'), { times: 1 });
    const { data, response } = await client().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'log me please' }], stream: true }).withResponse();
    let text = '';
    for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(ANSWER);
    const requestId = response.headers.get('x-request-id')!;
    await settled(requestId);

    const files = logFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^v1-chat-completions-\\d{4}-\\d{2}-\\d{2}T\\d{6}-${requestId}\\.log$`));
    expect(statSync(path.join(logsDir(), files[0])).mode & 0o777).toBe(0o600);
    expect(statSync(logsDir()).mode & 0o777).toBe(0o700);

    const { status, text: log, type } = await download(`/request-logs/by-id/${requestId}`);
    expect(status).toBe(200);
    expect(type).toBe('text/plain; charset=utf-8');
    const keyOrder = fake.requests.map((request) => request.apiKey!.slice(-4));
    expect(keyOrder.slice().sort()).toEqual(['0001', '0002']);
    [firstKey, secondKey] = keyOrder.map((digits) => `fakeai sk-u…${digits}`);
    const sections = log.split('\n').filter((line) => line.startsWith('=== '));
    expect(sections).toEqual([
      '=== REQUEST INFO ===',
      '=== CLIENT REQUEST ===',
      `=== UPSTREAM REQUEST 1 (${firstKey}) ===`,
      '=== UPSTREAM RESPONSE 1 ===',
      `=== UPSTREAM REQUEST 2 (${secondKey}) ===`,
      '=== UPSTREAM RESPONSE 2 ===',
      '=== CLIENT RESPONSE ===',
    ]);
    expect(log).toContain('"content":"log me please"');
    expect(log).toContain(`POST ${fake.url}/v1/chat/completions`);
    expect(log).toContain('"model":"upstream-chat"');
    expect(log).toContain('Rate limit reached for requests');
    expect(log).toContain('Status: 429');
    // The upstream's stream, from the tee, and the client's stream as written.
    expect(log.split('=== UPSTREAM RESPONSE 2 ===')[1]).toContain('data: ');
    expect(log.split('=== CLIENT RESPONSE ===')[1]).toContain('Logged answer');
    expect(log.split('=== CLIENT RESPONSE ===')[1]).toContain('data: [DONE]');
    // No key in full: the client key, both upstream keys.
    for (const secret of [CLIENT_KEY, 'sk-upstream-key-aaaa-0001', 'sk-upstream-key-bbbb-0002']) expect(log).not.toContain(secret);
    expect(log).toContain('authorization: Bearer sk-t…0001');

    const listed = await management<{ enabled: boolean; files: Array<{ name: string; requestId: string; kind: string }> }>(proxy, 'GET', '/request-logs');
    expect(listed.body.enabled).toBe(true);
    expect(listed.body.files.map((file) => [file.name, file.requestId, file.kind])).toEqual([[files[0], requestId, 'request']]);
    expect((await download(`/request-logs/files/${files[0]}`)).text).toBe(log);

    // The per-request row says which accounts were tried and why the first one was left.
    const rows = await management<{ requests: Array<{ requestId: string; tried: unknown[]; attempts: number }> }>(proxy, 'GET', `/usage/recent?requestId=${requestId}`);
    expect(rows.body.requests).toHaveLength(1);
    expect(rows.body.requests[0].tried).toEqual([
      { account: firstKey, credentialId: expect.any(String), outcome: 'failed', status: 429, reason: expect.stringContaining('Rate limit reached for requests') },
      { account: secondKey, credentialId: expect.any(String), outcome: 'served' },
    ]);
  });

  it('filters the per-request list and replays a logged request through the proxy', async () => {
    const { response } = await client().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'replay me' }] }).withResponse();
    const requestId = response.headers.get('x-request-id')!;
    await settled(requestId);
    type Rows = { requests: Array<{ requestId: string; status: number; requestedModel: string; tried?: Array<{ account: string; outcome: string }> }> };
    const ids = async (query: string) => (await management<Rows>(proxy, 'GET', `/usage/recent?${query}`)).body.requests.map((row) => row.requestId);
    expect(await ids(`requestId=${requestId}`)).toEqual([requestId]);
    // 5 input and 4 output tokens at $2 / $10 per million (model-prices), and the same in the usage summary.
    const [priced] = (await management<{ requests: Array<{ costUsd: number | null }> }>(proxy, 'GET', `/usage/recent?requestId=${requestId}`)).body.requests;
    expect(priced.costUsd).toBeCloseTo(0.00005, 12);
    const usage = await management<{ summary: { costUsd: number }; rows: Array<{ key: string; costUsd: number }> }>(proxy, 'GET', '/usage/report?groupBy=model');
    expect(usage.body.summary.costUsd).toBeGreaterThanOrEqual(0.00005);
    expect(usage.body.rows.find((row) => row.key === 'chat-model')!.costUsd).toBeCloseTo(usage.body.summary.costUsd, 12);
    expect(await ids('model=chat-model&provider=fakeai&status=success')).toContain(requestId);
    expect(await ids('model=upstream-chat')).toContain(requestId);
    expect(await ids('status=failure')).not.toContain(requestId);
    expect(await ids('provider=nobody')).toEqual([]);
    expect((await management(proxy, 'GET', '/usage/recent?status=sometimes')).status).toBe(400);
    // The key that got the 429 above is cooling down: it is listed as skipped, and the other one served.
    const [row] = (await management<Rows>(proxy, 'GET', `/usage/recent?requestId=${requestId}`)).body.requests;
    expect(row.tried?.map((entry) => [entry.account, entry.outcome])).toEqual([
      [firstKey, 'cooling'],
      [secondKey, 'served'],
    ]);

    const before = fake.requests.length;
    const replay = await management<{ requestId: string; status: number; body: string; contentType: string }>(proxy, 'POST', `/request-logs/by-id/${requestId}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body.status).toBe(200);
    expect(replay.body.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(replay.body.requestId).not.toBe(requestId);
    expect(JSON.parse(replay.body.body).choices[0].message.content).toBe(ANSWER);
    expect(fake.requests.length).toBe(before + 1);
    expect((fake.requests.at(-1)!.body as { messages: unknown }).messages).toEqual([{ role: 'user', content: 'replay me' }]);
    await settled(replay.body.requestId);
    expect((await download(`/request-logs/by-id/${replay.body.requestId}`)).text).toContain('x-cliproxy-replay-of: ' + requestId);
    expect((await management(proxy, 'POST', '/request-logs/by-id/00000000/replay')).status).toBe(404);
  });

  it('cuts bodies past request-log-body-limit-kb and keeps only request-log-max-files files', async () => {
    await setConfig('request-log: true\nrequest-log-body-limit-kb: 1\nrequest-log-max-files: 2');
    const long = 'x'.repeat(5000);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { response } = await client().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: `${index}${long}` }] }).withResponse();
      ids.push(response.headers.get('x-request-id')!);
      await settled(ids[index]);
    }
    const listed = await management<{ files: Array<{ requestId: string }> }>(proxy, 'GET', '/request-logs');
    expect(listed.body.files.map((file) => file.requestId).sort()).toEqual(ids.slice(1).sort());
    const log = (await download(`/request-logs/by-id/${ids[2]}`)).text;
    expect(log).toMatch(/\[… cut: \d+ more bytes of \d+ not kept \(request-log-body-limit-kb\)\]/);
    expect(log).not.toContain('x'.repeat(1100));
    expect((await download(`/request-logs/by-id/${ids[0]}`)).status).toBe(404);
  });
});

describe('request-log: false', () => {
  it('writes error-only logs for failed requests, keeping error-logs-max-files, and nothing for successes', async () => {
    await setConfig('request-log: false\nerror-logs-max-files: 2');
    const before = new Set(logFiles());
    const { response } = await client().chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'fine' }] }).withResponse();
    await settled(response.headers.get('x-request-id')!);
    expect(logFiles().filter((name) => !before.has(name))).toEqual([]);
    expect((await download(`/request-logs/by-id/${response.headers.get('x-request-id')}`)).status).toBe(404);

    fake.script({}, vendorError('openai', 400, "Invalid 'messages': bad shape for sk-upstream-key-aaaa-0001", { code: 'invalid_request_error' }));
    const failed: string[] = [];
    for (let index = 0; index < 3; index++) {
      const error = await client()
        .chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: `broken ${index}` }] })
        .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
      failed.push((error as InstanceType<typeof OpenAI.APIError>).headers!.get('x-request-id')!);
      await settled(failed[index]);
    }
    const errors = logFiles().filter((name) => name.startsWith('error-'));
    expect(errors).toHaveLength(2);
    expect(errors.every((name) => name.startsWith('error-v1-chat-completions-'))).toBe(true);
    expect(errors.map((name) => name.replace(/^.*-([0-9a-f]+)\.log$/, '$1')).sort()).toEqual(failed.slice(1).sort());
    const log = (await download(`/request-logs/by-id/${failed[2]}`)).text;
    expect(log).toContain('Capture: error only (request-log: false)');
    expect(log).toContain('"content":"broken 2"');
    expect(log).toContain('Status: 400');
    expect(log).toContain("Invalid 'messages': bad shape for sk-u…0001");
    expect(log).not.toContain('sk-upstream-key-aaaa-0001');
    // The client's error answer as sent.
    expect(log.split('=== CLIENT RESPONSE ===')[1]).toContain('"error"');
  });

  it('writes nothing at all with error-logs-max-files: 0', async () => {
    await setConfig('request-log: false\nerror-logs-max-files: 0');
    const before = logFiles();
    fake.script({}, vendorError('openai', 400, 'nope', { code: 'invalid_request_error' }));
    const error = (await client()
      .chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    await settled(error.headers!.get('x-request-id')!);
    expect(logFiles()).toEqual(before);
  });
});
