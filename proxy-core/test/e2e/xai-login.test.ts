import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView } from '../../src/server/management/contract.js';
import { createTestClock, fakeIdToken, startFakeXai, type FakeXai, type RecordedRequest } from '../../src/testing/index.js';
import { authDir, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// xAI (Grok) subscriptions against the fake xAI: device login via OIDC discovery, refresh and revoked refresh, the four
// client dialects (non-stream and stream, with a tool round trip) on the Grok CLI proxy, and failover between accounts.
const XAI_CLIENT_ID = 'b1a00492-073a-47ea-816f-4c329264a828';
const TEXT = 'Grok subscription says hello.';
const MODEL = 'grok-4.5';
const clock = createTestClock({ hold: (ms) => ms >= 5000 });
let fake: FakeXai;
let proxy: TestProxy;
let seeded = 0;

const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const tokenRequests = () => fake.oauth.requests.filter((request) => request.path === '/oauth2/token');
const body = (request: RecordedRequest) => request.body as Record<string, any>;

/** An `xai-<email>.json` as CLIProxyAPI writes it, with tokens the fake issued; waits until the proxy lists it. */
async function seedAccount(options: { expiresInMs?: number } = {}) {
  const email = `seeded${++seeded}@example.com`;
  const issued = fake.seed(email);
  writeAuthFile(proxy, `xai-${email}.json`, {
    type: 'xai',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    id_token: fakeIdToken(email),
    token_type: 'Bearer',
    expires_in: 3600,
    expired: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
    last_refresh: new Date().toISOString(),
    email,
    sub: `user-seeded${seeded}`,
    base_url: 'https://api.x.ai/v1',
    token_endpoint: fake.oauth.endpoints.token,
    auth_kind: 'oauth',
  });
  await eventually(accounts, (list) => list.some((account) => account.file === `xai-${email}.json`));
  return { ...issued, file: `xai-${email}.json`, email };
}

beforeAll(async () => {
  fake = await startFakeXai({ text: TEXT });
  proxy = await startTestProxy(
    configWith(`oauth-endpoints:
  xai:
    discovery: "${fake.endpoints.discovery}"
    api: "${fake.endpoints.api}"
`),
    { deps: { clock } },
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

describe('xAI login and tokens', () => {
  it('is listed among the login providers with a device flow', async () => {
    const listed = (await management<{ providers: Array<{ id: string; flows: string[] }> }>(proxy, 'GET', '/login-providers')).body.providers;
    expect(listed.find((provider) => provider.id === 'xai')).toMatchObject({ id: 'xai', flows: ['device'] });
  });

  it('device login (as "grok"): discovery, form calls with the Grok CLI client and scopes, then xai-<email>.json in the reference shape', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'grok', flow: 'device' })).body;
    expect(started).toMatchObject({ provider: 'xai', flow: 'device', status: 'waiting' });
    expect(started.url).toBe(`https://accounts.x.ai/device?user_code=${started.userCode}`);
    expect(fake.upstream.requests.filter((request) => request.path === '/.well-known/openid-configuration')).toHaveLength(1);
    const [device] = fake.oauth.requests.filter((request) => request.path === '/oauth2/device/code');
    expect(device.body).toEqual({ client_id: XAI_CLIENT_ID, scope: 'openid profile email offline_access grok-cli:access api:access' });
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    fake.oauth.approveDevice(started.userCode!);
    clock.advance(5000);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done.status, JSON.stringify(done)).toBe('done');
    const [poll] = tokenRequests();
    expect(poll.body).toMatchObject({ client_id: XAI_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });

    const [account] = await accounts();
    expect(account.file).toBe('xai-grok.user@example.com.json');
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), account.file), 'utf8'));
    expect(file).toMatchObject({ type: 'xai', token_type: 'Bearer', email: 'grok.user@example.com', sub: 'user-grok.user', base_url: 'https://api.x.ai/v1', token_endpoint: fake.oauth.endpoints.token, auth_kind: 'oauth', expires_in: 3600 });
    expect(file.id_token).toBe(fakeIdToken('grok.user@example.com'));

    const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    const [sent] = fake.responsesRequests();
    expect(sent.headers).toMatchObject({ authorization: `Bearer ${file.access_token}`, 'x-xai-token-auth': 'xai-grok-cli', 'x-grok-client-version': '0.2.120', 'user-agent': 'xai-grok-workspace/0.2.120', 'x-grok-client-identifier': 'grok-shell', 'x-authenticateresponse': 'authenticate-response' });
    expect(body(sent).model).toBe(MODEL);
  });

  it('the reference’s /xai-auth-url starts the same device login; get-auth-status follows it', async () => {
    const started = (await management<{ status: string; url: string; state: string }>(proxy, 'GET', '/xai-auth-url?is_webui=true')).body;
    expect(started).toMatchObject({ status: 'ok', url: expect.stringMatching(/^https:\/\/accounts\.x\.ai\/device\?user_code=\S+$/) });
    expect((await management<{ status: string }>(proxy, 'GET', `/get-auth-status?state=${started.state}`)).body).toEqual({ status: 'wait' });
    await management(proxy, 'DELETE', `/logins/${started.state}`);
  });

  it('refreshes 5 min before expiry at the account’s token endpoint and saves the rotated tokens', async () => {
    const old = await seedAccount({ expiresInMs: 4 * 60_000 });
    await proxy.proxy.accounts.tick();
    await eventually(accounts, (list) => list[0]?.token.lastRefresh?.ok === true);
    const [refresh] = tokenRequests();
    expect(refresh.body).toEqual({ grant_type: 'refresh_token', client_id: XAI_CLIENT_ID, refresh_token: old.refreshToken });
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), old.file), 'utf8'));
    expect(file.refresh_token).not.toBe(old.refreshToken);
    expect(file.access_token).not.toBe(old.accessToken);
    expect(file).toMatchObject({ type: 'xai', email: old.email, auth_kind: 'oauth' });
  });

  it('a revoked refresh token: the account needs a new login, with one refresh attempt (no loop)', async () => {
    const old = await seedAccount();
    fake.oauth.invalidateAccessToken(old.accessToken);
    fake.oauth.revokeRefreshTokens();
    const error = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toMatch(/^Log in again: /);
    const second = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: Error) => caught);
    expect(second).toBeInstanceOf(OpenAI.APIError);
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('xAI accounts in every client dialect (the Grok CLI proxy’s Responses API)', () => {
  const chatTool = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };
  const claudeTools = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
  const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
  const responsesTools = [{ type: 'function' as const, name: 'read_file', description: 'Read a file', strict: false, parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
  const expectAllOnGrokProxy = (count: number) => expect(fake.responsesRequests().map((request) => [request.headers['x-xai-token-auth'], body(request).model])).toEqual(Array.from({ length: count }, () => ['xai-grok-cli', MODEL]));

  it('OpenAI Chat SDK: non-stream text, stream, and a tool round trip', async () => {
    await seedAccount();
    expect((await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })).choices[0].message.content).toBe(TEXT);
    let streamed = '';
    for await (const chunk of await openai().chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] })) streamed += chunk.choices[0]?.delta?.content ?? '';
    expect(streamed).toBe(TEXT);
    const first = await openai().chat.completions.create({ model: MODEL, tools: [chatTool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('read_file');
    let text = '';
    for await (const chunk of await openai().chat.completions.create({
      model: MODEL,
      stream: true,
      tools: [chatTool],
      messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    }))
      text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('file contents here');
    expectAllOnGrokProxy(4);
  });

  it('Anthropic SDK: non-stream text, stream, and a tool_use round trip', async () => {
    await seedAccount();
    const hello = await anthropic().messages.create({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] });
    expect(hello.content).toEqual([expect.objectContaining({ type: 'text', text: TEXT })]);
    const first = await anthropic().messages.create({ model: MODEL, max_tokens: 2000, tools: claudeTools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    const final = await anthropic()
      .messages.stream({ model: MODEL, max_tokens: 2000, tools: claudeTools, messages: [{ role: 'user', content: 'read it' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'file contents here' }] }] })
      .finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
    expectAllOnGrokProxy(3);
  });

  it('Gemini SDK: non-stream text, function call, then the function response streamed', async () => {
    await seedAccount();
    expect((await google().models.generateContent({ model: MODEL, contents: 'hi' })).text).toBe(TEXT);
    const first = await google().models.generateContent({ model: MODEL, contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    let text = '';
    for await (const chunk of await google().models.generateContentStream({
      model: MODEL,
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [{ role: 'user', parts: [{ text: 'read it' }] }, { role: 'model', parts: [{ functionCall: call! }] }, { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] }],
    }))
      text += chunk.text ?? '';
    expect(text).toContain('file contents here');
    expectAllOnGrokProxy(3);
  });

  it('OpenAI Responses SDK: non-stream text, function call, then its output streamed', async () => {
    await seedAccount();
    expect((await openai().responses.create({ model: MODEL, input: 'hi' })).output_text).toBe(TEXT);
    const first = await openai().responses.create({ model: MODEL, tools: responsesTools, input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && call.name).toBe('read_file');
    const stream = await openai().responses.create({
      model: MODEL,
      stream: true,
      tools: responsesTools,
      input: [{ role: 'user', content: 'read it' }, ...first.output.filter((item) => item.type === 'function_call'), { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' }] as OpenAI.Responses.ResponseInput,
    });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toContain('file contents here');
    expectAllOnGrokProxy(3);
  });

  it('429 on one account: the other account answers', async () => {
    const first = await seedAccount();
    const second = await seedAccount();
    fake.upstream.script({ path: '/v1/responses', apiKey: first.accessToken }, { kind: 'json', status: 429, headers: { 'retry-after': '600' }, body: { code: 'Too many requests', error: 'Rate limit reached' } });
    for (let turn = 0; turn < 2; turn++) {
      const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(TEXT);
    }
    const used = fake.responsesRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${first.accessToken}`)).toHaveLength(1);
    expect(used.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(2);
  });
});
