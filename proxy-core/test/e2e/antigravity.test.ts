import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView, ModelListsResponse } from '../../src/server/management/contract.js';
import { startFakeAntigravity, type FakeAntigravity } from '../../src/testing/index.js';
import { authDir, browserLogin, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Antigravity subscriptions end to end: login with project discovery, the envelope extras, always-stream models,
// daily → prod fallback, 429 reasons across two accounts, refresh timing and quota.
let fake: FakeAntigravity;
let proxy: TestProxy;
const CLIENT_ID = '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com';
const EMAIL = 'google-user@example.com';

const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const calls = () => [...fake.daily.generateRequests().map((request) => ({ host: 'daily', request })), ...fake.prod.generateRequests().map((request) => ({ host: 'prod', request }))].sort((a, b) => a.request.receivedAt - b.request.receivedAt || a.request.id - b.request.id);
const envelope = (request: { body: unknown }) => request.body as { model: string; project: string; userAgent: string; requestType: string; requestId: string; request: Record<string, any> };
const ask = (model = 'claude-sonnet-4-6', text = 'hi') => anthropic().messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: text }] });

/** An `antigravity-<email>.json` as CLIProxyAPI writes it, with a token the fake issued. */
function seedAccount(email: string, options: { expiresInMs?: number; project?: string } = {}) {
  const issued = fake.google.oauth.issue();
  const expiresInMs = options.expiresInMs ?? 3_600_000;
  const timestamp = Date.now() - (3_600_000 - expiresInMs);
  writeAuthFile(proxy, `antigravity-${email}.json`, {
    type: 'antigravity',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: 3599,
    timestamp,
    expired: new Date(Date.now() + expiresInMs).toISOString(),
    email,
    project_id: options.project ?? 'auto-project-4821',
  });
  return { ...issued, file: `antigravity-${email}.json` };
}

