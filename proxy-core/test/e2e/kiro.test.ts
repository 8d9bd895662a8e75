import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/server/management/contract.js';
import { startFakeKiro, type FakeKiro, type FakeKiroTokens } from '../../src/testing/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { authDir, deleteAllAccounts, eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Kiro subscriptions end to end: auth files in the fork's shape, the official SDKs in all four dialects against a
// fake CodeWhisperer that answers binary AWS event-stream frames split across socket writes.
let fake: FakeKiro;
let proxy: TestProxy;
const accounts = async () => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });

function seedFile(email: string, options: { method?: 'builder-id' | 'social'; expiresInMs?: number } = {}): FakeKiroTokens & { file: string } {
  const tokens = fake.seed({ email });
  const method = options.method ?? 'builder-id';
  const file = `kiro-${method === 'social' ? 'google' : 'aws'}-${email.replace(/[^a-z0-9]/gi, '_')}.json`;
  writeAuthFile(proxy, file, {
    type: 'kiro',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    profile_arn: tokens.profileArn,
    expires_at: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
    auth_method: method,
    provider: method === 'social' ? 'Google' : 'AWS',
    ...(method === 'social' ? {} : { client_id: tokens.clientId, client_secret: tokens.clientSecret, start_url: 'https://view.awsapps.com/start' }),
    region: 'us-east-1',
    email,
    last_refresh: new Date().toISOString(),
  });
  return { ...tokens, file };
}

