import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAmp, startFakeUpstream, type FakeAmp, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, NO_REMOTE_ADDRESS, nonLoopbackAddress, startTestProxy, type TestProxy } from './harness.js';
import { describeWhen } from '../prerequisites.js';

// ampcode.model-mappings, force-model-mappings and upstream-api-keys on the Amp provider routes.
const AMP_KEY = 'sgamp_user_default_0001';
const TEAM_AMP_KEY = 'sgamp_user_team_0002';
const TEAM_CLIENT_KEY = 'sk-test-client-key-team';
let fake: FakeUpstream;
let amp: FakeAmp;
let proxy: TestProxy;

const ampBlock = (upstream: string, extra: string) =>
  `${crossDialectConfig(fake.url).replace(`api-keys: ["${CLIENT_KEY}"]`, `api-keys: ["${CLIENT_KEY}", "${TEAM_CLIENT_KEY}"]`)}ampcode:
  upstream-url: "${upstream}"
  upstream-api-key: "${AMP_KEY}"
  upstream-api-keys:
    - upstream-api-key: "${TEAM_AMP_KEY}"
      api-keys: ["${TEAM_CLIENT_KEY}"]
${extra}`;

const MAPPINGS = `  model-mappings:
    - { from: "Claude-Opus-4-5", to: "claude-model" }
    - { from: "^gpt-5.*-mini$", to: "chat-model", regex: true }
    - { from: "gemini-3-pro", to: "gemini-model" }
    - { from: "chat-model", to: "claude-model" }
    - { from: "nothing-serves-this", to: "missing-model" }
`;

const post = (base: string, path: string, body: unknown, key = CLIENT_KEY) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  [fake, amp] = await Promise.all([startFakeUpstream(), startFakeAmp()]);
  proxy = await startTestProxy(ampBlock(amp.url, MAPPINGS));
});
afterAll(async () => {
  await proxy?.close();
  await amp?.close();
  await fake?.close();
});

