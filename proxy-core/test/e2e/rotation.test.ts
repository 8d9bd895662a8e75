import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { eventually } from './accounts-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// Two keys for one model: rotation, failover before the first byte, cooldowns and their reset times.
let fake: FakeUpstream;
let proxy: TestProxy;
const client = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const ask = (model = 'm') => client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const management = async (path: string, init: RequestInit = {}) =>
  (await fetch(`${proxy.url}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json', ...init.headers } })).json() as Promise<any>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-a" }, { api-key: "key-b" }]
    models: [{ name: "m", alias: "m" }]
  - name: backup
    priority: -1
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-low" }]
    models: [{ name: "m2", alias: "m2" }]
  - name: top
    priority: 5
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-top" }]
    models: [{ name: "m2", alias: "m2" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
async function resetKeys(): Promise<void> {
  fake.reset();
  for (const credential of (await management('/credentials')).credentials) await management(`/credentials/${credential.id}/cooldowns`, { method: 'DELETE' });
}
afterEach(resetKeys);

const keysSeen = () => fake.requests.map((request) => request.apiKey);

describe('rotation and failover', () => {
  it('round-robin alternates keys for one model', async () => {
    for (let index = 0; index < 4; index++) await ask();
    const seen = keysSeen();
    expect(new Set(seen)).toEqual(new Set(['key-a', 'key-b']));
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[2]).toBe(seen[0]);
  });

  it('a 429 on key A fails over to key B before the first byte, and A cools down until its Retry-After', async () => {
    fake.script({ apiKey: 'key-a' }, vendorError('openai', 429, 'Rate limit reached for requests', { retryAfterSeconds: 120 }));
    for (let index = 0; index < 4; index++) expect((await ask()).choices[0].message.content).toBeTruthy();
    const seen = keysSeen();
    expect(seen.filter((key) => key === 'key-a')).toHaveLength(1);
    expect(seen.filter((key) => key === 'key-b')).toHaveLength(4);
    const credentials = (await management('/credentials')).credentials as Array<{ label: string; state: string; cooldowns: Array<{ reason: string; secondsLeft: number; status: number }> }>;
    const a = credentials.find((credential) => credential.label.includes('key-a') || credential.label.endsWith('****'))!;
    const cooling = credentials.filter((credential) => credential.state === 'cooling');
    expect(cooling).toHaveLength(1);
    expect(cooling[0].cooldowns[0]).toMatchObject({ reason: 'quota', status: 429 });
    expect(cooling[0].cooldowns[0].secondsLeft).toBeGreaterThan(100);
    expect(cooling[0].cooldowns[0].secondsLeft).toBeLessThanOrEqual(120);
    void a;
  });

  it('when every key is cooling the client gets 429 with the shorter Retry-After, its reset time and which keys cool', async () => {
    const chat = () =>
      fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const triedLast = new Set<string | undefined>();
    // Twice: round-robin starts from the other key the second time, so once the key that frees up first is tried last and once not.
    for (let round = 0; round < 2; round++) {
      await resetKeys();
      fake.script({ apiKey: 'key-a' }, vendorError('openai', 429, 'quota exhausted', { retryAfterSeconds: 30 }));
      fake.script({ apiKey: 'key-b' }, vendorError('openai', 429, 'quota exhausted', { retryAfterSeconds: 90 }));
      // The request that found both keys failing: told the wait of the key that frees up first.
      const failed = await chat();
      expect(failed.status).toBe(429);
      expect(failed.headers.get('retry-after')).toBe('30');
      expect(fake.requests).toHaveLength(2);
      triedLast.add(fake.requests[1].apiKey);

      const response = await chat();
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('30');
      const body = (await response.json()) as { error: { code: string; message: string; reset_seconds: number; reset_time: string; cooling: Array<{ until: string }> } };
      expect(body.error.code).toBe('model_cooldown');
      expect(body.error.reset_seconds).toBe(30);
      const credentials = (await management('/credentials')).credentials as Array<{ group: string; cooldowns: Array<{ until: string; secondsLeft: number }> }>;
      const cooldowns = credentials.filter((credential) => credential.group === 'fakeai').map((credential) => credential.cooldowns[0]);
      const shorter = cooldowns.find((cooldown) => cooldown.secondsLeft <= 30)!;
      const longer = cooldowns.find((cooldown) => cooldown.secondsLeft > 30)!;
      expect(body.error.reset_time).toBe(shorter.until);
      expect(body.error.cooling.map((entry) => entry.until)).toEqual([shorter.until, longer.until]);
      expect(body.error.message).toMatch(/^All 2 credential\(s\) for model "m" are cooling down: .*The first is available again in 30s/);
      expect(fake.requests).toHaveLength(2);
    }
    expect(triedLast).toEqual(new Set(['key-a', 'key-b']));
    // The request that failed on both keys is recorded against the last key it tried.
    const recent = await eventually(
      async () => (await management('/usage/recent?limit=4')).requests as Array<{ status: number; credentialLabel: string; attempts: number }>,
      (records) => records.some((record) => record.status === 429 && record.attempts === 2),
    );
    expect(recent.find((record) => record.status === 429 && record.attempts === 2)?.credentialLabel).toMatch(/fakeai/);
  });

  it('a 401 cools that key for 30 minutes and the request still succeeds on the other', async () => {
    fake.script({ apiKey: 'key-b' }, vendorError('openai', 401, 'Incorrect API key provided'));
    await ask();
    await ask();
    const cooling = (await management('/credentials')).credentials.filter((credential: { state: string }) => credential.state === 'cooling');
    expect(cooling).toHaveLength(1);
    expect(cooling[0].cooldowns[0]).toMatchObject({ reason: 'unauthorized', message: 'Incorrect API key provided' });
    expect(cooling[0].cooldowns[0].secondsLeft).toBeGreaterThan(29 * 60);
  });

  it('a 400 request error is returned at once and never tried on another key', async () => {
    fake.script({}, vendorError('openai', 400, "Invalid 'messages': empty array", { code: 'invalid_request_error' }));
    await expect(ask()).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Invalid 'messages'") });
    expect(fake.requests).toHaveLength(1);
    expect((await management('/credentials')).credentials.every((credential: { state: string }) => credential.state === 'active')).toBe(true);
  });

  it('the highest priority tier serves first; lower tiers only when it cannot', async () => {
    await ask('m2');
    await ask('m2');
    expect(keysSeen()).toEqual(['key-top', 'key-top']);
    fake.script({ apiKey: 'key-top' }, vendorError('openai', 503, 'overloaded'));
    await ask('m2');
    expect(keysSeen().slice(2)).toEqual(['key-top', 'key-low']);
  });

  it('a disabled key is skipped at once and /v1/models drops a model nobody serves', async () => {
    const credentials = (await management('/credentials')).credentials as Array<{ id: string; group: string }>;
    const low = credentials.find((credential) => credential.group === 'backup')!;
    const top = credentials.find((credential) => credential.group === 'top')!;
    await management(`/credentials/${top.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) });
    await ask('m2');
    expect(keysSeen()).toEqual(['key-low']);
    await management(`/credentials/${low.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) });
    const models = (await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toEqual(['m']);
    await expect(ask('m2')).rejects.toMatchObject({ status: 404, message: expect.stringContaining('disabled') });
    await management(`/credentials/${top.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: false }) });
    await management(`/credentials/${low.id}`, { method: 'PATCH', body: JSON.stringify({ disabled: false }) });
    expect((await ask('m2')).choices[0].message.content).toBeTruthy();
  });
});
