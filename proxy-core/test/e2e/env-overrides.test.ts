import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// CLIPROXY_* environment overrides (CLIProxyAPI plusplus): they win over config.yaml on start and on every reload.

let fake: FakeUpstream;
let proxy: TestProxy;

const ENV_KEY = 'sk-env-client-key-0001';
const ENV_SECRET = 'env-management-secret-0001';

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'from env' });
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-env-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`),
    { deps: { env: { CLIPROXY_API_KEYS: ` ${ENV_KEY} , `, CLIPROXY_SECRET_KEY: ENV_SECRET, CLIPROXY_ROUTING_STRATEGY: 'ff', CLIPROXY_DEBUG: 'maybe', MANAGEMENT_PASSWORD: 'plain-password-0001' } } },
  );
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

const chat = (key: string) =>
  fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
  });
const status = (key: string) => fetch(`${proxy.url}/v0/management/status`, { headers: { authorization: `Bearer ${key}` } });

describe('CLIPROXY_* environment overrides', () => {
  it('replace the client keys, the management key and the routing strategy from config.yaml, and say so', async () => {
    expect((await chat(ENV_KEY)).status).toBe(200);
    expect((await chat(CLIENT_KEY)).status).toBe(401);
    expect((await status(ENV_SECRET)).status).toBe(200);
    expect((await status(MANAGEMENT_KEY)).status).toBe(401);
    expect(proxy.logs.some((line) => line.includes('environment overrides config.yaml: CLIPROXY_SECRET_KEY, CLIPROXY_ROUTING_STRATEGY, CLIPROXY_API_KEYS'))).toBe(true);
    expect(proxy.logs.some((line) => line.includes('CLIPROXY_DEBUG=maybe is not a yes/no value'))).toBe(true);
    expect(proxy.logs.some((line) => line.includes('MANAGEMENT_PASSWORD is set but not used'))).toBe(true);
    expect((await status('plain-password-0001')).status).toBe(401);
    // The env's keys are secrets like the file's: never in a log line.
    expect(proxy.logs.join('\n')).not.toContain(ENV_SECRET);
  });

  it('still win after a reload of config.yaml', async () => {
    expect((await proxy.proxy.reload()).ok).toBe(true);
    expect((await chat(ENV_KEY)).status).toBe(200);
    expect((await chat(CLIENT_KEY)).status).toBe(401);
  });
});
