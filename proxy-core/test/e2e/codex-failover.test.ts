import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { namedJsonEvent } from '../../src/testing/sse-text.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { body, codexConfig } from './codex-harness.js';
import { startTestProxy } from './harness.js';
import { beforeAll } from 'vitest';
import type { FakeCodex } from '../../src/testing/index.js';
import type { TestProxy } from './harness.js';
import { useCodexRig } from './codex-harness.js';

// ChatGPT (Codex) subscriptions: failover on usage limits and in-stream errors, error mapping, plan tiers, the Spark fallback, quota, API keys alongside.
const rig = useCodexRig();
const { accounts, openai, anthropic, modelIds, seedAccount } = rig;
let fake: FakeCodex;
let proxy: TestProxy;
beforeAll(() => {
  fake = rig.fake;
  proxy = rig.proxy;
});

describe('Codex failover and errors', () => {
  it('two accounts: usage_limit_reached on one cools that whole account until resets_at and moves traffic to the other', async () => {
    const first = seedAccount({ email: 'a@example.com' });
    const second = seedAccount({ email: 'b@example.com' });
    await eventually(accounts, (list) => list.length === 2);
    const resetsAt = Math.floor(Date.now() / 1000) + 2 * 3600;
    fake.limit(first.accessToken, { resetsAt, resetsInSeconds: 60 });
    for (let index = 0; index < 3; index++) {
      const completion = await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    }
    const used = fake.apiRequests().map((request) => request.headers.authorization);
    expect(used.filter((value) => value === `Bearer ${second.accessToken}`)).toHaveLength(3);
    expect(used.filter((value) => value === `Bearer ${first.accessToken}`).length).toBeLessThanOrEqual(1);
    // Another model of the same account is cooled too.
    await openai().chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }] });
    expect(fake.apiRequests().at(-1)!.headers.authorization).toBe(`Bearer ${second.accessToken}`);

    const limited = (await accounts()).find((account) => account.email === 'a@example.com')!;
    expect(limited.state).toBe('cooling');
    expect(limited.cooldowns[0]).toMatchObject({ model: '*', reason: 'quota', status: 429 });
    expect(Math.abs(Date.parse(limited.cooldowns[0].until) - resetsAt * 1000)).toBeLessThan(5000);
    const state = await management(proxy, 'GET', `/credentials/${encodeURIComponent(limited.id)}/state`);
    expect(state.body.cooldowns[0]).toMatchObject({ model: '*', reason: 'quota' });
    expect(state.body.cooldowns[0].message).toMatch(/usage limit/);
    fake.clearLimit(first.accessToken);
  });

  it('one account at its usage limit: the client gets 429 with Retry-After until the reset', async () => {
    const only = seedAccount({ email: 'solo@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.limit(only.accessToken, { resetsInSeconds: 1800 });
    const error = await openai()
      .chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect(Number((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'))).toBeGreaterThan(1700);
    expect((error as Error).message).toMatch(/usage limit/);
    fake.clearLimit(only.accessToken);
  });

  it('an error event right after response.created (200 stream) fails over before the first byte, for stream and non-stream clients', async () => {
    const first = seedAccount({ email: 'flaky@example.com' });
    const second = seedAccount({ email: 'steady@example.com' });
    await eventually(accounts, (list) => list.length === 2);
    fake.streamError({ accessToken: first.accessToken, event: 'response.failed', error: { type: 'server_error', code: 'server_is_overloaded', message: 'Our servers are busy.' }, times: 10 });
    const stream = await openai().responses.create({ model: 'gpt-5.5', input: 'hi', stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe('Hello from the fake upstream.');
    const completion = await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    const tokens = fake.apiRequests().map((request) => request.headers.authorization);
    expect(tokens.filter((token) => token === `Bearer ${second.accessToken}`)).toHaveLength(2);
    const flaky = (await accounts()).find((account) => account.email === 'flaky@example.com')!;
    expect(flaky.cooldowns[0]).toMatchObject({ model: 'gpt-5.5', reason: 'transient', status: 502 });
  });

  it('an in-stream usage_limit_reached `error` event cools the whole account, like the HTTP 429', async () => {
    const first = seedAccount({ email: 'stream-limit@example.com' });
    seedAccount({ email: 'stream-ok@example.com' });
    await eventually(accounts, (list) => list.length === 2);
    const resetsAt = Math.floor(Date.now() / 1000) + 3600;
    fake.streamError({ accessToken: first.accessToken, event: 'error', error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: 'plus', resets_at: resetsAt }, times: 5 });
    for (let index = 0; index < 2; index++) await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }], stream: false });
    const limited = (await accounts()).find((account) => account.email === 'stream-limit@example.com')!;
    expect(limited.cooldowns[0]).toMatchObject({ model: '*', reason: 'quota', status: 429 });
    expect(Math.abs(Date.parse(limited.cooldowns[0].until) - resetsAt * 1000)).toBeLessThan(5000);
  });

  it('"Selected model is at capacity": 429 for that model only, the other account answers', async () => {
    const first = seedAccount({ email: 'busy@example.com' });
    const second = seedAccount({ email: 'free@example.com' });
    await eventually(accounts, (list) => list.length === 2);
    fake.upstream.script({ path: '/backend-api/codex/responses', apiKey: first.accessToken }, { kind: 'json', status: 429, body: { error: { message: 'Selected model is at capacity. Please try a different model.', type: 'invalid_request_error' } } });
    // Round robin: one of two requests starts with the busy account.
    for (let index = 0; index < 2; index++) {
      const completion = await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
      expect(fake.apiRequests().at(-1)!.headers.authorization).toBe(`Bearer ${second.accessToken}`);
    }
    expect(fake.apiRequests().filter((request) => request.headers.authorization === `Bearer ${first.accessToken}`)).toHaveLength(1);
    const busy = (await accounts()).find((account) => account.email === 'busy@example.com')!;
    expect(busy.cooldowns).toHaveLength(1);
    expect(busy.cooldowns[0]).toMatchObject({ model: 'gpt-5.5', reason: 'transient', status: 429 });
    expect(busy.cooldowns[0].secondsLeft).toBeLessThanOrEqual(60);
  });

  it('a plan that refuses Spark upstream: that account is cooled for Spark only, another account answers', async () => {
    const plus = seedAccount({ email: 'plus-refused@example.com', plan: 'plus' });
    const pro = seedAccount({ email: 'pro@example.com', plan: 'pro' });
    await eventually(accounts, (list) => list.length === 2);
    fake.upstream.script({ path: '/backend-api/codex/responses', apiKey: plus.accessToken, model: 'gpt-5.3-codex-spark' }, { kind: 'json', status: 400, body: { detail: "The 'gpt-5.3-codex-spark' model is not supported when using Codex with a ChatGPT account." } });
    for (let index = 0; index < 2; index++) {
      const completion = await openai().chat.completions.create({ model: 'gpt-5.3-codex-spark', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    }
    expect(fake.apiRequests().filter((request) => request.headers.authorization === `Bearer ${pro.accessToken}`)).toHaveLength(2);
    const refused = (await accounts()).find((account) => account.email === 'plus-refused@example.com')!;
    expect(refused.cooldowns).toEqual([expect.objectContaining({ model: 'gpt-5.3-codex-spark', reason: 'model_not_supported' })]);
    // Its other models still work.
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    expect(fake.apiRequests().some((request) => request.headers.authorization === `Bearer ${plus.accessToken}` && body(request).model === 'gpt-5.5')).toBe(true);
  });

  it('context_length_exceeded is the request’s problem: 400 at once, no other account tried', async () => {
    seedAccount({ email: 'ctx-a@example.com' });
    seedAccount({ email: 'ctx-b@example.com' });
    await eventually(accounts, (list) => list.length === 2);
    fake.upstream.script({ path: '/backend-api/codex/responses' }, { kind: 'json', status: 400, body: { error: { message: 'Your input exceeds the context window of this model.', type: 'invalid_request_error', code: 'context_length_exceeded' } } }, { times: 1 });
    const error = await openai()
      .chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'a very long history' }] })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((error as Error).message).toMatch(/context_too_large/);
    expect(fake.apiRequests()).toHaveLength(1);
    expect((await accounts()).every((account) => account.cooldowns.length === 0)).toBe(true);
  });

  it('an error after the first byte reaches the client in band, in its own format', async () => {
    seedAccount({ email: 'midstream@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.upstream.script({ path: '/backend-api/codex/responses' }, {
      kind: 'sse',
      events: [
        namedJsonEvent('response.created', { type: 'response.created', response: { id: 'resp_mid', status: 'in_progress', output: [] } }),
        namedJsonEvent('response.output_text.delta', { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Partial ' }),
        namedJsonEvent('response.failed', { type: 'response.failed', response: { id: 'resp_mid', status: 'failed', error: { code: 'server_error', message: 'The model crashed mid-answer.' } } }),
      ],
    }, { times: 1 });
    const stream = await openai().chat.completions.create({ model: 'gpt-5.5', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((caught: Error) => caught);
    expect(text).toBe('Partial ');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toMatch(/crashed mid-answer/);
  });

  it('a stream that stops before response.completed ends in an error, never a hung client', async () => {
    seedAccount({ email: 'cut@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    const cut = {
      kind: 'sse' as const,
      events: [
        namedJsonEvent('response.created', { type: 'response.created', response: { id: 'resp_cut', status: 'in_progress', output: [] } }),
        namedJsonEvent('response.output_text.delta', { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Half' }),
      ],
    };
    fake.upstream.script({ path: '/backend-api/codex/responses' }, cut, { times: 2 });
    const error = await openai()
      .chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(408);
    expect((error as Error).message).toMatch(/before response\.completed/);

    const stream = await anthropic().messages.create({ model: 'gpt-5.5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((caught: Error) => caught);
    expect(seen).toContain('content_block_delta');
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/closed the stream before response\.completed/);
  });
});

describe('Codex plans, models and quota', () => {
  it('plan tiers decide /v1/models: free has no gpt-5.4, team has Sol but no Spark, plus has Spark', async () => {
    seedAccount({ email: 'free@example.com', plan: 'free' });
    await eventually(accounts, (list) => list.length === 1);
    const free = await modelIds();
    expect(free).toEqual(expect.arrayContaining(['gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review']));
    expect(free).not.toContain('gpt-5.4');
    expect(free).not.toContain('gpt-5.3-codex-spark');

    seedAccount({ email: 'team@example.com', plan: 'business' });
    await eventually(accounts, (list) => list.length === 2);
    const team = await modelIds();
    expect(team).toEqual(expect.arrayContaining(['gpt-5.4', 'gpt-5.6-sol']));
    expect(team).not.toContain('gpt-5.3-codex-spark');

    seedAccount({ email: 'plus@example.com', plan: 'plus' });
    await eventually(accounts, (list) => list.length === 3);
    expect(await modelIds()).toContain('gpt-5.3-codex-spark');
    const plus = (await accounts()).find((account) => account.email === 'plus@example.com')!;
    expect(plus.models).toContain('gpt-5.3-codex-spark');
  });

  it('Spark with only team accounts: served by the next model of the chain, and the client is told in x-cliproxy-warning', async () => {
    seedAccount({ email: 'team-only@example.com', plan: 'team' });
    await eventually(accounts, (list) => list.length === 1);
    const { data, response } = await openai().chat.completions.create({ model: 'gpt-5.3-codex-spark', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.choices[0].message.content).toBe('Hello from the fake upstream.');
    expect(response.headers.get('x-cliproxy-warning')).toBe('model gpt-5.3-codex-spark is not offered by any account; served by gpt-5.5 instead (via gpt-5.3-codex)');
    expect(body(fake.apiRequests()[0]).model).toBe('gpt-5.5');
    expect(proxy.logs.some((line) => line.includes('gpt-5.3-codex-spark is not offered by any account'))).toBe(true);
  });

  it('quota from /wham/usage (primary and weekly windows, code review, reset credits), and from x-codex-* headers after a request', async () => {
    const seeded = seedAccount({ email: 'quota@example.com' });
    const [account] = await eventually(accounts, (list) => list.length === 1);
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota.source).toBe('vendor');
    expect(quota.buckets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'codex_primary', label: '5-hour limit', remainingFraction: 0.7, resetsAt: new Date(fake.usage.primary.resetAt * 1000).toISOString() }),
        expect.objectContaining({ id: 'codex_secondary', label: 'Weekly limit', remainingFraction: 0.9 }),
        expect.objectContaining({ id: 'code_review_primary', remainingFraction: 1 }),
        expect.objectContaining({ id: 'reset_credits', remaining: 2 }),
      ]),
    );
    const usage = fake.upstream.requests.find((request) => request.path === '/backend-api/wham/usage')!;
    expect(usage.headers).toMatchObject({ authorization: `Bearer ${seeded.accessToken}`, 'chatgpt-account-id': seeded.account.accountId });

    fake.usage.primary.usedPercent = 55;
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    const [after] = await accounts();
    expect(after.quota.source).toBe('headers');
    expect(after.quota.buckets.find((bucket) => bucket.id === 'codex_primary')).toMatchObject({ remainingFraction: 0.45, label: '5-hour limit' });
    fake.usage.primary.usedPercent = 30;
  });
});

describe('Codex API keys next to subscriptions', () => {
  let mixed: TestProxy;
  beforeAll(async () => {
    mixed = await startTestProxy(
      codexConfig(
        fake.endpoints,
        `codex-api-key:
  - api-key: "sk-openai-key"
    base-url: "${fake.upstream.url}/v1"
    models: [{ name: "gpt-5.3-codex" }]
`,
      ),
    );
  });
  afterAll(async () => {
    await mixed?.close();
  });

  it('an API key keeps today’s request (no Originator, no account header, its own stream choice); Spark falls back to its gpt-5.3-codex', async () => {
    const seeded = fake.seed({ email: 'mixed-team@example.com', plan: 'team' });
    writeAuthFile(mixed, 'codex-mixed-team@example.com.json', {
      type: 'codex',
      id_token: seeded.idToken,
      access_token: seeded.accessToken,
      refresh_token: seeded.refreshToken,
      account_id: seeded.account.accountId,
      email: 'mixed-team@example.com',
      expired: new Date(Date.now() + 6 * 86_400_000).toISOString(),
    });
    await eventually(() => accounts(mixed), (list) => list.length === 1);
    const { data, response } = await openai(mixed).chat.completions.create({ model: 'gpt-5.3-codex-spark', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.choices[0].message.content).toBe('Hello from the fake upstream.');
    expect(response.headers.get('x-cliproxy-warning')).toBe('model gpt-5.3-codex-spark is not offered by any account; served by gpt-5.3-codex instead');
    const request = fake.upstream.requests.at(-1)!;
    expect(request.path).toBe('/v1/responses');
    expect(request.headers.authorization).toBe('Bearer sk-openai-key');
    expect(request.headers.originator).toBeUndefined();
    expect(request.headers['chatgpt-account-id']).toBeUndefined();
    expect(body(request)).toMatchObject({ model: 'gpt-5.3-codex', stream: false });
  });
});

