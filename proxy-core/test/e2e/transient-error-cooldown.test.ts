import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// transient-error-cooldown-seconds: how long a 408/5xx cools the (key, model) pair. 0 = 60 s (the reference's
// default), -1 = not at all, N = N seconds; applied on reload.

let fake: FakeUpstream;
let proxy: TestProxy;

const config = (seconds: number | undefined) =>
  configWith(`${seconds === undefined ? '' : `transient-error-cooldown-seconds: ${seconds}\n`}openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-transient-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`);

async function useConfig(seconds: number | undefined): Promise<void> {
  writeFileSync(proxy.configPath, config(seconds).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
  expect((await proxy.proxy.reload()).ok).toBe(true);
  for (const credential of (await management<{ credentials: Array<{ id: string }> }>(proxy, 'GET', '/credentials')).body.credentials) {
    await management(proxy, 'DELETE', `/credentials/${encodeURIComponent(credential.id)}/cooldowns`);
  }
}

const chat = () =>
  fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
  });

async function cooldownSeconds(): Promise<number[]> {
  const { body } = await management<{ credentials: Array<{ cooldowns: Array<{ secondsLeft: number; reason: string }> }> }>(proxy, 'GET', '/credentials');
  return body.credentials.flatMap((credential) => credential.cooldowns.filter((entry) => entry.reason === 'transient').map((entry) => entry.secondsLeft));
}

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'ok' });
  proxy = await startTestProxy('port: 0\n');
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

describe('transient-error-cooldown-seconds', () => {
  it('cools a key for 60 s after a 503 by default, so the next request does not reach it', async () => {
    await useConfig(undefined);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 1 });
    expect((await chat()).status).toBe(503);
    const [left] = await cooldownSeconds();
    expect(left).toBeGreaterThan(50);
    expect(left).toBeLessThanOrEqual(60);
    const before = fake.requests.length;
    expect((await chat()).status).toBe(429);
    expect(fake.requests.length).toBe(before);
  });

  it('uses the configured seconds', async () => {
    await useConfig(5);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 1 });
    expect((await chat()).status).toBe(503);
    const [left] = await cooldownSeconds();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(5);
  });

  it('does not cool at all with -1: the next request goes to the same key and succeeds', async () => {
    await useConfig(-1);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 1 });
    expect((await chat()).status).toBe(503);
    expect(await cooldownSeconds()).toEqual([]);
    const before = fake.requests.length;
    expect((await chat()).status).toBe(200);
    expect(fake.requests.length).toBe(before + 1);
  });
});
