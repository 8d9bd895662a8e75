import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, Type } from '@google/genai';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView, ModelListsResponse } from '../../src/server/management/contract.js';
import { startFakeClaudeCode, type FakeClaudeCode } from '../../src/testing/index.js';
import { authDir, browserLogin, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Claude Code subscriptions end to end: login (browser, pasted, refused), token refresh, quota, two accounts.
let fake: FakeClaudeCode;
let proxy: TestProxy;
const config = (endpoints: FakeClaudeCode['endpoints']) =>
  configWith(`oauth-endpoints:
  claude:
${Object.entries(endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`);
const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });

/** An account file as CLIProxyAPI writes it, with a token the fake issued. */
function seedAccount(email: string, options: { expiresInMs?: number } = {}) {
  const issued = fake.oauth.issue();
  writeAuthFile(proxy, `claude-${email}.json`, {
    type: 'claude',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    email,
    account_uuid: `uuid-${email}`,
    last_refresh: new Date().toISOString(),
    expired: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
  });
  return issued;
}

beforeAll(async () => {
  fake = await startFakeClaudeCode();
  proxy = await startTestProxy(config(fake.endpoints));
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

describe('Claude Code login', () => {
  it('browser flow: PKCE authorize, callback on a local port, token exchange, a private auth file, models served', async () => {
    const { login, page } = await browserLogin(proxy, fake.oauth, { provider: 'claude-code', callbackPort: 0 });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in');
    expect(login).toMatchObject({ status: 'done', provider: 'claude', account: { label: 'claude-user@example.com', file: 'claude-claude-user@example.com.json' } });

    const authorize = fake.oauth.requests.find((request) => request.path === '/oauth/authorize')!;
    expect(authorize.query).toMatchObject({ client_id: '9d1c250a-e61b-44d9-88ed-5944d1962f5e', code_challenge_method: 'S256', code: 'true' });
    expect(authorize.query.scope).toContain('user:inference');
    const exchange = fake.oauth.requests.find((request) => request.path === '/v1/oauth/token')!;
    expect(exchange.encoding).toBe('json');
    expect(exchange.body.grant_type).toBe('authorization_code');

    const file = path.join(authDir(proxy), login.account!.file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(authDir(proxy)).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ type: 'claude', email: 'claude-user@example.com', account_uuid: fake.account.accountUuid, organization_name: fake.account.organizationName });
    expect(saved.access_token).toMatch(/^at-/);
    expect(Date.parse(saved.expired)).toBeGreaterThan(Date.now());

    const models = await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json();
    expect(models.data.map((model: { id: string }) => model.id)).toContain('claude-sonnet-4-6');
    const [account] = await accounts();
    expect(account).toMatchObject({ provider: 'claude', providerName: 'Claude Code', state: 'active', email: 'claude-user@example.com' });
    // Tokens and the authorization code never reach management answers or the log.
    const views = JSON.stringify([account, login, (await management(proxy, 'GET', '/auth-files')).body]);
    for (const secret of [saved.access_token, saved.refresh_token, exchange.body.code, exchange.body.code_verifier]) {
      expect(views).not.toContain(secret);
      expect(proxy.logs.join('\n')).not.toContain(secret);
    }
  });

  it('manual flow: the pasted code#state from Anthropic’s page finishes the login; a wrong state or a replay is refused', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'claude', flow: 'manual' })).body;
    expect(started.flow).toBe('manual');
    expect(started.callbackUrl).toBe('https://platform.claude.com/oauth/code/callback');
    expect(started.message).toMatch(/copy it and paste it here/);
    const redirect = new URL(await fake.oauth.approve(started.url));
    const code = redirect.searchParams.get('code')!;
    const state = redirect.searchParams.get('state')!;

    const wrong = await management(proxy, 'POST', `/logins/${started.id}/callback`, { url: `${code}#not-the-state` });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toMatch(/state does not match/);
    expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('waiting');

    const done = await management<LoginView>(proxy, 'POST', `/logins/${started.id}/callback`, { url: `${code}#${state}` });
    expect(done.body).toMatchObject({ status: 'done', account: { label: 'claude-user@example.com' } });
    const replay = await management(proxy, 'POST', `/logins/${started.id}/callback`, { url: `${code}#${state}` });
    expect(replay.status).toBe(409);
  });

  it('refusing access at the vendor ends the login with access_denied and a next step', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'claude', callbackPort: 0 })).body;
    const callback = await fake.oauth.approve(started.url, { deny: true });
    const page = await fetch(callback);
    expect(page.status).toBe(400);
    const view = (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body;
    expect(view).toMatchObject({ status: 'error', error: { code: 'access_denied' } });
    expect(view.error!.nextStep).toMatch(/again/);
  });

  it('a callback port in use: the login listens on another port and says so (Anthropic accepts any localhost port)', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'claude', callbackPort: port })).body;
      expect(started.flow).toBe('browser');
      expect(started.message).toContain(`Port ${port} is in use`);
      expect(new URL(started.callbackUrl!).port).not.toBe(String(port));
      expect(started.tunnelCommand).toMatch(/^ssh -L \d+:127\.0\.0\.1:\d+ /);
      await management(proxy, 'DELETE', `/logins/${started.id}`);
    } finally {
      blocker.close();
    }
  });

  it('refuses to write into an auth-dir other users can read, naming the chmod fix', async () => {
    const dir = authDir(proxy);
    const { chmodSync } = await import('node:fs');
    chmodSync(dir, 0o755);
    try {
      const { login } = await browserLogin(proxy, fake.oauth, { provider: 'claude', callbackPort: 0 });
      expect(login.status).toBe('error');
      expect(login.error!.message).toContain(`chmod 700 "${dir}"`);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('Claude Code requests', () => {
  it('the Anthropic SDK reaches the subscription with the Bearer token, the OAuth beta and ?beta=true', async () => {
    const issued = seedAccount('sdk@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const message = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    const [request] = fake.apiRequests();
    expect(request.headers.authorization).toBe(`Bearer ${issued.accessToken}`);
    expect(request.headers['anthropic-beta']).toContain('oauth-2025-04-20');
    expect(request.headers['x-api-key']).toBeUndefined();
    expect((request.body as { system: Array<{ text: string }> }).system[0].text).toMatch(/^You are Claude Code/);
  });

  it('an OpenAI client gets a non-stream answer although the upstream streamed; headers fill the quota', async () => {
    seedAccount('openai@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    expect(completion.choices[0].finish_reason).toBe('stop');
    const [request] = fake.apiRequests();
    expect((request.body as { stream: boolean }).stream).toBe(true);
    const system = (request.body as { system: Array<{ text: string }> }).system;
    expect(system.map((block) => block.text)).toEqual(["You are Claude Code, Anthropic's official CLI for Claude.", 'Be brief.']);
    const [account] = await accounts();
    expect(account.quota.source).toBe('headers');
    expect(account.quota.buckets.find((bucket) => bucket.id === 'five_hour')).toMatchObject({ remainingFraction: 0.75 });
  });

  it('refreshes a token that is about to expire before using it, and writes the new token back', async () => {
    const old = seedAccount('expiring@example.com', { expiresInMs: 20_000 });
    await eventually(accounts, (list) => list.length === 1);
    await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    const refresh = fake.oauth.requests.find((request) => request.body.grant_type === 'refresh_token');
    expect(refresh?.body).toMatchObject({ refresh_token: old.refreshToken, client_id: '9d1c250a-e61b-44d9-88ed-5944d1962f5e' });
    const [request] = fake.apiRequests();
    expect(request.headers.authorization).not.toBe(`Bearer ${old.accessToken}`);
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), 'claude-expiring@example.com.json'), 'utf8'));
    expect(`Bearer ${saved.access_token}`).toBe(request.headers.authorization);
    expect(saved.refresh_token).toBe(old.refreshToken);
    const [account] = await accounts();
    expect(account.token.lastRefresh).toMatchObject({ ok: true });
  });

  it('background refresh runs ahead of expiry by the provider lead (4 h for Claude)', async () => {
    const old = seedAccount('lead@example.com', { expiresInMs: 2 * 3_600_000 });
    await eventually(accounts, (list) => list.length === 1);
    await proxy.proxy.accounts.tick();
    const [account] = await accounts();
    expect(account.token.lastRefresh).toMatchObject({ ok: true });
    expect(Date.parse(account.token.expiresAt!)).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    expect(fake.oauth.requests.some((request) => request.body.refresh_token === old.refreshToken)).toBe(true);
  });

  it('an upstream 401 refreshes once and retries with the new token', async () => {
    const old = seedAccount('revoked-access@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.oauth.invalidateAccessToken(old.accessToken);
    const message = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text' });
    const tokens = fake.apiRequests().map((request) => request.headers.authorization);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(`Bearer ${old.accessToken}`);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('invalid_grant marks the account as needing a new login, once, visible in management and the error', async () => {
    const old = seedAccount('dead@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.oauth.invalidateAccessToken(old.accessToken);
    fake.oauth.revokeRefreshTokens();
    const first = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: InstanceType<typeof Anthropic.APIError>) => error);
    expect(first).toBeInstanceOf(Anthropic.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toMatch(/Log in again/);
    expect(proxy.logs.some((line) => /needs a new login/.test(line))).toBe(true);

    const refreshesBefore = fake.oauth.requests.filter((request) => request.body.grant_type === 'refresh_token').length;
    const second = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: InstanceType<typeof Anthropic.APIError>) => error);
    expect(second).toBeInstanceOf(Anthropic.APIError);
    // The account cools for 30 minutes after the rejected token (no second refresh is tried meanwhile).
    expect((second as InstanceType<typeof Anthropic.APIError>).status).toBe(429);
    expect(String((second as Error).message)).toMatch(
      /"All 1 credential\(s\) for model \\"claude-sonnet-4-6\\" are cooling down: claude dead@example\.com until \S+ \(key rejected\)\. The first is available again in 1800s; retry then, or add another account\."/,
    );
    expect(fake.oauth.requests.filter((request) => request.body.grant_type === 'refresh_token').length).toBe(refreshesBefore);

    // The troubleshooting page names it and its one-click fix starts the login.
    const check = (await management(proxy, 'POST', '/diagnostics/account-logins/run')).body;
    expect(check).toMatchObject({ status: 'fail', fix: { id: 'relogin', label: 'Log in again' } });
    expect(check.summary).toContain('dead@example.com');
    const fixed = (await management(proxy, 'POST', '/diagnostics/account-logins/fix')).body;
    expect(fixed.ok).toBe(true);
    expect(fixed.link.url.startsWith(`${fake.endpoints.authorize}?`)).toBe(true);
  });

  it('two accounts: a rejected 5-hour window cools that whole account and moves traffic to the other', async () => {
    const first = seedAccount('a@example.com');
    const second = seedAccount('b@example.com');
    await eventually(accounts, (list) => list.length === 2);
    fake.limit(first.accessToken);
    for (let index = 0; index < 3; index++) {
      const message = await anthropic().messages.create({ model: 'claude-opus-4-7', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content[0]).toMatchObject({ type: 'text' });
    }
    const used = fake.apiRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(3);
    expect(used.filter((value) => value === `Bearer ${first.accessToken}`).length).toBeLessThanOrEqual(1);
    const limited = (await accounts()).find((account) => account.email === 'a@example.com')!;
    expect(limited.state).toBe('cooling');
    expect(limited.cooldowns[0]).toMatchObject({ model: '*', reason: 'quota', status: 429 });
    expect(Date.parse(limited.cooldowns[0].until)).toBeGreaterThan(Date.now() + 2 * 3_600_000);
    const state = await management(proxy, 'GET', `/credentials/${encodeURIComponent(limited.id)}/state`);
    expect(state.body.cooldowns[0].message).toMatch(/5-hour limit/);
    fake.clearLimit(first.accessToken);
  });

  it('quota from the vendor’s usage endpoint, per window with reset times', async () => {
    seedAccount('quota@example.com');
    const [account] = await eventually(accounts, (list) => list.length === 1);
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota.source).toBe('vendor');
    expect(quota.buckets).toEqual([
      expect.objectContaining({ id: 'five_hour', remainingFraction: 0.75, resetsAt: new Date(fake.usage.fiveHourResetsAt).toISOString() }),
      expect.objectContaining({ id: 'seven_day', remainingFraction: 0.9 }),
    ]);
  });

  it('a second file for the same account: the newest token wins, and the older file is reported as a copy', async () => {
    const older = fake.oauth.issue();
    writeAuthFile(proxy, 'claude-copy-old.json', { type: 'claude', access_token: older.accessToken, refresh_token: older.refreshToken, email: 'same@example.com', account_uuid: 'uuid-same', expired: new Date(Date.now() + 3_600_000).toISOString() });
    const newer = fake.oauth.issue();
    writeAuthFile(proxy, 'claude-copy-new.json', { type: 'claude', access_token: newer.accessToken, refresh_token: newer.refreshToken, email: 'same@example.com', account_uuid: 'uuid-same', expired: new Date(Date.now() + 7_200_000).toISOString() });
    await eventually(async () => (await management(proxy, 'GET', '/auth-files')).body.files, (files: Array<{ name: string; statusMessage: string }>) =>
      files.some((file) => file.name === 'claude-copy-old.json' && /older copy/.test(file.statusMessage)),
    );
    const list = await accounts();
    expect(list.map((account) => account.file)).toEqual(['claude-copy-new.json']);
    await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(fake.apiRequests()[0].headers.authorization).toBe(`Bearer ${newer.accessToken}`);
    await management(proxy, 'DELETE', '/auth-files?name=claude-copy-old.json');
  });
});

describe('Claude models for Codex CLI users (oauth-model-alias on the claude channel)', () => {
  it('a forked alias is listed and routes a Responses request (Codex CLI’s dialect) to the subscription', async () => {
    const aliased = await startTestProxy(`${config(fake.endpoints)}oauth-model-alias:
  claude:
    - { name: "claude-opus-4-7", alias: "opus", fork: true }
`);
    try {
      const issued = fake.oauth.issue();
      writeAuthFile(aliased, 'claude-codex-user@example.com.json', { type: 'claude', access_token: issued.accessToken, refresh_token: issued.refreshToken, email: 'codex-user@example.com', expired: new Date(Date.now() + 3_600_000).toISOString() });
      await eventually(async () => (await management<{ accounts: AccountView[] }>(aliased, 'GET', '/accounts')).body.accounts, (list) => list.length === 1);
      const models = (await (await fetch(`${aliased.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()).data.map((model: { id: string }) => model.id);
      expect(models).toEqual(expect.arrayContaining(['opus', 'claude-opus-4-7']));
      const client = new OpenAI({ baseURL: `${aliased.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
      const response = await client.responses.create({ model: 'opus', input: 'hi', store: false });
      expect(response.output_text).toBe('Hello from the fake upstream.');
      const sent = fake.apiRequests().at(-1)!;
      expect((sent.body as { model: string }).model).toBe('claude-opus-4-7');
    } finally {
      await aliased.close();
    }
  });
});

describe('other dialects on a Claude Code subscription, with tools', () => {
  let toolFake: FakeClaudeCode;
  let toolProxy: TestProxy;
  beforeAll(async () => {
    toolFake = await startFakeClaudeCode({ tools: true });
    toolProxy = await startTestProxy(config(toolFake.endpoints));
    const issued = toolFake.oauth.issue();
    writeAuthFile(toolProxy, 'claude-tools@example.com.json', { type: 'claude', access_token: issued.accessToken, refresh_token: issued.refreshToken, email: 'tools@example.com', expired: new Date(Date.now() + 3_600_000).toISOString() });
    await eventually(async () => (await management<{ accounts: AccountView[] }>(toolProxy, 'GET', '/accounts')).body.accounts, (list) => list.length === 1);
  });
  afterAll(async () => {
    await toolProxy?.close();
    await toolFake?.close();
  });

  it('OpenAI SDK, streaming: the tool call arrives as OpenAI tool_calls deltas with a finish reason', async () => {
    const client = new OpenAI({ baseURL: `${toolProxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'claude-sonnet-4-6',
      stream: true,
      messages: [{ role: 'user', content: 'what is the weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
    });
    let name = '';
    let args = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.function?.name) name = call.function.name;
      if (call?.function?.arguments) args += call.function.arguments;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual(expect.any(Object));
    expect(finish).toBe('tool_calls');
    const sent = toolFake.apiRequests().at(-1)!.body as { tools: Array<{ name: string }>; system: Array<{ text: string }> };
    expect(sent.tools.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(sent.system[0].text).toMatch(/^You are Claude Code/);
  });

  it('Gemini SDK: generateContent gets the function call back, with usage', async () => {
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: toolProxy.url } });
    const response = await google.models.generateContent({
      model: 'claude-sonnet-4-6',
      contents: 'what is the weather in Paris?',
      config: { tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] } }] }] },
    });
    expect(response.functionCalls?.[0]?.name).toBe('get_weather');
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    expect((toolFake.apiRequests().at(-1)!.body as { stream: boolean }).stream).toBe(true);
  });
});

describe('live model list of a Claude Code account', () => {
  it('Claude Code\'s default model is served once the account\'s list names it (Bearer token, OAuth beta, ?beta=true)', async () => {
    const issued = seedAccount('live@example.com');
    await eventually(accounts, (list) => list.length === 1);
    // Before the lookup the id is not listed (family pass-through would still forward it; listing is the live list's job).
    const listed = async () => ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
    expect(await listed()).not.toContain('claude-opus-4-8');
    fake.upstream.listedModels = ['claude-opus-4-8', 'claude-haiku-4-5'];
    try {
      const { body } = await management<ModelListsResponse>(proxy, 'POST', '/model-lists/refresh');
      expect(body.lists).toEqual([expect.objectContaining({ group: 'claude', label: 'live@example.com', ok: true, models: ['claude-opus-4-8', 'claude-haiku-4-5'] })]);
      const lookup = fake.upstream.requests.find((request) => request.path === '/v1/models')!;
      expect(lookup.headers.authorization).toBe(`Bearer ${issued.accessToken}`);
      expect(lookup.query.beta).toBe('true');
      const answer = await anthropic().messages.create({ model: 'claude-opus-4-8', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });
      expect(answer.content[0]).toMatchObject({ type: 'text' });
      expect(fake.apiRequests().at(-1)?.body).toMatchObject({ model: 'claude-opus-4-8' });
      expect(await listed()).toContain('claude-opus-4-8');
    } finally {
      fake.upstream.listedModels = undefined;
    }
  });
});
