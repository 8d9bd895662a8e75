import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoginView } from '../../src/server/management/contract.js';
import type { FakeCopilot } from '../../src/testing/index.js';
import { authDir, eventually, management } from './accounts-harness.js';
import { hi, sent, useCopilotRig } from './github-copilot-harness.js';
import type { TestProxy } from './harness.js';

// GitHub Copilot subscriptions: device login, the Copilot token minted from the GitHub token, every client dialect
// with tool round trips.
const rig = useCopilotRig();
const { accounts, openai, anthropic, google, seedAccount } = rig;
let fake: FakeCopilot;
let proxy: TestProxy;
beforeAll(() => {
  fake = rig.fake;
  proxy = rig.proxy;
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
    expect(account).toMatchObject({ provider: 'github-copilot', label: 'octo-dev', state: 'active', plan: 'individual_pro' });
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

  it('OpenAI Responses API with an OpenAI model: Copilot’s /responses, with the same editor identity', async () => {
    await seedAccount({ username: 'responses' });
    const answer = await openai().responses.create({ model: 'gpt-4.1', input: 'hi' });
    expect(answer.output_text).toBe('Hello from the fake upstream.');
    const [request] = fake.apiRequests();
    expect(request.path).toBe('/copilot/responses');
    expect(request.headers).toMatchObject({ 'editor-version': 'vscode/1.107.0', 'copilot-integration-id': 'vscode-chat', 'x-initiator': 'user' });
  });

  it('a Codex model (served only on /responses) from a Chat client, streamed, and from the Anthropic SDK', async () => {
    await seedAccount({ username: 'codex' });
    const stream = await openai().chat.completions.create({ model: 'gpt-5.1-codex', messages: hi, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    const message = await anthropic().messages.create({ model: 'gpt-5.1-codex', max_tokens: 50, messages: hi });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(fake.apiRequests().map((request) => request.path)).toEqual(['/copilot/responses', '/copilot/responses']);
    expect(sent(fake.apiRequests()[0])).toMatchObject({ model: 'gpt-5.1-codex', stream: true });
  });

  it('OpenAI Responses API with a Claude model stays on chat completions', async () => {
    await seedAccount({ username: 'responses-claude' });
    const answer = await openai().responses.create({ model: 'claude-sonnet-4-5', input: 'hi' });
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
