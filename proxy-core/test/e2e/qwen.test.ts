import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { AccountView, LoginView } from '../../src/server/management/contract.js';
import { createTestClock, DEFAULT_FAKE_TEXT, startFakeQwen, type FakeQwen, type RecordedRequest } from '../../src/testing/index.js';
import { authDir, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { cliEnvironment } from './cli-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Qwen Code subscriptions against the fake Qwen: device login with PKCE, the per-account resource URL, refresh and
// revoked refresh, the four client dialects with a tool round trip, and the daily-quota failover between accounts.
const QWEN_CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';
const clock = createTestClock({ hold: (ms) => ms >= 5000 });
let fake: FakeQwen;
let proxy: TestProxy;

const config = () =>
  configWith(`oauth-endpoints:
  qwen:
    deviceCode: "${fake.endpoints.deviceCode}"
    token: "${fake.endpoints.token}"
`);
const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const tokenRequests = () => fake.oauth.requests.filter((request) => request.path === '/api/v1/oauth2/token');
const body = (request: RecordedRequest) => request.body as Record<string, any>;

/** A `qwen-<alias>.json` as CLIProxyAPI writes it, with tokens the fake issued; waits until the proxy lists it. */
async function seedAccount(alias: string, options: { expiresInMs?: number } = {}) {
  const issued = fake.seed();
  writeAuthFile(proxy, `qwen-${alias}.json`, {
    type: 'qwen',
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    last_refresh: new Date().toISOString(),
    resource_url: fake.resourceUrl,
    email: alias,
    expired: new Date(Date.now() + (options.expiresInMs ?? 6 * 3_600_000)).toISOString(),
  });
  await eventually(accounts, (list) => list.some((account) => account.file === `qwen-${alias}.json`));
  return issued;
}

beforeAll(async () => {
  fake = await startFakeQwen();
  proxy = await startTestProxy(config(), { deps: { clock } });
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

describe('Qwen login', () => {
  it('is offered by /v0/management/login-providers as a device login', async () => {
    const { body: providers } = await management<{ providers: Array<{ id: string; flows: string[] }> }>(proxy, 'GET', '/login-providers');
    expect(providers.providers.find((provider) => provider.id === 'qwen')).toMatchObject({ id: 'qwen', flows: ['device'] });
  });

  it('device flow with PKCE: the challenge on device/code, the verifier on every poll, then qwen-<alias>.json with resource_url', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'qwen-code', flow: 'device' })).body;
    expect(started).toMatchObject({ flow: 'device', status: 'waiting', url: `https://chat.qwen.ai/authorize?user_code=${started.userCode}` });
    const [device] = fake.oauth.requests.filter((request) => request.path === '/api/v1/oauth2/device/code');
    expect(device.encoding).toBe('form');
    expect(device.body).toMatchObject({ client_id: QWEN_CLIENT_ID, scope: 'openid profile email model.completion', code_challenge_method: 'S256' });

    expect(await clock.waitForHeld(1)).toEqual([5000]);
    clock.advance(5000);
    await eventually(async () => tokenRequests().length, (count) => count === 1);
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    fake.oauth.approveDevice(started.userCode!);
    clock.advance(5000);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done.status, JSON.stringify(done)).toBe('done');

    const polls = tokenRequests();
    expect(polls).toHaveLength(2);
    for (const poll of polls) {
      expect(poll.body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: QWEN_CLIENT_ID });
      expect(createHash('sha256').update(poll.body.code_verifier).digest('base64url')).toBe(device.body.code_challenge);
    }
    const [account] = await accounts();
    expect(account.file).toMatch(/^qwen-[0-9a-f]{8}\.json$/);
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), account.file), 'utf8'));
    expect(file).toMatchObject({ type: 'qwen', resource_url: fake.resourceUrl, email: account.file.slice(5, -5) });
    expect(Object.keys(file).sort()).toEqual(['access_token', 'email', 'expired', 'last_refresh', 'refresh_token', 'resource_url', 'type']);

    // The account's requests go to its resource URL with the Qwen Code CLI's headers and one leading system message.
    const completion = await openai().chat.completions.create({ model: 'coder-model', messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'Be brief.' }] });
    expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    const [request] = fake.chatRequests();
    expect(request.headers).toMatchObject({ authorization: `Bearer ${file.access_token}`, 'user-agent': 'QwenCode/0.14.2 (darwin; arm64)', 'x-dashscope-authtype': 'qwen-oauth', 'x-dashscope-cachecontrol': 'enable' });
    expect(body(request).messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('cliproxyctl import reads the Qwen CLI’s ~/.qwen/oauth_creds.json', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'qwen-home-'));
    const issued = fake.seed();
    mkdirSync(path.join(home, '.qwen'));
    const expiry = Date.now() + 3 * 3_600_000 + 600_000;
    writeFileSync(path.join(home, '.qwen', 'oauth_creds.json'), JSON.stringify({ access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: 'Bearer', resource_url: fake.resourceUrl, expiry_date: expiry }));
    const configPath = path.join(home, 'config.yaml');
    writeFileSync(configPath, `auth-dir: "${authDir(proxy)}"\napi-keys: ["${CLIENT_KEY}"]\n`);
    const { env, output } = cliEnvironment(home, ['import', '--config', configPath, '--json']);
    expect(await runCli(env), output.stderr + output.stdout).toBe(0);
    const alias = `qwen-${createHash('sha256').update(issued.refreshToken).digest('hex').slice(0, 8)}`;
    expect(JSON.parse(output.stdout).details.imported[0].account).toBe(`Qwen account ${alias.slice(5)}`);
    expect(JSON.parse(output.stdout).details.imported).toEqual([expect.objectContaining({ provider: 'qwen', file: path.join(authDir(proxy), `${alias}.json`) })]);
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), `${alias}.json`), 'utf8'));
    expect(file).toMatchObject({ type: 'qwen', access_token: issued.accessToken, resource_url: fake.resourceUrl, expired: new Date(expiry).toISOString() });
    await eventually(accounts, (list) => list.some((account) => account.file === `${alias}.json`));
  });
});

