import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView, LogsResponse } from '../../src/server/management/contract.js';
import { createTestClock, DEFAULT_FAKE_TEXT, FAKE_KIMI_THOUGHT, startFakeKimi, type FakeKimi, type RecordedRequest } from '../../src/testing/index.js';
import { authDir, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Kimi Code subscriptions against the fake Kimi: device login, refresh and revoked refresh, the four client dialects
// with a tool round trip, K2 thinking in every dialect (including clients that drop the reasoning), failover between
// two accounts, usage, and request logs tagged with the provider (CPB-0823).
const KIMI_CLIENT_ID = '17e5f671-d194-4dfb-9706-5516cb48c098';
const clock = createTestClock({ hold: (ms) => ms >= 5000 });
let fake: FakeKimi;
let proxy: TestProxy;
let seeded = 0;

const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const tokenRequests = () => fake.oauth.requests.filter((request) => request.path === '/api/oauth/token');
const body = (request: RecordedRequest) => request.body as Record<string, any>;

/** A `kimi-<unix_ms>.json` as CLIProxyAPI writes it, with tokens the fake issued; waits until the proxy lists it. */
async function seedAccount(options: { expiresInMs?: number } = {}) {
  const issued = fake.seed();
  const timestamp = 1_767_225_600_000 + ++seeded;
  writeAuthFile(proxy, `kimi-${timestamp}.json`, {
    type: 'kimi',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    token_type: 'Bearer',
    scope: 'kimi-code',
    timestamp,
    expired: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
    device_id: `device-${timestamp}`,
  });
  await eventually(accounts, (list) => list.some((account) => account.file === `kimi-${timestamp}.json`));
  return { ...issued, file: `kimi-${timestamp}.json`, deviceId: `device-${timestamp}` };
}

beforeAll(async () => {
  fake = await startFakeKimi();
  proxy = await startTestProxy(
    configWith(`oauth-endpoints:
  kimi:
${Object.entries(fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
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

describe('Kimi login and tokens', () => {
  it('device login: form calls with the client id and X-Msh device headers, then kimi-<unix_ms>.json with a device id', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'moonshot', flow: 'device' })).body;
    expect(started).toMatchObject({ provider: 'kimi', flow: 'device', status: 'waiting', url: `https://www.kimi.com/code/authorize_device?user_code=${started.userCode}` });
    const [device] = fake.oauth.requests.filter((request) => request.path === '/api/oauth/device_authorization');
    expect(device.body).toEqual({ client_id: KIMI_CLIENT_ID });
    expect(device.headers).toMatchObject({ 'x-msh-platform': 'CLIProxyAPI', 'x-msh-version': '1.10.6' });
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    fake.oauth.approveDevice(started.userCode!);
    clock.advance(5000);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done.status, JSON.stringify(done)).toBe('done');
    const [poll] = tokenRequests();
    expect(poll.body).toMatchObject({ client_id: KIMI_CLIENT_ID, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
    expect(poll.headers['x-msh-device-id']).toBe(device.headers['x-msh-device-id']);

    const [account] = await accounts();
    expect(account.file).toMatch(/^kimi-\d{13}\.json$/);
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), account.file), 'utf8'));
    expect(file).toMatchObject({ type: 'kimi', token_type: 'Bearer', scope: 'kimi-code', timestamp: Number(account.file.slice(5, -5)), device_id: device.headers['x-msh-device-id'] });
    await openai().chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'hi' }] });
    expect(fake.chatRequests()[0].headers).toMatchObject({ 'user-agent': 'KimiCLI/1.10.6', 'x-msh-platform': 'kimi_cli', 'x-msh-device-id': file.device_id });
  });

  it('refreshes 5 min before expiry with the account’s device id', async () => {
    const old = await seedAccount({ expiresInMs: 4 * 60_000 });
    await proxy.proxy.accounts.tick();
    await eventually(accounts, (list) => list[0]?.token.lastRefresh?.ok === true);
    const [refresh] = tokenRequests();
    expect(refresh.body).toEqual({ client_id: KIMI_CLIENT_ID, grant_type: 'refresh_token', refresh_token: old.refreshToken });
    expect(refresh.headers['x-msh-device-id']).toBe(old.deviceId);
  });

  it('a revoked refresh token: the account needs a new login', async () => {
    const old = await seedAccount();
    fake.oauth.invalidateAccessToken(old.accessToken);
    fake.oauth.revokeRefreshTokens();
    const error = await openai().chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toMatch(/^Log in again: /);
  });

  it('usage from /v1/usages shows on the account', async () => {
    await seedAccount();
    await proxy.proxy.accounts.tick();
    const [account] = await eventually(accounts, (list) => list[0]?.quota.buckets.length === 1);
    expect(account.quota.buckets[0]).toMatchObject({ id: 'usage', label: 'Kimi Code usage', limit: 500, remaining: 380 });
  });
});

