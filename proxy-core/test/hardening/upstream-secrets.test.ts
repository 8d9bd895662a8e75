import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';

// An upstream that echoes the key it was sent must not get that key into any client or management answer.
const CLAUDE_KEY = 'sk-ant-api03-upstreamsecretAAAABBBBCCCCDDDD';
const PLAIN_KEY = 'plain-upstream-secret-0042';
let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`claude-api-key:
  - api-key: "${CLAUDE_KEY}"
    base-url: "${'$FAKE'}"
    models: [{ name: "claude-upstream", alias: "claude-model" }]
openai-compatibility:
  - name: plain
    base-url: "${'$FAKE'}/v1"
    api-key-entries: [{ api-key: "${PLAIN_KEY}" }]
    models: [{ name: "plain-upstream", alias: "plain-model" }]
`).replaceAll('$FAKE', fake.url),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const ask = (path: string, body: unknown) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('upstream text is scrubbed of secrets before it leaves the process', () => {
  it('a 401 echoing the key, the all-credentials-cooling 429 after it, and the cooldown reason in management', async () => {
    fake.script({ path: '/v1/messages' }, (request) => ({
      kind: 'json',
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: `Incorrect API key provided: ${request.apiKey}. You can find your API key at console.anthropic.com.` } },
    }));
    const first = await ask('/v1/messages', { model: 'claude-model', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    const firstText = await first.text();
    expect(first.status).toBe(401);
    expect(firstText).toContain('Incorrect API key provided: sk-a');
    expect(firstText).not.toContain(CLAUDE_KEY);
    expect(firstText).not.toContain('upstreamsecret');

    const cooling = await ask('/v1/chat/completions', { model: 'claude-model', messages: [{ role: 'user', content: 'hi' }] });
    const coolingText = await cooling.text();
    expect(cooling.status).toBe(429);
    expect(coolingText).toContain('Incorrect API key provided');
    expect(coolingText).not.toContain('upstreamsecret');

    const credentials = await (await fetch(`${proxy.url}/v0/management/credentials`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).text();
    expect(credentials).toContain('Incorrect API key provided');
    expect(credentials).not.toContain('upstreamsecret');
    expect(proxy.logs.join('\n')).not.toContain('upstreamsecret');
  });

  it('a configured key that does not look like a key is masked too (a 400 echoing it)', async () => {
    fake.script({ path: '/v1/chat/completions' }, (request) => ({ kind: 'json', status: 400, body: { error: { message: `bad request for account ${request.apiKey}`, type: 'invalid_request_error' } } }));
    const answer = await ask('/v1/chat/completions', { model: 'plain-model', messages: [{ role: 'user', content: 'hi' }] });
    const text = await answer.text();
    expect(answer.status).toBe(400);
    expect(text).toContain('bad request for account');
    expect(text).not.toContain(PLAIN_KEY);
  });
});