beforeAll(async () => {
  fake = await startFakeKiro();
  proxy = await startTestProxy(configWith(`oauth-endpoints:\n  kiro:\n    oidc: "${fake.url}"\n    social: "${fake.url}"\n    api: "${fake.url}"\n`));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
afterEach(async () => {
  await deleteAllAccounts(proxy);
  fake.requests.length = 0;
});

describe('Kiro requests from every client dialect', () => {
  it('Claude SDK, stream: CodeWhisperer gets a conversationState with the system prompt folded in; the client gets Claude SSE', async () => {
    const seeded = seedFile('stream@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
    const text: string[] = [];
    stream.on('text', (delta) => text.push(delta));
    const final = await stream.finalMessage();
    expect(text.join('')).toBe('Hello from Kiro.');
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.input_tokens).toBe(11);
    expect(final.usage.output_tokens).toBe(7);

    const [request] = fake.chatRequests();
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${seeded.accessToken}`,
      'x-amz-target': 'AmazonCodeWhispererStreamingService.GenerateAssistantResponse',
      'x-amzn-kiro-agent-mode': 'vibe',
      'x-amzn-codewhisperer-optout': 'true',
      'amz-sdk-request': 'attempt=1; max=3',
    });
    expect(request!.headers['user-agent']).toMatch(/^aws-sdk-js\/1\.0\.27 ua\/2\.1 .* KiroIDE-0\.7\.45-[0-9a-f]{64}$/);
    expect(request!.body).toMatchObject({
      conversationState: { chatTriggerType: 'MANUAL', currentMessage: { userInputMessage: { content: 'Be brief.\n\nhi', modelId: 'claude-sonnet-4.5', origin: 'AI_EDITOR' } } },
      profileArn: seeded.profileArn,
      inferenceConfig: { maxTokens: 200 },
    });
    expect(request!.body.conversationState.history).toBeUndefined();
  });

  it('OpenAI SDK chat, non-stream: one answer collected from the event stream, with usage', async () => {
    seedFile('chat@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hello from Kiro.' }, finish_reason: 'stop' });
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
    expect(fake.chatRequests()[0]!.body.conversationState.currentMessage.userInputMessage.modelId).toBe('claude-haiku-4.5');
  });

  it('OpenAI SDK chat, stream with a tool round trip: streamed tool input, then the result travels as toolResults with history', async () => {
    seedFile('tools@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    const stream = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', stream: true, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    let args = '';
    let callId = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      if (call?.id) callId = call.id;
      if (call?.function?.arguments) args += call.function.arguments;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(callId).toBe('tooluse_kiro1');
    expect(finish).toBe('tool_calls');
    expect(fake.chatRequests()[0]!.body.conversationState.currentMessage.userInputMessage.userInputMessageContext.tools).toEqual([
      { toolSpecification: { name: 'get_weather', description: 'Weather for a city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } },
    ]);

    const second = await openai().chat.completions.create({
      model: 'claude-sonnet-4-5',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: args } }] },
        { role: 'tool', tool_call_id: callId, content: 'Sunny, 21°C' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('The tool said: Sunny, 21°C');
    const state = fake.chatRequests()[1]!.body.conversationState;
    expect(state.history).toEqual([
      { userInputMessage: { content: 'Weather in Paris?', modelId: 'claude-sonnet-4.5', origin: 'AI_EDITOR' } },
      { assistantResponseMessage: { content: '.', toolUses: [{ toolUseId: 'tooluse_kiro1', name: 'get_weather', input: { city: 'Paris' } }] } },
    ]);
    expect(state.currentMessage.userInputMessage).toMatchObject({ content: 'Tool results provided.', userInputMessageContext: { toolResults: [{ toolUseId: 'tooluse_kiro1', status: 'success', content: [{ text: 'Sunny, 21°C' }] }] } });
  });

  it('OpenAI Responses and Gemini SDKs get the same answer', async () => {
    seedFile('dialects@example.com');
    await eventually(accounts, (list) => list.length === 1);
    const response = await openai().responses.create({ model: 'claude-sonnet-4-5', input: 'hi' });
    expect(response.output_text).toBe('Hello from Kiro.');
    const gemini = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
    const answer = await gemini.models.generateContent({ model: 'claude-sonnet-4-5', contents: 'hi' });
    expect(answer.text).toBe('Hello from Kiro.');
    let streamed = '';
    for await (const chunk of await gemini.models.generateContentStream({ model: 'claude-sonnet-4-5', contents: 'hi' })) streamed += chunk.text ?? '';
    expect(streamed).toBe('Hello from Kiro.');
  });

  it('a corrupt frame (bad CRC) after the first text ends the stream with an error the client sees', async () => {
    seedFile('corrupt@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.corruptNext = true;
    const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/Kiro sent a corrupt event stream: message CRC32 mismatch/);
  });
});

describe('Kiro accounts: refresh, revoked refresh, errors and quota', () => {
  it('an expiring Builder ID token is refreshed at the OIDC /token endpoint with both casings; the old refresh token is kept', async () => {
    const seeded = seedFile('refresh@example.com', { expiresInMs: 60_000 });
    await eventually(accounts, (list) => list.length === 1);
    const completion = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]!.message.content).toBe('Hello from Kiro.');
    const refresh = fake.requests.find((request) => request.path === '/token')!;
    expect(refresh.body).toMatchObject({ clientId: seeded.clientId, client_id: seeded.clientId, refreshToken: seeded.refreshToken, refresh_token: seeded.refreshToken, grant_type: 'refresh_token' });
    expect(fake.chatRequests()[0]!.headers.authorization).not.toBe(`Bearer ${seeded.accessToken}`);
    const file = await eventually(async () => JSON.parse(readFileSync(path.join(authDir(proxy), seeded.file), 'utf8')), (data) => data.access_token !== seeded.accessToken);
    expect(file).toMatchObject({ type: 'kiro', refresh_token: seeded.refreshToken, auth_method: 'builder-id', client_id: seeded.clientId });
  });

  it('a 403 about a stale token is refreshed once and retried, as the Kiro IDE does; the client never sees it', async () => {
    const seeded = seedFile('stale@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.expire(seeded.accessToken);
    const completion = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]!.message.content).toBe('Hello from Kiro.');
    const chats = fake.chatRequests().map((request) => request.headers.authorization);
    expect(chats).toHaveLength(2);
    expect(chats[0]).toBe(`Bearer ${seeded.accessToken}`);
    expect(chats[1]).not.toBe(chats[0]);
    expect(fake.requests.filter((request) => request.path === '/token')).toHaveLength(1);
    expect((await accounts())[0]!.cooldowns).toEqual([]);
  });

  it('a revoked refresh token marks the account "log in again" once, with no refresh loop', async () => {
    const seeded = seedFile('revoked@example.com', { method: 'social', expiresInMs: 60_000 });
    fake.revoke(seeded.refreshToken);
    await eventually(accounts, (list) => list.length === 1);
    const failure = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: Error) => caught);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    const [account] = await eventually(accounts, (list) => list[0]?.state === 'needs-relogin');
    expect(account!.stateMessage).toMatch(/log in/i);
    const refreshes = fake.requests.filter((request) => request.path === '/refreshToken').length;
    await expect(openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'again' }] })).rejects.toThrow();
    expect(fake.requests.filter((request) => request.path === '/refreshToken').length).toBe(refreshes);
  });

  it('quota used up on one account moves traffic to the next; the account view says why and shows the quota bars', async () => {
    const first = seedFile('full@example.com');
    const second = seedFile('spare@example.com');
    await eventually(accounts, (list) => list.length === 2);
    fake.account('full@example.com').used = 50;
    for (let turn = 0; turn < 3; turn++) {
      const completion = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: `turn ${turn}` }] });
      expect(completion.choices[0]!.message.content).toBe('Hello from Kiro.');
    }
    const served = fake.chatRequests().map((request) => request.headers.authorization);
    expect(served.filter((value) => value === `Bearer ${second.accessToken}`).length).toBe(3);
    expect(served.filter((value) => value === `Bearer ${first.accessToken}`).length).toBeLessThanOrEqual(1);
    const list = await accounts();
    const full = list.find((account) => account.email === 'full@example.com')!;
    expect(full.state).toBe('cooling');
    expect(full.cooldowns[0]!.message).toMatch(/credits are used up/);

    const quota = (await management<any>(proxy, 'GET', `/accounts/${encodeURIComponent(full.id)}/quota?refresh=true`)).body;
    expect(quota.buckets[0]).toMatchObject({ label: 'KIRO FREE: Credits', limit: 50, remaining: 0, unit: 'credits' });
    expect(fake.requests.find((request) => request.path === '/getUsageLimits')!.query).toMatchObject({ origin: 'AI_EDITOR', resourceType: 'AGENTIC_REQUEST', profileArn: first.profileArn });

    // The seed's troubleshooting route: every Kiro account with auth_index, quota_exhausted, remaining_quota and the reset.
    const kiroQuota = (await management<any>(proxy, 'GET', '/kiro-quota?refresh=true')).body;
    const byFile = Object.fromEntries(kiroQuota.accounts.map((entry: any) => [entry.file, entry]));
    expect(byFile[first.file]).toMatchObject({ profile_arn: first.profileArn, quota_exhausted: true, remaining_quota: 0, usage_limit: 50, usage_percentage: 100, reset_at: '2027-01-01T00:00:00.000Z' });
    expect(byFile[second.file]).toMatchObject({ quota_exhausted: false, remaining_quota: 47, usage_percentage: 6 });
    expect(byFile[first.file].auth_index).toMatch(/^[0-9a-f]{16}$/);
    const one = await management<any>(proxy, 'GET', `/kiro-quota?auth_index=${byFile[second.file].auth_index}`);
    expect(one.body).toMatchObject({ file: second.file, remaining_quota: 47 });
    expect(one.body.accounts).toBeUndefined();
    expect((await management<any>(proxy, 'GET', '/kiro-quota?auth_index=0000000000000000')).status).toBe(404);
  });

  it('a throttling exception inside a 200 event stream, before any text, moves the request to the next account', async () => {
    const first = seedFile('throttled@example.com');
    const second = seedFile('calm@example.com');
    await eventually(accounts, (list) => list.length === 2);
    fake.streamException.set(first.accessToken, { type: 'ThrottlingException', message: 'Rate exceeded' });
    for (let turn = 0; turn < 2; turn++) {
      const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: `turn ${turn}` }] });
      expect((await stream.finalMessage()).content).toEqual([{ type: 'text', text: 'Hello from Kiro.' }]);
    }
    const tokens = fake.chatRequests().map((request) => request.headers.authorization);
    expect(tokens.filter((value) => value === `Bearer ${first.accessToken}`)).toHaveLength(1);
    expect(tokens.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(2);
    const throttled = (await accounts()).find((account) => account.email === 'throttled@example.com')!;
    expect(throttled.cooldowns[0]).toMatchObject({ status: 429, reason: 'quota' });
    expect(throttled.cooldowns[0]!.message).toMatch(/throttling this account/);
    fake.streamException.clear();
  });

  it('a suspended account rests 24 h with the reason; an improperly formed request is the client\u2019s error and cools nothing', async () => {
    seedFile('suspended@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.account('suspended@example.com').suspended = true;
    await expect(anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/suspended this account/);
    const [account] = await accounts();
    expect(account!.cooldowns[0]!.message).toMatch(/TEMPORARILY_SUSPENDED/);
    expect(Date.parse(account!.cooldowns[0]!.until) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    fake.account('suspended@example.com').suspended = false;
    await management(proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(account!.file)}`);
    await eventually(accounts, (list) => list.length === 0);
    seedFile('formed@example.com');
    await eventually(accounts, (list) => list.length === 1);
    fake.failNext = { status: 400, body: { __type: 'com.amazon.aws.codewhisperer#ValidationException', message: 'Improperly formed request.' } };
    const error = await anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }).then(
      () => undefined,
      (caught: unknown) => caught as InstanceType<typeof Anthropic.APIError>,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error!.status).toBe(400);
    expect(error!.message).toMatch(/improperly formed/);
    expect((await accounts())[0]!.cooldowns).toEqual([]);
  });
});

