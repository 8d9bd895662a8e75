import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// passthrough-headers: the upstream's response headers reach the client (without hop-by-hop, framing, cookies or
// credentials); off by default, applied on reload.

let fake: FakeUpstream;
let proxy: TestProxy;

const config = (on: boolean) =>
  configWith(`passthrough-headers: ${on}
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-headers-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`);

const ANSWER = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'upstream-chat',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

async function headersWith(on: boolean): Promise<Headers> {
  writeFileSync(proxy.configPath, config(on).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
  expect((await proxy.proxy.reload()).ok).toBe(true);
  fake.script({}, { kind: 'json', body: ANSWER, headers: { 'openai-organization': 'org-fake', 'x-upstream-trace': 'trace-1', 'set-cookie': 'session=secret', 'x-request-id': 'upstream-id' } }, { times: 1 });
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as typeof ANSWER).choices[0].message.content).toBe('hi');
  return response.headers;
}

beforeAll(async () => {
  fake = await startFakeUpstream({});
  proxy = await startTestProxy('port: 0\n');
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

describe('passthrough-headers', () => {
  it('is off by default: only our headers and the rate-limit ones', async () => {
    const headers = await headersWith(false);
    expect(headers.get('openai-organization')).toBeNull();
    expect(headers.get('x-upstream-trace')).toBeNull();
  });

  it('forwards the upstream headers when on, never its cookies, and keeps our request id', async () => {
    const headers = await headersWith(true);
    expect(headers.get('openai-organization')).toBe('org-fake');
    expect(headers.get('x-upstream-trace')).toBe('trace-1');
    expect(headers.get('set-cookie')).toBeNull();
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/);
  });
});