describe('cliproxyctl login --provider qwen', () => {
  it('runs the device login without --device (Qwen has no other), opening the verification page, and saves the account', async () => {
    const quick = await startFakeQwen({ deviceIntervalSeconds: 1 });
    try {
      const home = mkdtempSync(path.join(os.tmpdir(), 'qwen-cli-'));
      const configPath = path.join(home, 'config.yaml');
      writeFileSync(configPath, `auth-dir: "${path.join(home, 'auth')}"\noauth-endpoints:\n  qwen:\n    deviceCode: "${quick.endpoints.deviceCode}"\n    token: "${quick.endpoints.token}"\n`);
      const opened: string[] = [];
      const { env, output } = cliEnvironment(home, ['login', '--provider', 'qwencode', '--config', configPath, '--json'], {
        openUrl: async (url) => {
          opened.push(url);
          quick.oauth.approveDevice(new URL(url).searchParams.get('user_code')!);
          return true;
        },
      });
      expect(await runCli(env), output.stderr).toBe(0);
      const result = JSON.parse(output.stdout);
      expect(result).toMatchObject({ ok: true, provider: 'qwen' });
      expect(result.file).toMatch(/\/auth\/qwen-[0-9a-f]{8}\.json$/);
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatch(/^https:\/\/chat\.qwen\.ai\/authorize\?user_code=/);
      expect(JSON.parse(readFileSync(result.file, 'utf8'))).toMatchObject({ type: 'qwen', resource_url: quick.resourceUrl });
    } finally {
      await quick.close();
    }
  });
});

