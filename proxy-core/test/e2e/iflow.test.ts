import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView } from '../../src/server/management/contract.js';
import { DEFAULT_FAKE_TEXT, startFakeIflow, type FakeIflow, type RecordedRequest } from '../../src/testing/index.js';
import { runCli } from '../../src/cli/main.js';
import { authDir, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { cliEnvironment } from './cli-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// iFlow subscriptions against the fake iFlow: browser login (API key from the user info), signed chat calls, the
// glm-4.7 406 retried without streaming, errors inside HTTP 200, each account's own model list, refresh, and the
// four client dialects with a tool round trip.
let fake: FakeIflow;
let proxy: TestProxy;
let seeded = 0;
const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const body = (request: RecordedRequest) => request.body as Record<string, any>;
const tokenRequests = () => fake.oauth.requests.filter((request) => request.path === '/oauth/token');

async function seedAccount(models?: string[], options: { expiresInMs?: number } = {}) {
  const issued = fake.seed({ email: `user${++seeded}@example.com`, ...(models ? { models } : {}) });
  const file = `iflow-${issued.account.email}-${1767225600 + seeded}.json`;
  writeAuthFile(proxy, file, {
    type: 'iflow',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    last_refresh: new Date().toISOString(),
    expired: new Date(Date.now() + (options.expiresInMs ?? 3 * 86_400_000)).toISOString(),
    api_key: issued.account.apiKey,
    email: issued.account.email,
    token_type: 'bearer',
    scope: 'read',
    cookie: '',
  });
  await eventually(accounts, (list) => list.some((account) => account.file === file));
  return { ...issued, file };
}

beforeAll(async () => {
  fake = await startFakeIflow();
  proxy = await startTestProxy(
    configWith(`oauth-endpoints:
  iflow:
${Object.entries(fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
afterEach(async () => {
  await deleteAllAccounts(proxy);
  fake.upstream.requests.length = 0;
  fake.oauth.requests.length = 0;
});

describe('iFlow login and tokens', () => {
  it('browser login: iflow.cn authorize parameters, code exchange with the client secret (form + Basic), API key from the user info', async () => {
    const started = await management<LoginView>(proxy, 'POST', '/logins', { provider: 'i-flow', callbackPort: 0 });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const authorize = new URL(started.body.url);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({ loginMethod: 'phone', type: 'phone', redirect: started.body.callbackUrl, state: expect.any(String), client_id: '10009311001' });
    expect(started.body.callbackUrl).toMatch(/^http:\/\/localhost:\d+\/oauth2callback$/);
    const page = await fetch(await fake.approve(started.body.url));
    expect(page.status).toBe(200);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.body.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done).toMatchObject({ status: 'done', account: { label: 'iflow-user@example.com' } });

    const [exchange] = tokenRequests();
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: started.body.callbackUrl, client_id: '10009311001', client_secret: '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW' });
    expect(exchange.headers.authorization).toBe(`Basic ${Buffer.from('10009311001:4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW').toString('base64')}`);
    const [account] = await accounts();
    expect(account.file).toMatch(/^iflow-iflow-user@example\.com-\d{10}\.json$/);
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), account.file), 'utf8'));
    expect(file).toMatchObject({ type: 'iflow', api_key: fake.account.apiKey, email: 'iflow-user@example.com', cookie: '' });

    // Chat calls use the API key with iFlow CLI's signed session headers (the fake checks the HMAC).
    const completion = await openai().chat.completions.create({ model: 'qwen3-coder-plus', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.chatRequests()[0].headers).toMatchObject({ authorization: `Bearer ${fake.account.apiKey}`, 'user-agent': 'iFlow-Cli' });
    expect(JSON.stringify(await accounts())).not.toContain(fake.account.apiKey);
  });

  it('refreshes 24 h before expiry (form + Basic) and fetches the API key again', async () => {
    const old = await seedAccount(undefined, { expiresInMs: 12 * 3_600_000 });
    await proxy.proxy.accounts.tick();
    await eventually(accounts, (list) => list[0]?.token.lastRefresh?.ok === true);
    expect(tokenRequests()[0].body).toMatchObject({ grant_type: 'refresh_token', refresh_token: old.refreshToken, client_secret: '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW' });
    expect(fake.upstream.requests.some((request) => request.path === '/api/oauth/getUserInfo')).toBe(true);
  });

  it('a revoked refresh token: the account needs a new login', async () => {
    await seedAccount(undefined, { expiresInMs: 12 * 3_600_000 });
    fake.oauth.revokeRefreshTokens();
    await proxy.proxy.accounts.tick();
    const [account] = await eventually(accounts, (list) => list[0]?.state === 'needs-relogin');
    expect(account.stateMessage).toMatch(/^Log in again: /);
  });
});

describe('iFlow cookie mode', () => {
  it('cliproxyctl import of {"cookie": "BXAuth=…"}: the key is named (GET) and rotated (POST), and the account answers', async () => {
    const { cookie, account } = fake.seedCookie({ email: 'cookie-user' });
    const home = mkdtempSync(path.join(os.tmpdir(), 'iflow-cookie-'));
    writeFileSync(path.join(home, 'iflow-cookie.json'), JSON.stringify({ cookie }));
    const configPath = path.join(home, 'config.yaml');
    writeFileSync(configPath, `auth-dir: "${authDir(proxy)}"\noauth-endpoints:\n  iflow:\n    apikey: "${fake.endpoints.apikey}"\n`);
    const { env, output } = cliEnvironment(home, ['import', path.join(home, 'iflow-cookie.json'), '--config', configPath, '--json']);
    expect(await runCli(env), output.stderr + output.stdout).toBe(0);
    const [imported] = JSON.parse(output.stdout).details.imported;
    expect(imported).toMatchObject({ provider: 'iflow', account: 'cookie-user' });
    const file = JSON.parse(readFileSync(imported.file, 'utf8'));
    expect(file).toMatchObject({ type: 'iflow', api_key: account.apiKey, email: 'cookie-user', cookie, refresh_token: '' });
    expect(Date.parse(file.expired)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const rotation = fake.upstream.requests.find((request) => request.path === '/api/openapi/apikey' && request.method === 'POST')!;
    expect(rotation.body).toEqual({ name: 'cookie-user' });
    expect(rotation.headers).toMatchObject({ origin: 'https://platform.iflow.cn', referer: 'https://platform.iflow.cn/' });
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({ model: 'qwen3-coder-plus', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
  });

  it('a cookie-mode file near its key’s expiry rotates the key with the cookie instead of needing a new login', async () => {
    const { cookie, account } = fake.seedCookie({ email: 'cookie-refresh' });
    const oldKey = account.apiKey;
    writeAuthFile(proxy, 'iflow-cookie-refresh-1767225600.json', { type: 'iflow', access_token: '', refresh_token: '', last_refresh: new Date().toISOString(), expired: new Date(Date.now() + 3_600_000).toISOString(), api_key: oldKey, email: 'cookie-refresh', token_type: '', scope: '', cookie });
    await eventually(accounts, (list) => list.length === 1);
    await proxy.proxy.accounts.tick();
    const [refreshed] = await eventually(accounts, (list) => list[0]?.token.lastRefresh?.ok === true);
    expect(refreshed.state).toBe('active');
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), 'iflow-cookie-refresh-1767225600.json'), 'utf8'));
    expect(file.api_key).toBe(account.apiKey);
    expect(file.api_key).not.toBe(oldKey);
    expect(file.cookie).toBe(cookie);
  });
});

describe('iFlow quirks', () => {
  it('glm-4.7 answers a stream with 406: retried once without streaming, and the client still gets its stream (Chat and Responses)', async () => {
    await seedAccount();
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'glm-4.7', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.chatRequests().map((request) => body(request).stream)).toEqual([true, false]);
    let responsesText = '';
    for await (const event of await openai().responses.create({ model: 'glm-4.7', stream: true, input: 'hi' })) if (event.type === 'response.output_text.delta') responsesText += event.delta;
    expect(responsesText).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.chatRequests().map((request) => body(request).stream)).toEqual([true, false, true, false]);
    const [account] = await accounts();
    expect(account.cooldowns).toEqual([]);
  });

  it('errors inside HTTP 200: a 429 status cools that account as quota and the other account answers; 439 cools a key as unauthorized', async () => {
    const first = await seedAccount();
    const second = await seedAccount();
    fake.businessError(first.account.apiKey, '429', 'rate limit exceeded', 5);
    for (let turn = 0; turn < 2; turn++) {
      const completion = await openai().chat.completions.create({ model: 'qwen3-coder-plus', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    }
    const used = fake.chatRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${first.account.apiKey}`)).toHaveLength(1);
    expect(used.filter((value) => value === `Bearer ${second.account.apiKey}`)).toHaveLength(2);
    expect((await accounts()).find((account) => account.file === first.file)!.cooldowns[0]).toMatchObject({ reason: 'quota', status: 429 });

    fake.businessError(second.account.apiKey, '439', 'token expired', 5);
    const error = (await openai().chat.completions.create({ model: 'qwen3-coder-plus', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((await accounts()).find((account) => account.file === second.file)!.cooldowns[0]).toMatchObject({ reason: 'unauthorized', status: 401, message: expect.stringContaining('iFlow error 439: token expired') });
  });

  it('each account’s live model list: an id only one account lists goes only to that account', async () => {
    const first = await seedAccount(['glm-4.7', 'qwen3-coder-plus']);
    const second = await seedAccount(['kimi-k2', 'qwen3-coder-plus']);
    const refreshed = await management<{ lists: Array<{ label: string; ok: boolean; models: string[] }> }>(proxy, 'POST', '/model-lists/refresh');
    expect(refreshed.body.lists.map((list) => [list.label, list.models]).sort()).toEqual([
      [first.account.email, ['glm-4.7', 'qwen3-coder-plus']],
      [second.account.email, ['kimi-k2', 'qwen3-coder-plus']],
    ]);
    const ids = ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    expect(ids).not.toContain('deepseek-r1');
    for (let turn = 0; turn < 3; turn++) await openai().chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'hi' }] });
    expect(fake.chatRequests().map((request) => request.headers.authorization)).toEqual(Array(3).fill(`Bearer ${second.account.apiKey}`));
  });
});

