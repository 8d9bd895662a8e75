import { GoogleGenAI } from '@google/genai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliEnvironment } from '../../src/cli/environment.js';
import { runCli } from '../../src/cli/main.js';
import { sshTarget } from '../../src/server/account-services.js';
import type { AccountView, LoginView, ModelListsResponse } from '../../src/server/management/contract.js';
import { startFakeGeminiCli, type FakeGeminiCli } from '../../src/testing/index.js';
import { authDir, browserLogin, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Gemini CLI subscriptions end to end: Google login with Code Assist set-up, tokens, the envelope, projects, quota.
let fake: FakeGeminiCli;
let proxy: TestProxy;
const CLIENT_ID = '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com';
const EMAIL = 'google-user@example.com';

const endpointsYaml = (endpoints: FakeGeminiCli['endpoints']) =>
  `oauth-endpoints:
  gemini-cli:
${Object.entries(endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`;
const config = (switchProject: boolean) =>
  configWith(`${endpointsYaml(fake.endpoints)}quota-exceeded:
  switch-project: ${switchProject}
  switch-preview-model: true
`);
const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const generateCalls = () => fake.codeAssist.generateRequests();
const bodyOf = (index = -1) => generateCalls().at(index)!.body as { model: string; project: string; request: Record<string, any> };

/** A `gemini-<email>-<project>.json` as CLIProxyAPI writes it, with a token the fake issued. */
function seedAccount(projects: string[], options: { expiresInMs?: number; email?: string } = {}) {
  const issued = fake.google.oauth.issue();
  const email = options.email ?? EMAIL;
  const name = projects.length > 1 ? `gemini-${email}-all.json` : `gemini-${email}-${projects[0]}.json`;
  writeAuthFile(proxy, name, {
    type: 'gemini',
    token: {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      refresh_token: issued.refreshToken,
      expiry: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
      token_uri: 'https://oauth2.googleapis.com/token',
      client_id: CLIENT_ID,
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      universe_domain: 'googleapis.com',
    },
    project_id: projects.join(','),
    email,
    auto: false,
    checked: true,
  });
  return { ...issued, file: name };
}

beforeAll(async () => {
  fake = await startFakeGeminiCli({ tools: true });
  proxy = await startTestProxy(config(true));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
afterEach(async () => {
  await deleteAllAccounts(proxy);
  fake.codeAssist.upstream.requests.length = 0;
  fake.google.oauth.requests.length = 0;
  fake.codeAssist.clearFailures();
  fake.codeAssist.releaseOnboarding();
  Object.assign(fake.codeAssist.state.user, { project: undefined, tier: 'free-tier' });
});

describe('Gemini CLI login', () => {
  it('a new account: Google login without PKCE, onboarding polled as an operation, progress shown while Google sets up the project', async () => {
    fake.codeAssist.holdOnboarding();
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'gemini', callbackPort: 0 })).body;
    const authorize = new URL(started.url);
    expect(authorize.pathname).toBe('/o/oauth2/auth');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: CLIENT_ID, access_type: 'offline', prompt: 'consent', response_type: 'code', redirect_uri: started.callbackUrl });
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(['https://www.googleapis.com/auth/cloud-platform', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/userinfo.profile']);
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(started.callbackUrl).toMatch(/^http:\/\/localhost:\d+\/oauth2callback$/);

    const page = fetch(await fake.google.oauth.approve(started.url));
    const during = await eventually(
      async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body,
      (view) => /waiting for Google to finish/.test(view.message),
    );
    expect(during).toMatchObject({ status: 'exchanging' });
    expect(during.message).toMatch(/^Setting up Gemini Code Assist/);
    fake.codeAssist.releaseOnboarding();
    expect((await page).status).toBe(200);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status === 'done');
    expect(done.account).toMatchObject({ label: EMAIL, file: `gemini-${EMAIL}-auto-project-4821.json` });

    const exchange = fake.google.oauth.requests.find((request) => request.body.grant_type === 'authorization_code')!;
    expect(exchange).toMatchObject({ encoding: 'form', body: { client_id: CLIENT_ID, client_secret: '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', redirect_uri: started.callbackUrl } });
    const onboard = fake.codeAssist.upstream.requests.find((request) => request.path === '/v1internal:onboardUser')!;
    expect(onboard.body).toEqual({ tierId: 'free-tier', metadata: { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' } });
    expect(fake.codeAssist.upstream.requests.some((request) => request.method === 'GET' && request.path === '/v1internal/operations/onboard-1')).toBe(true);

    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), done.account!.file), 'utf8'));
    expect(saved).toMatchObject({ type: 'gemini', email: EMAIL, project_id: 'auto-project-4821', auto: true, token: { token_type: 'Bearer', client_id: CLIENT_ID, token_uri: 'https://oauth2.googleapis.com/token' } });
    expect(saved.token.refresh_token).toMatch(/^rt-/);
    expect(Date.parse(saved.token.expiry)).toBeGreaterThan(Date.now());
    const models = await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json();
    expect(models.data.find((model: { id: string }) => model.id === 'gemini-2.5-pro')).toMatchObject({ owned_by: 'gemini-cli' });
  });

  it('an account that is set up already, with ALL projects: each from loadCodeAssist, no onboarding, one file, one credential per project', async () => {
    Object.assign(fake.codeAssist.state.user, { project: 'proj-alpha', tier: 'standard-tier' });
    const { login } = await browserLogin(proxy, fake.google.oauth, { provider: 'gemini-cli', callbackPort: 0, projectId: 'ALL' });
    expect(login).toMatchObject({ status: 'done', account: { file: `gemini-${EMAIL}-all.json` } });
    const loads = fake.codeAssist.upstream.requests.filter((request) => request.path === '/v1internal:loadCodeAssist').map((request) => (request.body as { cloudaicompanionProject: string }).cloudaicompanionProject);
    expect(loads).toEqual(['proj-alpha', 'proj-beta']);
    expect(fake.codeAssist.upstream.requests.some((request) => request.path === '/v1internal:onboardUser')).toBe(false);
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), login.account!.file), 'utf8'));
    expect(saved.project_id).toBe('proj-alpha,proj-beta');
    const [account] = await accounts();
    expect(account.projects).toEqual(['proj-alpha', 'proj-beta']);
    const credentials = (await management<{ credentials: Array<{ label: string }> }>(proxy, 'GET', '/credentials')).body.credentials.filter((item) => item.label.startsWith(EMAIL));
    expect(credentials.map((item) => item.label).sort()).toEqual([`${EMAIL} (proj-alpha)`, `${EMAIL} (proj-beta)`]);
  });

  it('callback port in use: an ephemeral port instead (Google accepts any loopback port), named in the view with the SSH tunnel command', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'gemini-cli', callbackPort: port })).body;
      expect(started.message).toContain(`Port ${port} is in use`);
      const callbackPort = new URL(started.callbackUrl!).port;
      expect(callbackPort).not.toBe(String(port));
      expect(new URL(started.url).searchParams.get('redirect_uri')).toBe(started.callbackUrl);
      expect(started.tunnelCommand).toBe(`ssh -L ${callbackPort}:127.0.0.1:${callbackPort} ${sshTarget()}`);
      const page = await fetch(await fake.google.oauth.approve(started.url));
      expect(page.status).toBe(200);
      expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('done');
    } finally {
      blocker.close();
    }
  });

  it('pasted callback address: a wrong state is refused and the login keeps waiting; the right one finishes it', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'gemini-cli', flow: 'manual' })).body;
    expect(started.callbackUrl).toBe('http://localhost:8085/oauth2callback');
    expect(started.message).toMatch(/copy that whole address/);
    const redirect = new URL(await fake.google.oauth.approve(started.url));
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'someone-elses-state');
    const wrong = await management(proxy, 'POST', `/logins/${started.id}/callback`, { url: forged.toString() });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toMatch(/state does not match/);
    expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('waiting');
    const done = await management<LoginView>(proxy, 'POST', `/logins/${started.id}/callback`, { url: redirect.toString() });
    expect(done.body).toMatchObject({ status: 'done', account: { label: EMAIL } });
  });
});

