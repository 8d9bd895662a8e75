import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// Per-key `weight` with routing.strategy weighted-round-robin (smooth WRR; weight ≤ 0 leaves a key out), switched
// on through the reference's management route PUT /routing/strategy.
let fake: FakeUpstream;
let proxy: TestProxy;

const ask = () =>
  new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
const management = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${proxy.url}/v0/management${route}`, {
    method,
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function keysFor(requests: number): Promise<Record<string, number>> {
  fake.reset();
  for (let index = 0; index < requests; index++) await ask();
  const counts: Record<string, number> = {};
  for (const request of fake.requests) counts[request.apiKey ?? '?'] = (counts[request.apiKey ?? '?'] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "key-heavy", weight: 3 }, { api-key: "key-light" }, { api-key: "key-off", weight: 0 }]
    models: [{ name: "m", alias: "m" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('weighted-round-robin', () => {
  it('round-robin ignores weights: every key serves in turn', async () => {
    expect(await keysFor(6)).toEqual({ 'key-heavy': 2, 'key-light': 2, 'key-off': 2 });
  });

  it('after PUT /routing/strategy wrr, keys serve in proportion to weight and weight 0 never serves', async () => {
    expect(await management('PUT', '/routing/strategy', { value: 'wrr' })).toMatchObject({ status: 200 });
    expect((await management('GET', '/routing/strategy')).body).toEqual({ strategy: 'weighted-round-robin' });
    expect(await keysFor(8)).toEqual({ 'key-heavy': 6, 'key-light': 2 });
  });

  it('takes the long name too, and management shows each key\'s weight', async () => {
    expect(await management('PUT', '/routing/strategy', { value: 'weighted-round-robin' })).toMatchObject({ status: 200 });
    expect((await management('GET', '/routing/strategy')).body).toEqual({ strategy: 'weighted-round-robin' });
    const config = await management('GET', '/openai-compatibility');
    expect(JSON.stringify(config.body)).toContain('"weight":3');
  });
});