beforeAll(async () => {
  fake = await startFakeAntigravity({ tools: true });
  proxy = await startTestProxy(
    configWith(`routing:
  strategy: fill-first
oauth-endpoints:
  antigravity:
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
  for (const host of [fake.daily, fake.prod]) {
    host.upstream.requests.length = 0;
    host.clearFailures();
  }
  fake.google.oauth.requests.length = 0;
  Object.assign(fake.daily.state.user, { project: undefined, tier: 'free-tier' });
});

describe('Antigravity login', () => {
  it('a new account: Antigravity’s client and scopes, loadCodeAssist on prod, onboardUser on the daily host posted until done', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'agy', callbackPort: 0 })).body;
    const authorize = new URL(started.url);
    expect(authorize.pathname).toBe('/o/oauth2/v2/auth');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: CLIENT_ID, access_type: 'offline', prompt: 'consent', response_type: 'code' });
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['https://www.googleapis.com/auth/cclog', 'https://www.googleapis.com/auth/experimentsandconfigs', 'https://www.googleapis.com/auth/cloud-platform']));
    expect(started.callbackUrl).toMatch(/^http:\/\/localhost:\d+\/oauth-callback$/);
    const page = fetch(await fake.google.oauth.approve(started.url));
    const during = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => /Setting up Antigravity/.test(view.message));
    expect(during.status).toBe('exchanging');
    expect((await page).status).toBe(200);
    const login = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status === 'done');
    expect(login.account).toMatchObject({ label: EMAIL, file: `antigravity-${EMAIL}.json` });

    const exchange = fake.google.oauth.requests.find((request) => request.body.grant_type === 'authorization_code')!;
    expect(exchange).toMatchObject({ encoding: 'form', body: { client_id: CLIENT_ID, client_secret: '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' } });
    const load = fake.prod.upstream.requests.find((request) => request.path === '/v1internal:loadCodeAssist')!;
    expect(load.body).toEqual({ metadata: { ideType: 'ANTIGRAVITY' } });
    const onboards = fake.daily.upstream.requests.filter((request) => request.path === '/v1internal:onboardUser');
    expect(onboards).toHaveLength(2);
    expect(onboards[0].body).toEqual({ tier_id: 'free-tier', metadata: { ide_type: 'ANTIGRAVITY', ide_version: '2.9.1', ide_name: 'antigravity' } });
    expect(onboards[0].headers).toMatchObject({ 'user-agent': 'antigravity/hub/2.9.1 darwin/arm64 google-api-nodejs-client/10.3.0', 'x-goog-api-client': 'gl-node/22.21.1' });

    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), login.account!.file), 'utf8'));
    expect(saved).toMatchObject({ type: 'antigravity', email: EMAIL, project_id: 'auto-project-4821', expires_in: 3599 });
    expect(saved.refresh_token).toMatch(/^rt-/);
    expect(Math.abs(saved.timestamp - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(saved.expired) - saved.timestamp).toBe(3_599_000);
  });

  it('an account with a project already: loadCodeAssist answers it, no onboarding', async () => {
    Object.assign(fake.daily.state.user, { project: 'proj-existing', tier: 'standard-tier' });
    fake.daily.state.projects.add('proj-existing');
    const { login } = await browserLogin(proxy, fake.google.oauth, { provider: 'antigravity', callbackPort: 0 });
    expect(login.status).toBe('done');
    expect(fake.daily.upstream.requests.some((request) => request.path === '/v1internal:onboardUser')).toBe(false);
    expect(JSON.parse(readFileSync(path.join(authDir(proxy), login.account!.file), 'utf8')).project_id).toBe('proj-existing');
  });
});

describe('Antigravity requests', () => {
  it('Anthropic SDK, non-stream, on a Claude model: streamed upstream and collected; the envelope carries Antigravity’s extras', async () => {
    const issued = seedAccount('a@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const message = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1000, system: 'Be brief.', messages: [{ role: 'user', content: 'hello there' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(message.stop_reason).toBe('end_turn');
    const [{ host, request }] = calls();
    expect(host).toBe('daily');
    expect(request).toMatchObject({ path: '/v1internal:streamGenerateContent', query: { alt: 'sse' } });
    expect(request.headers).toMatchObject({ authorization: `Bearer ${issued.accessToken}`, 'user-agent': 'antigravity/hub/2.9.1 darwin/arm64' });
    const sent = envelope(request);
    expect(sent).toMatchObject({ model: 'claude-sonnet-4-6', userAgent: 'antigravity', requestType: 'agent', project: 'auto-project-4821' });
    expect(sent.requestId).toMatch(/^agent-[0-9a-f-]{36}$/);
    expect(sent.request.sessionId).toMatch(/^-\d+$/);
    expect(sent.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'VALIDATED' } });
    expect(sent.request.generationConfig.maxOutputTokens).toBe(1000);
    expect(sent.request).not.toHaveProperty('safetySettings');
    expect(sent.request.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });

    // The same first user text → the same session; another conversation → another one.
    await ask('claude-sonnet-4-6', 'hello there');
    await ask('claude-sonnet-4-6', 'something else');
    const sessions = calls().map(({ request }) => envelope(request).request.sessionId);
    expect(sessions[1]).toBe(sessions[0]);
    expect(sessions[2]).not.toBe(sessions[0]);

    // Claude keeps its output limit, capped to what the model allows.
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100_000, messages: [{ role: 'user', content: 'long answer' }] }),
    });
    expect(response.status).toBe(200);
    expect(envelope(calls().at(-1)!.request).request.generationConfig.maxOutputTokens).toBe(64_000);
  });

  it('Anthropic SDK stream and tool use on a Claude model', async () => {
    seedAccount('a@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const stream = anthropic().messages.stream({ model: 'claude-opus-4-6-thinking', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(text).toBe('Hello from the fake upstream.');
    expect(final.stop_reason).toBe('end_turn');

    const tools: Anthropic.Tool[] = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, tools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use).toMatchObject({ type: 'tool_use', name: 'read_file' });
    expect(use!.type === 'tool_use' && use!.input).toHaveProperty('path');
    expect(envelope(calls().at(-1)!.request).request.toolConfig.functionCallingConfig.mode).toBe('VALIDATED');
    const second = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      tools,
      messages: [
        { role: 'user', content: 'read it' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use!.type === 'tool_use' ? use!.id : '', content: 'file body' }] },
      ],
    });
    expect(second.content[0]).toMatchObject({ type: 'text', text: 'Tool said: file body' });
  });

  it('a Gemini model is not forced to stream, and loses maxOutputTokens (Antigravity refuses it for Gemini)', async () => {
    seedAccount('a@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const message = await ask('gemini-3-flash');
    expect(message.content[0]).toMatchObject({ type: 'text' });
    const [{ request }] = calls();
    expect(request.path).toBe('/v1internal:generateContent');
    expect(envelope(request).request.generationConfig ?? {}).not.toHaveProperty('maxOutputTokens');
    expect(envelope(request).request).not.toHaveProperty('toolConfig');
  });

  it('daily host without capacity (503): the same account tries the prod host, with no cooldown', async () => {
    seedAccount('a@example.com');
    const [account] = await eventually(accounts, (list) => list.length === 1);
    fake.daily.fail({ kind: 'no-capacity' });
    const message = await ask();
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(calls().map(({ host }) => host)).toEqual(['daily', 'prod']);
    expect((await management(proxy, 'GET', `/credentials/${encodeURIComponent(account.id)}/state`)).body.cooldowns).toEqual([]);
  });
});

describe('Antigravity daily host unreachable', () => {
  it('a connection the daily host drops moves the same account to the prod host', async () => {
    seedAccount('a@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.daily.fail({ kind: 'drop' }, {}, 5);
    const message = await ask();
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(calls().map(({ host }) => host).at(-1)).toBe('prod');
  });
});

describe('Antigravity rate limits with two accounts', () => {
  const seedTwo = async () => {
    const a = seedAccount('a@example.com');
    const b = seedAccount('b@example.com');
    const list = await eventually(accounts, (items) => items.length === 2);
    return { a, b, idOf: (email: string) => list.find((account) => account.email === email)!.id };
  };
  const tokensUsed = () => calls().map(({ host, request }) => `${host}:${request.headers.authorization}`);

  it('RATE_LIMIT_EXCEEDED with a retry delay under 3 s: waits and retries the same account; the other is not used', async () => {
    const { a, b, idOf } = await seedTwo();
    fake.daily.fail({ kind: 'rate-limit', retryDelay: '0.2s' }, { token: a.accessToken });
    fake.prod.fail({ kind: 'rate-limit', retryDelay: '0.2s' }, { token: a.accessToken });
    const started = Date.now();
    const message = await ask();
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(tokensUsed()).toEqual([`daily:Bearer ${a.accessToken}`, `prod:Bearer ${a.accessToken}`, `daily:Bearer ${a.accessToken}`]);
    expect(tokensUsed().some((used) => used.endsWith(b.accessToken))).toBe(false);
    expect((await management(proxy, 'GET', `/credentials/${encodeURIComponent(idOf('a@example.com'))}/state`)).body.cooldowns).toEqual([]);
  });

  it('QUOTA_EXHAUSTED: this model cools on that account (the state says why) and the other account answers', async () => {
    const { a, b, idOf } = await seedTwo();
    fake.daily.fail({ kind: 'quota-exhausted', retryDelay: '7200s' }, { token: a.accessToken, model: 'claude-sonnet-4-6' }, 5);
    fake.prod.fail({ kind: 'quota-exhausted', retryDelay: '7200s' }, { token: a.accessToken, model: 'claude-sonnet-4-6' }, 5);
    for (let index = 0; index < 2; index++) expect((await ask()).content[0]).toMatchObject({ type: 'text' });
    expect(tokensUsed()).toEqual([`daily:Bearer ${a.accessToken}`, `prod:Bearer ${a.accessToken}`, `daily:Bearer ${b.accessToken}`, `daily:Bearer ${b.accessToken}`]);
    const state = (await management(proxy, 'GET', `/credentials/${encodeURIComponent(idOf('a@example.com'))}/state`)).body;
    expect(state.cooldowns).toHaveLength(1);
    expect(state.cooldowns[0]).toMatchObject({ model: 'claude-sonnet-4-6', reason: 'quota', status: 429 });
    expect(state.cooldowns[0].message).toMatch(/quota exhausted \(QUOTA_EXHAUSTED\)/);
    expect(Date.parse(state.cooldowns[0].until)).toBeGreaterThan(Date.now() + 7_000_000);
    // Other models of that account are still served.
    expect((await ask('gemini-3-flash')).content[0]).toMatchObject({ type: 'text' });
    expect(tokensUsed().at(-1)).toBe(`daily:Bearer ${a.accessToken}`);
  });

  it('RATE_LIMIT_EXCEEDED with a longer delay (30 s): a short cooldown on that account and the other answers', async () => {
    const { a, b, idOf } = await seedTwo();
    fake.daily.fail({ kind: 'rate-limit', retryDelay: '30s' }, { token: a.accessToken });
    fake.prod.fail({ kind: 'rate-limit', retryDelay: '30s' }, { token: a.accessToken });
    expect((await ask()).content[0]).toMatchObject({ type: 'text' });
    expect(tokensUsed()).toEqual([`daily:Bearer ${a.accessToken}`, `prod:Bearer ${a.accessToken}`, `daily:Bearer ${b.accessToken}`]);
    const [cooldown] = (await management(proxy, 'GET', `/credentials/${encodeURIComponent(idOf('a@example.com'))}/state`)).body.cooldowns;
    expect(cooldown.message).toMatch(/RATE_LIMIT_EXCEEDED.*short cooldown of 30s/);
    expect(cooldown.secondsLeft).toBeGreaterThan(25);
    expect(cooldown.secondsLeft).toBeLessThanOrEqual(30);
  });
});

describe('Antigravity tokens and quota', () => {
  it('refreshes before use when less than 50 minutes are left, as the Go client does, and 5 minutes ahead in the background', async () => {
    const old = seedAccount('a@example.com', { expiresInMs: 40 * 60_000 });
    await eventually(accounts, (list) => list.length === 1);
    await ask('gemini-3-flash');
    const refresh = fake.google.oauth.requests.find((request) => request.body.grant_type === 'refresh_token')!;
    expect(refresh).toMatchObject({ encoding: 'form', headers: { 'user-agent': 'Go-http-client/2.0' }, body: { refresh_token: old.refreshToken, client_id: CLIENT_ID, client_secret: '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' } });
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), old.file), 'utf8'));
    expect(calls()[0].request.headers.authorization).toBe(`Bearer ${saved.access_token}`);
    expect(saved).toMatchObject({ refresh_token: old.refreshToken, project_id: 'auto-project-4821', expires_in: 3599 });

    const soon = seedAccount('b@example.com', { expiresInMs: 4 * 60_000 });
    await eventually(accounts, (list) => list.length === 2);
    await proxy.proxy.accounts.tick();
    expect(fake.google.oauth.requests.some((request) => request.body.refresh_token === soon.refreshToken)).toBe(true);
  });

  it('quota: the summary windows and each model’s remaining share (internal model ids skipped)', async () => {
    seedAccount('a@example.com');
    const [account] = await eventually(accounts, (list) => list.length === 1);
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota).toMatchObject({ source: 'vendor', error: null });
    expect(quota.buckets).toEqual([
      expect.objectContaining({ id: 'claude-weekly', label: 'Claude models: Weekly', remainingFraction: 0.4, unit: 'weekly' }),
      expect.objectContaining({ id: 'model/claude-sonnet-4-6', label: 'Claude Sonnet 4.6 (Thinking)', remainingFraction: 0.4, models: ['claude-sonnet-4-6'] }),
      expect.objectContaining({ id: 'model/gemini-3-flash', remainingFraction: 1 }),
    ]);
    const summary = fake.daily.upstream.requests.find((request) => request.path === '/v1internal:retrieveUserQuotaSummary')!;
    expect(summary.body).toEqual({ project: 'auto-project-4821' });
    expect(summary.headers['user-agent']).toBe('antigravity/cli/1.0.13 (aidev_client; os_type=darwin; arch=arm64)');
  });
});

describe('live model list of an Antigravity account', () => {
  it('a model fetchAvailableModels starts naming is served after a refresh; internal ids are not', async () => {
    seedAccount(EMAIL);
    await eventually(accounts, (list) => list.length === 1);
    const before = { ...fake.daily.quota.models };
    fake.daily.quota.models['claude-opus-4-8-thinking'] = { displayName: 'Claude Opus 4.8 (Thinking)', maxTokens: 200_000, maxOutputTokens: 64_000 };
    fake.daily.quota.models.chat_20706 = { displayName: 'internal', maxTokens: 1, maxOutputTokens: 1 };
    try {
      const { body } = await management<ModelListsResponse>(proxy, 'POST', '/model-lists/refresh');
      const list = body.lists.find((item) => item.group === 'antigravity')!;
      expect(list).toMatchObject({ ok: true });
      expect(list.models).toContain('claude-opus-4-8-thinking');
      expect(list.models).not.toContain('chat_20706');
      const lookup = fake.daily.upstream.requests.find((request) => request.path === '/v1internal:fetchAvailableModels')!;
      expect(lookup.body).toEqual({ project: 'auto-project-4821' });
      const answer = await ask('claude-opus-4-8-thinking');
      expect(answer.content.some((block) => block.type === 'text')).toBe(true);
      expect(envelope(calls().at(-1)!.request).model).toBe('claude-opus-4-8-thinking');
    } finally {
      for (const id of Object.keys(fake.daily.quota.models)) if (!(id in before)) delete fake.daily.quota.models[id];
    }
  });
});
