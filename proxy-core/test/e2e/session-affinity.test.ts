import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Session affinity (issue 16 item 5): one conversation stays on one credential under round-robin until it cools down.
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`routing:
  strategy: round-robin
  session-affinity: true
  session-affinity-ttl: 1h
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }, { api-key: "key-b" }, { api-key: "key-c" }]
    models: [{ name: "m" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const conversation = (session: string) => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0, defaultHeaders: { 'x-session-id': session } });
const turn = (client: OpenAI, text: string) => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: text }] });
const affinity = async () => (await management(proxy, 'GET', '/usage/report')).body.summary.affinity as { hits: number; misses: number };

describe('session affinity', () => {
  it('holds one credential for 20 turns with round-robin on and 3 credentials, and moves only when it cools down', async () => {
    const client = conversation('conv-1');
    for (let index = 0; index < 20; index++) await turn(client, `turn ${index}`);
    const keys = fake.requests.map((request) => request.apiKey!);
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(1);
    const pinned = keys[0];
    expect(await affinity()).toEqual({ hits: 19, misses: 1 });

    // Meanwhile, requests of no conversation still rotate.
    fake.reset();
    const plain = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    for (let index = 0; index < 3; index++) await plain.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `no session ${index}` }, { role: 'user', content: String(index) }] });
    expect(new Set(fake.requests.map((request) => request.apiKey)).size).toBeGreaterThan(1);

    // The pinned credential hits a quota: this turn fails over and the conversation moves, then stays on the new one.
    fake.reset();
    fake.script({ apiKey: pinned }, vendorError('openai', 429, 'Rate limit reached for requests', { retryAfterSeconds: 600 }));
    await turn(client, 'turn 20');
    const moved = fake.requests.map((request) => request.apiKey!);
    expect(moved).toHaveLength(2);
    expect(moved[0]).toBe(pinned);
    expect(moved[1]).not.toBe(pinned);
    for (let index = 21; index < 25; index++) await turn(client, `turn ${index}`);
    expect(fake.requests.slice(2).map((request) => request.apiKey)).toEqual([moved[1], moved[1], moved[1], moved[1]]);
  });

  it('the hit count is visible in the usage summary', async () => {
    const { hits, misses } = await affinity();
    // 19 + the failing turn (pinned, then moved) + 4 on the new credential; the first turn and the 3 session-less
    // requests (keyed by their opening) are misses.
    expect(hits).toBe(24);
    expect(misses).toBe(4);
  });
});