describe('ampcode.model-mappings on /api/provider/…', () => {
  it('a model no account serves is renamed (exact, any case) and answered by our account', async () => {
    const client = new Anthropic({ baseURL: `${proxy.url}/api/provider/anthropic`, apiKey: CLIENT_KEY });
    const message = await client.messages.create({ model: 'claude-opus-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(message.model).toBe('claude-opus-4-5');
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/messages', body: { model: 'claude-upstream' } });
  });

  it('regex rules match case-insensitively; a model with a thinking suffix is mapped too', async () => {
    const response = await post(proxy.url, '/api/provider/openai/v1/chat/completions', { model: 'GPT-5.1-Codex-Mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', body: { model: 'upstream-chat' } });
    const suffixed = await post(proxy.url, '/api/provider/anthropic/v1/messages', { model: 'claude-opus-4-5(1024)', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(suffixed.status).toBe(200);
    expect(fake.requests.at(-1)?.body).toMatchObject({ model: 'claude-upstream' });
  });

  it('streamed answers name the model the caller asked for in every event', async () => {
    const client = new Anthropic({ baseURL: `${proxy.url}/api/provider/anthropic`, apiKey: CLIENT_KEY });
    const stream = client.messages.stream({ model: 'Claude-Opus-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    const models: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_start') models.push(event.message.model);
    });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(models).toEqual(['Claude-Opus-4-5']);
    const chat = await post(proxy.url, '/api/provider/openai/v1/chat/completions', { model: 'gpt-5.1-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const events = (await chat.text()).split('\n').filter((line) => line.startsWith('data: {'));
    expect(events.length).toBeGreaterThan(1);
    for (const line of events) expect(JSON.parse(line.slice(6)).model).toBe('gpt-5.1-mini');
  });

  it('Gemini: the model in the path is renamed', async () => {
    const response = await post(proxy.url, '/api/provider/google/v1beta/models/gemini-3-pro:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)?.path).toBe('/v1beta/models/gemini-upstream:generateContent');
    const answer = (await response.json()) as { modelVersion?: string; candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    expect(answer.candidates[0].content.parts[0].text).toBe('Hello from the fake upstream.');
    expect(answer.modelVersion).toBe('gemini-3-pro');
  });

  it('without force-model-mappings, a model an account serves is not mapped', async () => {
    const response = await post(proxy.url, '/api/provider/openai/v1/chat/completions', { model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', body: { model: 'upstream-chat' } });
  });

  it('mappings apply only on the Amp routes, not on /v1', async () => {
    const response = await post(proxy.url, '/v1/messages', { model: 'claude-opus-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(404);
  });
});

describe('what nothing here serves goes to Amp’s servers (ampcode.upstream-url)', () => {
  it('unmapped model: passed on with the body unchanged and the default Amp key', async () => {
    const before = fake.requests.length;
    const response = await post(proxy.url, '/api/provider/anthropic/v1/messages', { model: 'claude-sonnet-9', max_tokens: 5, messages: [] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ servedBy: 'fake-amp', path: '/api/provider/anthropic/v1/messages', model: 'claude-sonnet-9' });
    expect(fake.requests.length).toBe(before);
    const seen = amp.requests.at(-1)!;
    expect(seen.headers.authorization).toBe(`Bearer ${AMP_KEY}`);
    expect(seen.headers['x-api-key']).toBeUndefined();
    expect(JSON.parse(seen.body.toString('utf8'))).toEqual({ model: 'claude-sonnet-9', max_tokens: 5, messages: [] });
  });

  it('a mapping whose target nothing serves is skipped, so Amp gets the original model', async () => {
    const response = await post(proxy.url, '/api/provider/openai/v1/chat/completions', { model: 'nothing-serves-this', messages: [] });
    expect(await response.json()).toMatchObject({ servedBy: 'fake-amp', model: 'nothing-serves-this' });
  });

  it('upstream-api-keys: a team client key sends its own Amp key, on model fallback and on Amp’s API', async () => {
    await post(proxy.url, '/api/provider/anthropic/v1/messages', { model: 'claude-sonnet-9', max_tokens: 5, messages: [] }, TEAM_CLIENT_KEY);
    expect(amp.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TEAM_AMP_KEY}`);
    const info = await post(proxy.url, '/api/internal?getUserInfo', {}, TEAM_CLIENT_KEY);
    expect(info.status).toBe(200);
    expect(amp.requests.at(-1)).toMatchObject({ url: '/api/internal?getUserInfo' });
    expect(amp.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TEAM_AMP_KEY}`);
    expect(proxy.logs.join('\n')).not.toContain(TEAM_AMP_KEY);
  });

  it('without upstream-url the local route answers with its model_not_found', async () => {
    const bare = await startTestProxy(`${crossDialectConfig(fake.url)}ampcode:\n${MAPPINGS}`);
    try {
      const response = await post(bare.url, '/api/provider/anthropic/v1/messages', { model: 'claude-sonnet-9', max_tokens: 5, messages: [] });
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).type).toBe('error');
    } finally {
      await bare.close();
    }
  });
});

describe('force-model-mappings: true', () => {
  it('maps before looking for an account serving the requested model', async () => {
    const forced = await startTestProxy(ampBlock(amp.url, `${MAPPINGS}  force-model-mappings: true\n`));
    try {
      const response = await post(forced.url, '/api/provider/openai/v1/chat/completions', { model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] });
      expect(response.status).toBe(200);
      expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/messages', body: { model: 'claude-upstream' } });
    } finally {
      await forced.close();
    }
  });
});

const remoteAddress = nonLoopbackAddress();
describeWhen(remoteAddress, NO_REMOTE_ADDRESS)('restrict-management-to-localhost: true', () => {
  it('refuses Amp’s passed-on API to a caller from another address (by socket), but still serves model traffic', async () => {
    const config = ampBlock(amp.url, '  restrict-management-to-localhost: true\n');
    const remote = await startTestProxy(config, { host: remoteAddress });
    try {
      const refused = await post(remote.url, '/api/internal?getUserInfo', {});
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('ampcode.restrict-management-to-localhost');
      expect((await post(remote.url, '/api/provider/openai/v1/chat/completions', { model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] })).status).toBe(200);
    } finally {
      await remote.close();
    }
  });
});