describe('iFlow in every client dialect (tool round trip)', () => {
  const chatTool = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };

  it('OpenAI Chat SDK and Responses SDK', async () => {
    await seedAccount();
    const first = await openai().chat.completions.create({ model: 'qwen3-coder-plus', tools: [chatTool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls![0];
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'qwen3-coder-plus', stream: true, tools: [chatTool], messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'file contents here' }] }))
      text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('file contents here');
    const tools = [{ type: 'function' as const, name: 'read_file', strict: false, parameters: chatTool.function.parameters }];
    const response = await openai().responses.create({ model: 'qwen3-coder-plus', tools, input: 'read it' });
    const fc = response.output.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
    const second = await openai().responses.create({ model: 'qwen3-coder-plus', tools, input: [{ role: 'user', content: 'read it' }, fc, { type: 'function_call_output', call_id: fc.call_id, output: 'file contents here' }] });
    expect(second.output_text).toContain('file contents here');
  });

  it('Anthropic SDK and Gemini SDK', async () => {
    await seedAccount();
    const tools = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model: 'qwen3-coder-plus', max_tokens: 200, tools, messages: [{ role: 'user', content: 'read it' }] });
    const use = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    const final = await anthropic().messages.stream({ model: 'qwen3-coder-plus', max_tokens: 200, tools, messages: [{ role: 'user', content: 'read it' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'file contents here' }] }] }).finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');

    const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const g1 = await google().models.generateContent({ model: 'qwen3-coder-plus', contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const fn = g1.functionCalls![0];
    let text = '';
    for await (const chunk of await google().models.generateContentStream({ model: 'qwen3-coder-plus', config: { tools: [{ functionDeclarations: [declaration] }] }, contents: [{ role: 'user', parts: [{ text: 'read it' }] }, { role: 'model', parts: [{ functionCall: fn }] }, { role: 'user', parts: [{ functionResponse: { id: fn.id, name: 'read_file', response: { output: 'file contents here' } } }] }] }))
      text += chunk.text ?? '';
    expect(text).toContain('file contents here');
  });
});
