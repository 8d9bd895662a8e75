import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, LoginView } from '../../src/server/management/contract.js';
import { startFakeCopilot, type FakeCopilot, type FakeCopilotUser, type RecordedRequest } from '../../src/testing/index.js';
import { authDir, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// GitHub Copilot subscriptions: device login, the Copilot token minted from the GitHub token, every client dialect,
// failover on 429 / 403, the premium-request quota and the live model list under stable ids.
let fake: FakeCopilot;
let proxy: TestProxy;

const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const sent = (request: RecordedRequest) => request.body as Record<string, any>;
const hi = [{ role: 'user' as const, content: 'hi' }];

/** A `github-copilot-<user>.json` as the Plus forks write it, with a GitHub token the fake issued; waits until it loads. */
async function seedAccount(partial: Partial<FakeCopilotUser> & { username: string }): Promise<{ githubToken: string; file: string }> {
  const { githubToken, user } = fake.seed(partial);
  const file = `github-copilot-${user.username}.json`;
  const before = (await accounts()).length;
  writeAuthFile(proxy, file, { type: 'github-copilot', username: user.username, access_token: githubToken, token_type: 'bearer', scope: 'user:email', timestamp: Date.now() });
  await eventually(accounts, (list) => list.length === before + 1);
  return { githubToken, file };
}

beforeAll(async () => {
  fake = await startFakeCopilot({ tools: true });
  proxy = await startTestProxy(
    configWith(`oauth-endpoints:
  github-copilot:
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
  for (const account of await accounts()) await management(proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(account.file)}`);
  await eventually(accounts, (list) => list.length === 0);
  fake.upstream.requests.length = 0;
  fake.copilotTokenTtlSeconds = 1500;
});

describe('GitHub Copilot login', () => {
  it('is offered by /login-providers with the device flow', async () => {
    const { body } = await management<{ providers: Array<{ id: string; flows: string[] }> }>(proxy, 'GET', '/login-providers');
    expect(body.providers.find((provider) => provider.id === 'github-copilot')).toMatchObject({ id: 'github-copilot', flows: ['device'] });
  });

  it('device flow: the Copilot client id, pending polls until approved, the user name, a first Copilot token, github-copilot-<user>.json', async () => {
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'copilot', flow: 'device' })).body;
    expect(started).toMatchObject({ provider: 'github-copilot', flow: 'device', status: 'waiting', url: 'https://github.com/login/device' });
    const code = fake.upstream.requests.find((request) => request.path === '/github/login/device/code')!;
    expect(Object.fromEntries(new URLSearchParams(code.rawBody.toString()))).toEqual({ client_id: 'Iv1.b507a08c87ecfe98', scope: 'user:email' });
    await fake.upstream.waitFor((requests) => requests.some((request) => request.path === '/github/login/oauth/access_token'), 5000);
    expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('waiting');
    fake.approveDevice(started.userCode!);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status === 'done' || view.status === 'error', 10_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'done', account: { label: 'octo-dev', file: 'github-copilot-octo-dev.json' } });

    const polls = fake.upstream.requests.filter((request) => request.path === '/github/login/oauth/access_token');
    expect(Object.fromEntries(new URLSearchParams(polls[0].rawBody.toString()))).toMatchObject({ client_id: 'Iv1.b507a08c87ecfe98', grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
    const [exchange] = fake.exchanges();
    expect(exchange.headers.authorization).toMatch(/^token gho_/);
    expect(exchange.headers).toMatchObject({ 'editor-version': 'vscode/1.107.0', 'editor-plugin-version': 'copilot-chat/0.35.0' });

    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), 'github-copilot-octo-dev.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'github-copilot', username: 'octo-dev', token_type: 'bearer', scope: 'user:email' });
    expect(saved.access_token).toBe(exchange.headers.authorization.slice('token '.length));
    // The current Copilot token is kept beside the GitHub token, so a restart does not mint another one.
    expect(saved.copilot_token).toMatch(/^tid=/);
    expect(saved.api_token_expires_at).toBeGreaterThan(Date.now() / 1000 + 1400);
    const [account] = await accounts();
    expect(account).toMatchObject({ provider: 'github-copilot', label: 'octo-dev', state: 'active' });
  });

  it('a GitHub user without a Copilot seat: the login ends with the reason', async () => {
    fake.user = { ...fake.user, username: 'no-seat', seat: false };
    try {
      const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'gh-copilot', flow: 'device' })).body;
      await fake.upstream.waitFor((requests) => requests.some((request) => request.path === '/github/login/oauth/access_token'), 5000);
      fake.approveDevice(started.userCode!);
      const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status === 'error' || view.status === 'done', 10_000);
      expect(done.status).toBe('error');
      expect(JSON.stringify(done.error)).toContain('no active Copilot subscription');
      expect(await accounts()).toEqual([]);
    } finally {
      fake.user = { ...fake.user, username: 'octo-dev', seat: true };
    }
  });
});