describe('Gemini CLI tokens', () => {
  it('refreshes lazily: no background refresh ahead of expiry, but a request refreshes an expiring token and writes it back into token{}', async () => {
    // Half an hour left: a Claude-style provider would refresh in the background now; Gemini CLI waits for a request.
    const early = seedAccount(['proj-alpha'], { expiresInMs: 30 * 60_000 });
    await eventually(accounts, (list) => list.length === 1);
    await proxy.proxy.accounts.tick();
    expect(fake.google.oauth.requests.some((request) => request.body.grant_type === 'refresh_token')).toBe(false);
    expect(JSON.parse(readFileSync(path.join(authDir(proxy), early.file), 'utf8')).token.access_token).toBe(early.accessToken);

    const old = seedAccount(['proj-alpha'], { expiresInMs: 20_000 });
    await eventually(accounts, (list) => list.length === 1 && Date.parse(list[0].token.expiresAt!) < Date.now() + 60_000);

    await openai().chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    const refresh = fake.google.oauth.requests.find((request) => request.body.grant_type === 'refresh_token');
    expect(refresh).toMatchObject({ encoding: 'form', body: { refresh_token: old.refreshToken, client_id: CLIENT_ID, client_secret: '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' } });
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), old.file), 'utf8'));
    expect(saved.token.access_token).not.toBe(old.accessToken);
    expect(saved.token.refresh_token).toBe(old.refreshToken);
    expect(saved.project_id).toBe('proj-alpha');
    expect(generateCalls()[0].headers.authorization).toBe(`Bearer ${saved.token.access_token}`);
  });

  it('an upstream 401 refreshes once and retries with the new token', async () => {
    const old = seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    fake.google.oauth.invalidateAccessToken(old.accessToken);
    const completion = await openai().chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    const tokens = generateCalls().map((request) => request.headers.authorization);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(`Bearer ${old.accessToken}`);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('invalid_grant: the account needs a new login, shown in management and the error', async () => {
    const old = seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    fake.google.oauth.invalidateAccessToken(old.accessToken);
    fake.google.oauth.revokeRefreshTokens();
    const error = await openai()
      .chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toMatch(/Log in again.*invalid_grant/);
  });
});

