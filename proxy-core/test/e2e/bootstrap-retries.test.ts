import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// streaming.bootstrap-retries: a stream that fails before its first byte is tried again on the same account that
// many times before the account cools down; non-stream requests are not retried this way.

let fake: FakeUpstream;
let proxy: TestProxy;

const config = (retries: number) =>
  configWith(`streaming:
  bootstrap-retries: ${retries}
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-bootstrap-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`);

async function useConfig(retries: number): Promise<void> {
  writeFileSync(proxy.configPath, config(retries).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
  expect((await proxy.proxy.reload()).ok).toBe(true);
  for (const credential of (await management<{ credentials: Array<{ id: string }> }>(proxy, 'GET', '/credentials')).body.credentials) {
    await management(proxy, 'DELETE', `/credentials/${encodeURIComponent(credential.id)}/cooldowns`);
  }
}

async function chat(stream: boolean): Promise<{ status: number; text: string }> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat-model', stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'streamed fine' });
  proxy = await startTestProxy('port: 0\n');
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

describe('streaming.bootstrap-retries', () => {
  it('retries a stream that failed before its first byte on the same key, and the client gets the answer', async () => {
    await useConfig(2);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 2 });
    const before = fake.requests.length;
    const answer = await chat(true);
    expect(answer.status).toBe(200);
    const text = answer.text
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => (JSON.parse(line.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toBe('streamed fine');
    expect(answer.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(fake.requests.length).toBe(before + 3);
  });

  it('gives up after the configured retries, and never retries a non-stream request this way', async () => {
    await useConfig(1);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 2 });
    let before = fake.requests.length;
    expect((await chat(true)).status).toBe(503);
    expect(fake.requests.length).toBe(before + 2);

    await useConfig(3);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 1 });
    before = fake.requests.length;
    expect((await chat(false)).status).toBe(503);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('does not retry with the default 0', async () => {
    await useConfig(0);
    fake.script({}, vendorError('openai', 503, 'The server is overloaded'), { times: 1 });
    const before = fake.requests.length;
    expect((await chat(true)).status).toBe(503);
    expect(fake.requests.length).toBe(before + 1);
  });
});