describe('GitHub Copilot tokens', () => {
  it('the Copilot token is minted once and reused while it has more than 5 minutes left', async () => {
    const { githubToken } = await seedAccount({ username: 'steady' });
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(fake.exchanges().map((request) => request.headers.authorization)).toEqual([`token ${githubToken}`]);
    const [first, second] = fake.apiRequests().map((request) => request.headers.authorization);
    expect(first).toMatch(/^Bearer tid=/);
    expect(second).toBe(first);
  });

  it('a Copilot token within 5 minutes of expiry is re-minted from the GitHub token before the request', async () => {
    fake.copilotTokenTtlSeconds = 240;
    await seedAccount({ username: 'short-lived' });
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(fake.exchanges()).toHaveLength(2);
    const [first, second] = fake.apiRequests().map((request) => request.headers.authorization);
    expect(second).not.toBe(first);
    const [account] = await accounts();
    expect(Date.parse(account.token.expiresAt!)).toBeGreaterThan(Date.now() + 200_000);
  });

  it('a revoked GitHub token: the next re-mint is refused, the account says "log in again" and is not retried in a loop', async () => {
    fake.copilotTokenTtlSeconds = 240;
    const { githubToken } = await seedAccount({ username: 'revoked' });
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    fake.revoke(githubToken);
    const error = await openai()
      .chat.completions.create({ model: 'gpt-4.1', messages: hi })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await eventually(accounts, (list) => list[0]?.state === 'needs-relogin');
    expect(account.stateMessage).toMatch(/revoked or expired/);
    expect((error as Error).message).toMatch(/needs a new login/);
    const exchanges = fake.exchanges().length;
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi }).catch(() => undefined);
    expect(fake.exchanges()).toHaveLength(exchanges);
  });
});