describe('Gemini CLI requests', () => {
  it('OpenAI SDK, non-stream and stream: the {model, project, request} envelope, Gemini CLI headers, {response} unwrapped', async () => {
    const issued = seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const [call] = generateCalls();
    expect(call.path).toBe('/v1internal:generateContent');
    expect(call.headers.authorization).toBe(`Bearer ${issued.accessToken}`);
    expect(call.headers['user-agent']).toMatch(/^GeminiCLI\/0\.34\.0\/gemini-2\.5-pro \(\w+; \w+; terminal\)$/);
    expect(call.headers['x-goog-api-client']).toBe('google-genai-sdk/1.41.0 gl-node/v22.19.0');
    expect(bodyOf()).toMatchObject({ model: 'gemini-2.5-pro', project: 'proj-alpha', request: { systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } });

    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'gemini-2.5-pro', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    expect(generateCalls().at(-1)).toMatchObject({ path: '/v1internal:streamGenerateContent', query: { alt: 'sse' } });
  });

  it('OpenAI SDK tool call and its result: the declaration goes as parametersJsonSchema, the call comes back as tool_calls', async () => {
    seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
    ];
    const first = await openai().chat.completions.create({ model: 'gemini-2.5-flash', tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call!.type === 'function' ? call!.function.arguments : '{}')).toHaveProperty('city');
    expect(bodyOf().request.tools[0].functionDeclarations[0]).toMatchObject({ name: 'get_weather', parametersJsonSchema: { type: 'object', required: ['city'] } });

    const second = await openai().chat.completions.create({
      model: 'gemini-2.5-flash',
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'sunny, 21 C' }],
    });
    expect(second.choices[0].message.content).toBe('Tool said: sunny, 21 C');
  });

  it('Gemini SDK passes through the envelope: the body inside request is the one the client sent', async () => {
    seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url, apiVersion: 'v1beta' } });
    const result = await google.models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi', config: { temperature: 0.2 } });
    expect(result.text).toBe('Hello from the fake upstream.');
    expect(bodyOf().request).toEqual({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { temperature: 0.2 } });
    let text = '';
    for await (const chunk of await google.models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe('Hello from the fake upstream.');

    const raw = { contents: [{ role: 'user', parts: [{ text: 'spacing   kept ✓' }] }], generationConfig: { topK: 7, responseMimeType: 'text/plain' }, safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }], customField: { nested: [1, 2] } };
    const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify(raw) });
    expect(response.status).toBe(200);
    expect(bodyOf()).toEqual({ model: 'gemini-2.5-pro', project: 'proj-alpha', request: raw });

    const counted = await google.models.countTokens({ model: 'gemini-2.5-pro', contents: 'count these words' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    const count = generateCalls().at(-1)!;
    expect(count.path).toBe('/v1internal:countTokens');
    expect(Object.keys(count.body as object)).toEqual(['request']);
  });

  it('seed quirks hold inside request: one camelCase includeThoughts (camelCase wins), no defer_loading, systemInstruction camelCase', async () => {
    seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    const raw = {
      system_instruction: { parts: [{ text: 'Be terse.' }] },
      contents: [{ parts: [{ text: 'search the docs' }] }],
      generationConfig: { thinkingConfig: { thinkingBudget: 1024, include_thoughts: true, includeThoughts: false } },
      tools: [{ googleSearch: { defer_loading: true } }, { functionDeclarations: [{ name: 'lookup', deferLoading: true, parameters: { type: 'OBJECT', properties: {} } }] }],
    };
    const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify(raw) });
    expect(response.status, await response.clone().text()).toBe(200);
    const sent = generateCalls().at(-1)!.rawBody.toString('utf8');
    expect(sent.match(/include_?thoughts/gi)).toEqual(['includeThoughts']);
    expect(sent).not.toMatch(/defer_?loading/i);
    expect(bodyOf().request).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be terse.' }] },
      contents: [{ role: 'user', parts: [{ text: 'search the docs' }] }],
      generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: false } },
      tools: [{ googleSearch: {} }, { functionDeclarations: [{ name: 'lookup', parameters: { type: 'OBJECT', properties: {} } }] }],
    });
    expect(bodyOf().request).not.toHaveProperty('system_instruction');
  });

  it('two projects with switch-project on: quota on one project moves the traffic to the other, and the state says why and until when', async () => {
    seedAccount(['proj-alpha', 'proj-beta']);
    await eventually(accounts, (list) => list.length === 1);
    fake.codeAssist.fail({ kind: 'resource-exhausted', quotaResetDelay: '1h0m0s' }, { project: 'proj-alpha' }, 10);
    for (let index = 0; index < 3; index++) {
      const completion = await openai().chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    }
    const projects = generateCalls().map((request) => (request.body as { project: string }).project);
    expect(projects.filter((project) => project === 'proj-beta')).toHaveLength(3);
    expect(projects.filter((project) => project === 'proj-alpha').length).toBeLessThanOrEqual(1);
    const credentials = (await management<{ credentials: Array<{ id: string; label: string }> }>(proxy, 'GET', '/credentials')).body.credentials;
    const alpha = credentials.find((item) => item.label === `${EMAIL} (proj-alpha)`)!;
    const state = (await management(proxy, 'GET', `/credentials/${encodeURIComponent(alpha.id)}/state`)).body;
    expect(state.cooldowns[0]).toMatchObject({ model: 'gemini-2.5-flash', reason: 'quota', status: 429 });
    expect(state.cooldowns[0].message).toMatch(/project proj-alpha/);
    expect(Date.parse(state.cooldowns[0].until)).toBeGreaterThan(Date.now() + 55 * 60_000);
  });

  it('switch-preview-model: every project out of quota for gemini-2.5-pro → one try on gemini-3-pro-preview, with a warning header', async () => {
    seedAccount(['proj-alpha', 'proj-beta']);
    await eventually(accounts, (list) => list.length === 1);
    fake.codeAssist.fail({ kind: 'resource-exhausted', retryDelay: '120s' }, { model: 'gemini-2.5-pro' }, 10);
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cliproxy-warning')).toMatch(/gemini-2\.5-pro is out of quota.*gemini-3-pro-preview/);
    expect((await response.json()).choices[0].message.content).toBe('Hello from the fake upstream.');
    expect(generateCalls().map((request) => (request.body as { model: string }).model)).toEqual(['gemini-2.5-pro', 'gemini-2.5-pro', 'gemini-3-pro-preview']);
  });

  it('switch-project off: only the first project of the account is used', async () => {
    writeFileSync(proxy.configPath, config(false).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
    expect((await proxy.proxy.reload()).ok).toBe(true);
    try {
      seedAccount(['proj-alpha', 'proj-beta']);
      await eventually(accounts, (list) => list.length === 1);
      const labels = async () => (await management<{ credentials: Array<{ label: string }> }>(proxy, 'GET', '/credentials')).body.credentials.map((item) => item.label);
      await eventually(labels, (list) => list.includes(`${EMAIL} (proj-alpha)`));
      expect((await labels()).filter((label) => label.startsWith(EMAIL))).toEqual([`${EMAIL} (proj-alpha)`]);
      // A model without a preview fallback, so the 429 reaches the client.
      fake.codeAssist.fail({ kind: 'resource-exhausted', retryDelay: '60s' }, { project: 'proj-alpha', model: 'gemini-3.1-pro-preview' }, 5);
      const error = await openai()
        .chat.completions.create({ model: 'gemini-3.1-pro-preview', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
      expect(error).toMatchObject({ status: 429 });
      expect(generateCalls().map((request) => (request.body as { project: string }).project)).toEqual(['proj-alpha']);
    } finally {
      writeFileSync(proxy.configPath, config(true).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
      await proxy.proxy.reload();
    }
  });

  it('quota resource: retrieveUserQuota for each project, one bucket per model with reset time', async () => {
    seedAccount(['proj-alpha']);
    const [account] = await eventually(accounts, (list) => list.length === 1);
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota).toMatchObject({ source: 'vendor', error: null });
    expect(quota.buckets).toEqual([
      expect.objectContaining({ id: 'gemini-2.5-pro/REQUESTS', label: 'gemini-2.5-pro (requests)', remainingFraction: 0.8, remaining: 80, models: ['gemini-2.5-pro'], resetsAt: fake.codeAssist.quota.buckets[0].resetTime }),
      expect.objectContaining({ id: 'gemini-2.5-flash/REQUESTS', remainingFraction: 0.95 }),
    ]);
    expect(fake.codeAssist.upstream.requests.find((request) => request.path === '/v1internal:retrieveUserQuota')!.body).toEqual({ project: 'proj-alpha' });
  });
});

describe('Gemini CLI import', () => {
  it('cliproxyctl import reads ~/.gemini/oauth_creds.json, asks Google who the account is and which project it uses', async () => {
    Object.assign(fake.codeAssist.state.user, { project: 'proj-beta', tier: 'standard-tier' });
    const home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-gemini-import-'));
    try {
      const issued = fake.google.oauth.issue();
      mkdirSync(path.join(home, '.gemini'), { recursive: true });
      writeFileSync(
        path.join(home, '.gemini', 'oauth_creds.json'),
        JSON.stringify({ access_token: issued.accessToken, refresh_token: issued.refreshToken, scope: 'https://www.googleapis.com/auth/cloud-platform', token_type: 'Bearer', id_token: 'eyJ.x.y', expiry_date: Date.now() + 3_000_000 }),
      );
      const configPath = path.join(home, 'config.yaml');
      writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${path.join(home, 'auth')}"\n${endpointsYaml(fake.endpoints)}`, { mode: 0o600 });
      let stdout = '';
      const environment: CliEnvironment = {
        argv: ['import', '--provider', 'gemini-cli', '--config', configPath, '--json'],
        env: { CLIPROXY_DATA_DIR: path.join(home, 'data') },
        cwd: home,
        home,
        platform: 'linux',
        stdout: (text) => (stdout += text),
        stderr: () => undefined,
        openUrl: async () => false,
        stdinLines: () => ({ lines: (async function* () {})(), close: () => undefined }),
      };
      expect(await runCli(environment), stdout).toBe(0);
      const file = path.join(home, 'auth', `gemini-${EMAIL}-proj-beta.json`);
      expect(JSON.parse(stdout).details.imported).toEqual([expect.objectContaining({ provider: 'gemini-cli', account: EMAIL, file })]);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved).toMatchObject({ type: 'gemini', email: EMAIL, project_id: 'proj-beta', token: { access_token: issued.accessToken, refresh_token: issued.refreshToken } });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('live model list of a Gemini CLI project', () => {
  it('a model the project quota starts naming is served after a refresh (retrieveUserQuota with the project)', async () => {
    seedAccount(['proj-alpha']);
    await eventually(accounts, (list) => list.length === 1);
    const before = [...fake.codeAssist.quota.buckets];
    fake.codeAssist.quota.buckets.push({ ...before[0], modelId: 'gemini-3.8-flash' });
    try {
      const { body } = await management<ModelListsResponse>(proxy, 'POST', '/model-lists/refresh');
      expect(body.lists).toEqual([expect.objectContaining({ group: 'gemini-cli', ok: true, models: expect.arrayContaining(['gemini-3.8-flash']) })]);
      const lookup = fake.codeAssist.upstream.requests.find((request) => request.path === '/v1internal:retrieveUserQuota')!;
      expect(lookup.body).toEqual({ project: 'proj-alpha' });
      const answer = await openai().chat.completions.create({ model: 'gemini-3.8-flash', messages: [{ role: 'user', content: 'hi' }] });
      expect(answer.choices[0].message.content).toBeTruthy();
      expect(bodyOf()).toMatchObject({ model: 'gemini-3.8-flash', project: 'proj-alpha' });
    } finally {
      fake.codeAssist.quota.buckets.splice(0, fake.codeAssist.quota.buckets.length, ...before);
    }
  });
});