describe('Qwen tokens', () => {
  it('refreshes 3 h before expiry (form refresh_token grant) and keeps alias and resource_url', async () => {
    const old = await seedAccount('lead', { expiresInMs: 2 * 3_600_000 });
    await proxy.proxy.accounts.tick();
    const [account] = await eventually(accounts, (list) => list.length === 1 && list[0].token.lastRefresh?.ok === true);
    expect(Date.parse(account.token.expiresAt!)).toBeGreaterThan(Date.now() + 5 * 3_600_000);
    expect(tokenRequests().map((request) => request.body)).toEqual([{ grant_type: 'refresh_token', refresh_token: old.refreshToken, client_id: QWEN_CLIENT_ID }]);
    const file = JSON.parse(readFileSync(path.join(authDir(proxy), 'qwen-lead.json'), 'utf8'));
    expect(file).toMatchObject({ email: 'lead', resource_url: fake.resourceUrl });
    expect(file.refresh_token).not.toBe(old.refreshToken);
  });

  it('a revoked refresh token: the account needs a new login, and the message says so', async () => {
    const old = await seedAccount('revoked');
    fake.oauth.invalidateAccessToken(old.accessToken);
    fake.oauth.revokeRefreshTokens();
    const error = await openai().chat.completions.create({ model: 'coder-model', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toMatch(/^Log in again: /);
  });
});

describe('Qwen in every client dialect (stream and non-stream, tool round trip)', () => {
  const chatTool = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };

  it('OpenAI Chat SDK', async () => {
    await seedAccount('chat');
    const first = await openai().chat.completions.create({ model: 'coder-model', tools: [chatTool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('read_file');
    let text = '';
    const stream = await openai().chat.completions.create({
      model: 'coder-model',
      stream: true,
      tools: [chatTool],
      messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    });
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('file contents here');
    expect(body(fake.chatRequests().at(-1)!).stream_options).toEqual({ include_usage: true });
  });

  it('OpenAI Responses SDK', async () => {
    await seedAccount('responses');
    const tools = [{ type: 'function' as const, name: 'read_file', description: 'Read a file', strict: false, parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await openai().responses.create({ model: 'coder-model', tools, input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && call.name).toBe('read_file');
    const stream = await openai().responses.create({
      model: 'coder-model',
      stream: true,
      tools,
      input: [{ role: 'user', content: 'read it' }, call!, { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' }],
    });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toContain('file contents here');
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('Anthropic SDK', async () => {
    await seedAccount('claude');
    const tools = [{ name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const first = await anthropic().messages.create({ model: 'coder-model', max_tokens: 200, system: 'Be brief.', tools, messages: [{ role: 'user', content: 'read it' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    expect(use.name).toBe('read_file');
    const second = await anthropic()
      .messages.stream({
        model: 'coder-model',
        max_tokens: 200,
        tools,
        messages: [{ role: 'user', content: 'read it' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'file contents here' }] }],
      })
      .finalMessage();
    expect(second.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
  });

  it('Gemini SDK', async () => {
    await seedAccount('gemini');
    const declaration: FunctionDeclaration = { name: 'read_file', description: 'Read a file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const first = await google().models.generateContent({ model: 'coder-model', contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    let text = '';
    for await (const chunk of await google().models.generateContentStream({
      model: 'coder-model',
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [
        { role: 'user', parts: [{ text: 'read it' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] },
      ],
    }))
      text += chunk.text ?? '';
    expect(text).toContain('file contents here');
  });
});

describe('Qwen daily quota', () => {
  it('403 insufficient_quota on one account cools it as quota and the other account answers', async () => {
    const first = await seedAccount('first');
    const second = await seedAccount('second');
    fake.exhaust(first.accessToken, { retryAfterSeconds: 3600 });
    for (let turn = 0; turn < 2; turn++) {
      const completion = await openai().chat.completions.create({ model: 'coder-model', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe(DEFAULT_FAKE_TEXT);
    }
    // Round robin reaches the exhausted account once; after that it is cooling and only the other one is asked.
    const used = fake.chatRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${first.accessToken}`)).toHaveLength(1);
    expect(used.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(2);
    const cooled = (await accounts()).find((account) => account.file === 'qwen-first.json')!;
    expect(cooled.cooldowns).toHaveLength(1);
    expect(cooled.cooldowns[0]).toMatchObject({ model: '*', reason: 'quota', status: 429 });
    expect(cooled.cooldowns[0].secondsLeft).toBeGreaterThan(3500);
  });

  it('the only account out of quota: the client gets 429 with the Qwen message, not a 403', async () => {
    const only = await seedAccount('only');
    fake.exhaust(only.accessToken, { retryAfterSeconds: 1800 });
    const error = (await openai().chat.completions.create({ model: 'coder-model', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(429);
    expect(error.message).toContain('The Qwen account Qwen account only has used up its quota (Free allocated quota exceeded.)');
  });
});