describe('Kimi models and failover', () => {
  it('catalogue ids map to Kimi Code’s (kimi-k2 → k2, kimi-k2.7-code → kimi-for-coding); the request log names the provider', async () => {
    await seedAccount();
    for (const model of ['kimi-k2', 'kimi-k2.7-code']) {
      const completion = await openai().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    }
    expect(fake.chatRequests().map((request) => body(request).model)).toEqual(['k2', 'kimi-for-coding']);
    const logs = (await management<LogsResponse>(proxy, 'GET', '/logs/entries?limit=50')).body;
    const lines = logs.entries.filter((entry) => entry.message.startsWith('POST /v1/chat/completions 200'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)!.fields).toMatchObject({ provider: 'kimi', model: 'kimi-k2.7-code' });
  });

  it('429 on one account: the other account answers', async () => {
    const first = await seedAccount();
    const second = await seedAccount();
    fake.upstream.script({ path: '/coding/v1/chat/completions', apiKey: first.accessToken }, { kind: 'json', status: 429, headers: { 'retry-after': '600' }, body: { error: { message: 'Rate limit reached', type: 'rate_limit_reached_error' } } });
    for (let turn = 0; turn < 2; turn++) {
      const completion = await openai().chat.completions.create({ model: 'kimi-k2', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    }
    const used = fake.chatRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${first.accessToken}`)).toHaveLength(1);
    expect(used.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(2);
  });
});

describe('Kimi in every client dialect: tool round trip on kimi-k2, and K2 thinking (kimi-k2-thinking)', () => {
  const chatTool = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };
  const claudeTools = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
  const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
  const responsesTools = [{ type: 'function' as const, name: 'read_file', description: 'Read a file', strict: false, parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
  /** The assistant tool-call turn Kimi received in the second request (its reasoning must be there). */
  const replayedToolTurn = () => (body(fake.chatRequests().at(-1)!).messages as Array<Record<string, any>>).find((message) => message.role === 'assistant' && message.tool_calls);

  it.each(['kimi-k2', 'kimi-k2-thinking'])('OpenAI Chat SDK (%s), non-stream then stream', async (model) => {
    await seedAccount();
    const first = await openai().chat.completions.create({ model, tools: [chatTool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('read_file');
    if (model === 'kimi-k2-thinking') expect((first.choices[0].message as unknown as { reasoning_content: string }).reasoning_content).toBe(FAKE_KIMI_THOUGHT);
    // A client that keeps only the tool calls (drops reasoning_content): Kimi still gets a reasoning on that turn.
    const stream = await openai().chat.completions.create({
      model,
      stream: true,
      tools: [chatTool],
      messages: [{ role: 'user', content: 'read it' }, { role: 'assistant', content: null, tool_calls: first.choices[0].message.tool_calls }, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('file contents here');
    expect(replayedToolTurn()?.reasoning_content).toBe('[reasoning unavailable]');
  });

  it.each(['kimi-k2', 'kimi-k2-thinking'])('Anthropic SDK (%s): thinking block, tool_use, then the tool_result turn streamed', async (model) => {
    await seedAccount();
    const first = await anthropic().messages.create({ model, max_tokens: 2000, tools: claudeTools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    if (model === 'kimi-k2-thinking') expect(first.content[0]).toMatchObject({ type: 'thinking', thinking: FAKE_KIMI_THOUGHT });
    const use = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    const final = await anthropic()
      .messages.stream({ model, max_tokens: 2000, tools: claudeTools, messages: [{ role: 'user', content: 'read it' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'file contents here' }] }] })
      .finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
    if (model === 'kimi-k2-thinking') expect(replayedToolTurn()?.reasoning_content).toBe(FAKE_KIMI_THOUGHT);
  });

  it.each(['kimi-k2', 'kimi-k2-thinking'])('Gemini SDK (%s): function call, then the function response streamed', async (model) => {
    await seedAccount();
    const first = await google().models.generateContent({ model, contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    if (model === 'kimi-k2-thinking') expect(first.candidates?.[0].content?.parts?.find((part) => part.thought)?.text).toBe(FAKE_KIMI_THOUGHT);
    let text = '';
    for await (const chunk of await google().models.generateContentStream({
      model,
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [{ role: 'user', parts: [{ text: 'read it' }] }, { role: 'model', parts: [{ functionCall: call! }] }, { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] }],
    }))
      text += chunk.text ?? '';
    expect(text).toContain('file contents here');
  });

  it.each(['kimi-k2', 'kimi-k2-thinking'])('OpenAI Responses SDK (%s): function call, then its output streamed', async (model) => {
    await seedAccount();
    const first = await openai().responses.create({ model, tools: responsesTools, input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && call.name).toBe('read_file');
    if (model === 'kimi-k2-thinking') expect(JSON.stringify(first.output.find((item) => item.type === 'reasoning'))).toContain(FAKE_KIMI_THOUGHT);
    const stream = await openai().responses.create({
      model,
      stream: true,
      tools: responsesTools,
      input: [{ role: 'user', content: 'read it' }, ...first.output.filter((item) => item.type === 'function_call' || item.type === 'reasoning'), { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' }] as OpenAI.Responses.ResponseInput,
    });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toContain('file contents here');
  });
});