describe('Kiro logins', () => {
  it('AWS Builder ID device login: client registration, device authorization, pending polls, then profile ARN and e-mail', async () => {
    const started = (await management<any>(proxy, 'POST', '/logins', { provider: 'kiro', flow: 'device' })).body;
    expect(started).toMatchObject({ flow: 'device', status: 'waiting', url: `${fake.url}/device?user_code=${started.userCode}` });
    const register = fake.requests.find((request) => request.path === '/client/register')!;
    expect(register.body).toEqual({
      clientName: 'Kiro IDE',
      clientType: 'public',
      scopes: ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations', 'codewhisperer:transformations', 'codewhisperer:taskassist'],
      grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    });
    expect(fake.requests.find((request) => request.path === '/device_authorization')!.body).toMatchObject({ clientId: expect.stringMatching(/^client-/), clientSecret: expect.stringMatching(/^secret-/), startUrl: 'https://view.awsapps.com/start' });
    await eventually(async () => fake.requests.filter((request) => request.path === '/token').length, (count) => count >= 1);
    fake.approveDevice(started.userCode, 'builder@example.com');
    const done = await eventually(async () => (await management<any>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done).toMatchObject({ status: 'done', account: { label: 'builder@example.com' } });
    const [account] = await eventually(accounts, (list) => list.length === 1);
    expect(account!.file).toBe('kiro-aws-builder@example.com.json');
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), account!.file), 'utf8'));
    expect(saved).toMatchObject({ type: 'kiro', auth_method: 'builder-id', provider: 'AWS', region: 'us-east-1', start_url: 'https://view.awsapps.com/start', email: 'builder@example.com', profile_arn: fake.account('builder@example.com').profileArn });
    expect(saved.client_id).toMatch(/^client-/);
    // The new account serves requests at once.
    const completion = await openai().chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]!.message.content).toBe('Hello from Kiro.');
  });

  it('login-providers offers Kiro with its device login', async () => {
    const providers = (await management<any>(proxy, 'GET', '/login-providers')).body.providers as Array<{ id: string; flows: string[] }>;
    expect(providers.find((provider) => provider.id === 'kiro')).toMatchObject({ id: 'kiro', flows: ['device'], options: ['startUrl', 'region'], hasQuota: true });
  });

  it('IAM Identity Center: the organisation’s start URL and region drive the device login; the account file says idc', async () => {
    const started = (await management<any>(proxy, 'POST', '/logins', { provider: 'kiro', flow: 'device', startUrl: 'https://my-org.awsapps.com/start', region: 'eu-west-1' })).body;
    expect(started.status).toBe('waiting');
    expect(fake.requests.find((request) => request.path === '/device_authorization')!.body).toMatchObject({ startUrl: 'https://my-org.awsapps.com/start' });
    fake.approveDevice(started.userCode, 'idc@example.com');
    const done = await eventually(async () => (await management<any>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done).toMatchObject({ status: 'done', account: { label: 'idc@example.com', file: 'kiro-idc-idc@example.com.json' } });
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), 'kiro-idc-idc@example.com.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'kiro', auth_method: 'idc', region: 'eu-west-1', start_url: 'https://my-org.awsapps.com/start', email: 'idc@example.com' });
  });

  it('a bad region is refused before anything is sent', async () => {
    const refused = await management<any>(proxy, 'POST', '/logins', { provider: 'kiro', flow: 'device', startUrl: 'https://my-org.awsapps.com/start', region: 'moon-1' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/region must be an AWS region such as us-east-1/);
    expect(fake.requests.filter((request) => request.path === '/client/register')).toEqual([]);
  });
});