describe('GitHub Copilot requests', () => {
  it('OpenAI chat, non-stream: /chat/completions with the editor identity Copilot requires', async () => {
    await seedAccount({ username: 'chat' });
    const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    const [request] = fake.apiRequests();
    expect(request.path).toBe('/copilot/chat/completions');
    expect(request.headers).toMatchObject({
      'user-agent': 'GitHubCopilotChat/0.35.0',
      'editor-version': 'vscode/1.107.0',
      'editor-plugin-version': 'copilot-chat/0.35.0',
      'copilot-integration-id': 'vscode-chat',
      'openai-intent': 'conversation-panel',
      'x-github-api-version': '2025-04-01',
      'x-initiator': 'user',
    });
    expect(request.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers['copilot-vision-request']).toBeUndefined();
  });

  it('OpenAI chat, stream: text deltas and usage (include_usage is asked for)', async () => {
    await seedAccount({ username: 'stream' });
    const stream = await openai().chat.completions.create({ model: 'gpt-5-mini', messages: hi, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    expect(sent(fake.apiRequests()[0])).toMatchObject({ model: 'gpt-5-mini', stream: true, stream_options: { include_usage: true } });
  });

  it('OpenAI Responses API: answered through Copilot chat completions', async () => {
    await seedAccount({ username: 'responses' });
    const answer = await openai().responses.create({ model: 'gpt-4.1', input: 'hi' });
    expect(answer.output_text).toBe('Hello from the fake upstream.');
    expect(fake.apiRequests()[0].path).toBe('/copilot/chat/completions');
  });

  it('Anthropic SDK, stream: claude-sonnet-4-5 is sent as Copilot’s claude-sonnet-4.5', async () => {
    await seedAccount({ username: 'claude' });
    const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: hi });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from the fake upstream.' })]);
    expect(sent(fake.apiRequests()[0]).model).toBe('claude-sonnet-4.5');
  });

  it('Gemini SDK, non-stream', async () => {
    await seedAccount({ username: 'gemini' });
    const answer = await google().models.generateContent({ model: 'gpt-4.1', contents: 'hi' });
    expect(answer.text).toBe('Hello from the fake upstream.');
  });

  it('tool round trip (OpenAI chat): the follow-up is sent as X-Initiator agent with string assistant content', async () => {
    await seedAccount({ username: 'tools' });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const first = await openai().chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
    const call = first.choices[0].message.tool_calls![0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe('get_weather');
    const second = await openai().chat.completions.create({
      model: 'gpt-4.1',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }], tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: 'sunny, 21 °C' },
      ],
    });
    expect(second.choices[0].message.content).toContain('sunny, 21 °C');
    const [firstRequest, followUp] = fake.apiRequests();
    expect(firstRequest.headers['x-initiator']).toBe('user');
    expect(followUp.headers['x-initiator']).toBe('agent');
    expect(sent(followUp).messages[1]).toMatchObject({ role: 'assistant', content: 'Checking.' });
  });

  it('tool round trip (Anthropic SDK): tool_use, then the tool_result answered', async () => {
    await seedAccount({ username: 'claude-tools' });
    const tools = [{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } } }];
    const first = await anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, tools, messages: [{ role: 'user', content: 'Read README.md' }] });
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use')!;
    const second = await anthropic().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 200,
      tools,
      messages: [
        { role: 'user', content: 'Read README.md' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '# CLIProxy' }] },
      ],
    });
    expect(second.content.find((block) => block.type === 'text')).toMatchObject({ text: expect.stringContaining('# CLIProxy') });
    expect(fake.apiRequests()[1].headers['x-initiator']).toBe('agent');
  });
});

