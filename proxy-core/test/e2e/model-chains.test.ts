import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Fallback chains (issue 16 item 4): members tried in order before the first byte, never after it.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'chain answer' });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: first
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-first" }]
    models: [{ name: "m1" }]
  - name: second
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-second" }]
    models: [{ name: "m2" }]
model-chains:
  - name: coder
    models: ["m1", "m2"]
model-mappings:
  - from: "ghost-*"
    to: "gpt-nowhere"
  - from: "team-coder"
    to: "coder"
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
afterEach(async () => {
  fake.reset();
  for (const credential of (await management(proxy, 'GET', '/credentials')).body.credentials) await management(proxy, 'DELETE', `/credentials/${credential.id}/cooldowns`);
});

const client = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const chatChunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm1', choices: [{ index: 0, delta, finish_reason: finish }] }),
});

describe('model chains', () => {
  it('are listed in /v1/models as cliproxy-chain', async () => {
    const models = await client().models.list();
    expect(models.data.find((model) => model.id === 'coder')).toMatchObject({ id: 'coder', object: 'model', owned_by: 'cliproxy-chain' });
    // The Models page's data names the members in order.
    expect((await management(proxy, 'GET', '/models')).body.chains).toEqual([{ name: 'coder', models: ['m1', 'm2'] }]);
  });

  it('member 1 answering 429 before the first byte: member 2 answers, and the log and the usage row say why member 1 was skipped', async () => {
    fake.script({ model: 'm1' }, vendorError('openai', 429, 'Rate limit reached for requests', { retryAfterSeconds: 120 }));
    const { data: completion, response } = await client().chat.completions.create({ model: 'coder', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(completion.choices[0].message.content).toBe('chain answer');
    expect(completion.model).toBe('coder');
    expect(fake.requests.map((request) => [request.apiKey, (request.body as { model: string }).model])).toEqual([
      ['key-first', 'm1'],
      ['key-second', 'm2'],
    ]);
    expect(response.headers.get('x-cliproxy-warning')).toBe('chain coder: m1 skipped: out of quota (HTTP 429); answered by m2');
    const [row] = (await management(proxy, 'GET', '/usage/recent?limit=1')).body.requests;
    expect(row).toMatchObject({
      requestedModel: 'coder',
      upstreamModel: 'm2',
      provider: 'second',
      status: 200,
      attempts: 2,
      routeNote: 'coder → m2 (chain coder, member 2); m1 skipped: out of quota (HTTP 429)',
    });
    expect(proxy.logs.some((line) => line.includes('model="coder → m2 (chain coder, member 2)"') && line.includes('skipped="m1 skipped: out of quota (HTTP 429)"'))).toBe(true);

    // While m1 cools down, the next request skips it without calling it.
    fake.requests.length = 0;
    await client().chat.completions.create({ model: 'coder', messages: [{ role: 'user', content: 'again' }] });
    expect(fake.requests.map((request) => (request.body as { model: string }).model)).toEqual(['m2']);
    const [second] = (await management(proxy, 'GET', '/usage/recent?limit=1')).body.requests;
    expect(second.routeNote).toBe('coder → m2 (chain coder, member 2); m1 skipped: every account is cooling down');
  });

  it('does NOT fall over once the first byte reached the client: the break is an in-band error', async () => {
    fake.script({ model: 'm1' }, { kind: 'sse', destroyAfter: 2, events: [chatChunk({ role: 'assistant', content: 'par' }), chatChunk({ content: 'tial' }), chatChunk({}, 'stop')] });
    const stream = await client().chat.completions.create({ model: 'coder', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta?.content ?? '');
      })(),
    ).rejects.toThrow(/upstream stream broke/i);
    expect(received.join('')).toBe('partial');
    expect(fake.requests.map((request) => (request.body as { model: string }).model)).toEqual(['m1']);
  });

  it('a mapping may name a chain; a mapping to an id nobody serves is a 404 naming the rule', async () => {
    const completion = await client().chat.completions.create({ model: 'team-coder', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.model).toBe('team-coder');
    expect(fake.requests.map((request) => (request.body as { model: string }).model)).toEqual(['m1']);
    const [row] = (await management(proxy, 'GET', '/usage/recent?limit=1')).body.requests;
    expect(row.routeNote).toBe('team-coder → m1 (mapping 2, chain coder, member 1)');

    const error = await client()
      .chat.completions.create({ model: 'ghost-3', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: { status: number; error: { message: string } }) => caught);
    expect(error).toMatchObject({ status: 404 });
    expect((error as { error: { message: string } }).error.message).toBe(
      'Model "ghost-3" is mapped to "gpt-nowhere" by model-mappings rule 1 (from "ghost-*"). Model "gpt-nowhere" is not served by any enabled account. List the models this key can use with GET /v1/models (or the Models page in the app).',
    );
  });

  it('a chain whose every member fails says so, naming each', async () => {
    fake.script({ model: 'm1' }, vendorError('openai', 429, 'Rate limit reached for requests', { retryAfterSeconds: 120 }));
    fake.script({ model: 'm2' }, vendorError('openai', 503, 'overloaded'));
    const error = await client()
      .chat.completions.create({ model: 'coder', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: { status: number; error: { message: string } }) => caught);
    expect(error).toMatchObject({ status: 503 });
    expect((error as { error: { message: string } }).error.message).toMatch(/^Chain "coder": m1 skipped: out of quota \(HTTP 429\); m2 failed\. The upstream for second account .+ had an error \(HTTP 503: overloaded\)/);
  });
});