describe('GitHub Copilot failover, quota and models', () => {
  it('two accounts: a 429 on one cools it with the reason and moves traffic to the other', async () => {
    await seedAccount({ username: 'busy' });
    await seedAccount({ username: 'spare' });
    fake.limit('busy', 600);
    try {
      for (let index = 0; index < 3; index++) {
        const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
        expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
      }
      const busy = (await accounts()).find((account) => account.label === 'busy')!;
      expect(busy.state).toBe('cooling');
      expect(busy.cooldowns[0]).toMatchObject({ model: 'gpt-4.1', reason: 'quota', status: 429 });
      expect(busy.cooldowns[0].message).toMatch(/GitHub Copilot rate-limited this account: Sorry, you have been rate-limited/);
      expect(Math.abs(Date.parse(busy.cooldowns[0].until) - (Date.now() + 600_000))).toBeLessThan(10_000);
      const statuses = fake.apiRequests().map((request) => request.headers.authorization);
      expect(new Set(statuses).size).toBe(2);
    } finally {
      fake.clearLimit('busy');
    }
  });

  it('403 "not entitled" for one model: that model cools on the account with the reason; other models still work', async () => {
    await seedAccount({ username: 'policy' });
    fake.forbid('policy', 'claude-sonnet-4.5');
    const error = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: hi })
      .catch((caught: InstanceType<typeof Anthropic.APIError>) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as Error).message).toMatch(/not entitled/);
    const [account] = await accounts();
    expect(account.cooldowns[0]).toMatchObject({ model: 'claude-sonnet-4-5', reason: 'payment_required', status: 403 });
    expect(account.cooldowns[0].message).toMatch(/disabled by your organization's Copilot policy/);
    const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');

    // The troubleshooting row names the refused model and account; its fix clears that cooldown.
    const check = (await management(proxy, 'POST', '/diagnostics/copilot-entitlement/run')).body;
    expect(check).toMatchObject({ status: 'warn', fix: { id: 'clear-copilot-403' } });
    expect(check.summary).toBe('GitHub Copilot refused claude-sonnet-4-5 on policy with 403 (not entitled); the proxy skips that model on that account for 30 minutes.');
    const fixed = (await management(proxy, 'POST', '/diagnostics/copilot-entitlement/fix')).body;
    expect(fixed).toMatchObject({ ok: true, message: 'Cleared 1 Copilot 403 cooldown(s); the next request tries those models again.', check: { status: 'pass' } });
    expect((await accounts())[0].cooldowns).toEqual([]);
  });

  it('Copilot id drift (CPB-0810): a client asking for claude-sonnet-4.5 gets 404, and the check names the stable id and the mapping', async () => {
    await seedAccount({ username: 'drift' });
    const error = await anthropic()
      .messages.create({ model: 'claude-sonnet-4.5', max_tokens: 50, messages: hi })
      .catch((caught: InstanceType<typeof Anthropic.APIError>) => caught);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(404);
    const check = (await management(proxy, 'POST', '/diagnostics/copilot-model-ids/run')).body;
    expect(check.status).toBe('warn');
    expect(check.summary).toBe("Clients asked for Copilot's own spelling of 1 model(s) and got 404: claude-sonnet-4.5 (served here as claude-sonnet-4-5, 1×).");
    expect(check.remediation).toContain('model-mappings:\n  - from: "claude-sonnet-4.5"\n    to: "claude-sonnet-4-5"');
  });

  it('quota bars: premium requests from copilot_internal/user (unlimited chat and completions are not bars)', async () => {
    const { githubToken } = await seedAccount({ username: 'quota', premium: { entitlement: 300, remaining: 240 } });
    const [account] = await accounts();
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota.source).toBe('vendor');
    expect(quota.buckets).toEqual([expect.objectContaining({ id: 'premium_interactions', label: 'Premium requests', remaining: 240, limit: 300, remainingFraction: 0.8, resetsAt: '2027-01-01T00:00:00.000Z' })]);
    const call = fake.upstream.requests.find((request) => request.path === '/api/copilot_internal/user')!;
    expect(call.headers.authorization).toBe(`token ${githubToken}`);
  });

  it('live model list: Copilot’s /models under stable ids, without embeddings or /responses-only models', async () => {
    await seedAccount({ username: 'lists' });
    fake.models = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'claude-opus-4.6', 'gpt-5.1-codex', 'text-embedding-3-small'];
    try {
      const { body } = await management<{ lists: Array<{ group: string; ok: boolean; models: string[] }> }>(proxy, 'POST', '/model-lists/refresh');
      expect(body.lists.find((list) => list.group === 'github-copilot')).toMatchObject({ ok: true, models: ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4-5', 'claude-opus-4-6'] });
      const lookup = fake.upstream.requests.find((request) => request.path === '/copilot/models')!;
      expect(lookup.headers).toMatchObject({ 'editor-version': 'vscode/1.107.0', 'copilot-integration-id': 'vscode-chat' });
      const ids = ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
      expect(ids).toContain('claude-opus-4-6');
      expect(ids).not.toContain('claude-opus-4.6');
      const message = await anthropic().messages.create({ model: 'claude-opus-4-6', max_tokens: 50, messages: hi });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
      expect(sent(fake.apiRequests().at(-1)!).model).toBe('claude-opus-4.6');
    } finally {
      fake.models = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'gpt-5.1-codex', 'text-embedding-3-small'];
    }
  });
});
