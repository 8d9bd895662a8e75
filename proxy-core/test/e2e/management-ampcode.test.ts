import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAmp, startFakeUpstream, type FakeAmp, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, MANAGEMENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';

// CLIProxyAPI's /v0/management/ampcode* routes: what they write to config.yaml, and that it applies at once.
let fake: FakeUpstream;
let amp: FakeAmp;
let proxy: TestProxy;

const call = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${proxy.url}/v0/management/ampcode${route}`, {
    method,
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};
const ampFile = () => (parse(readFileSync(proxy.configPath, 'utf8')) as Record<string, any>).ampcode;
const askClaude = (model: string) =>
  fetch(`${proxy.url}/api/provider/anthropic/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });

beforeAll(async () => {
  [fake, amp] = await Promise.all([startFakeUpstream(), startFakeAmp()]);
  proxy = await startTestProxy(crossDialectConfig(fake.url));
});
afterAll(async () => {
  await proxy?.close();
  await amp?.close();
  await fake?.close();
});

describe('/v0/management/ampcode*', () => {
  it('GET /ampcode answers every key with its default', async () => {
    expect(await call('GET', '')).toEqual({
      status: 200,
      body: { ampcode: { 'upstream-api-key': '', 'restrict-management-to-localhost': false, 'upstream-api-keys': [], 'model-mappings': [], 'force-model-mappings': false } },
    });
  });

  it('scalars: PUT {"value"} writes config.yaml, GET reads it back, DELETE removes it', async () => {
    expect((await call('PUT', '/upstream-url', { value: amp.url })).body).toMatchObject({ status: 'ok' });
    expect((await call('PATCH', '/force-model-mappings', { value: true })).status).toBe(200);
    expect(await call('GET', '/upstream-url')).toEqual({ status: 200, body: { 'upstream-url': amp.url } });
    expect(ampFile()).toMatchObject({ 'upstream-url': amp.url, 'force-model-mappings': true });
    await call('DELETE', '/force-model-mappings');
    expect(ampFile()['force-model-mappings']).toBeUndefined();
    expect((await call('PUT', '/restrict-management-to-localhost', { value: 'yes' })).status).toBe(400);
  });

  it('model-mappings: PUT replaces, PATCH upserts by from, and the Amp route uses them at once', async () => {
    await call('PUT', '/model-mappings', { value: [{ from: 'claude-opus-9', to: 'chat-model' }] });
    await call('PATCH', '/model-mappings', { value: [{ from: 'claude-opus-9', to: 'claude-model' }, { from: 'gpt-9', to: 'chat-model' }] });
    expect((await call('GET', '/model-mappings')).body).toEqual({ 'model-mappings': [{ from: 'claude-opus-9', to: 'claude-model' }, { from: 'gpt-9', to: 'chat-model' }] });
    const response = await askClaude('claude-opus-9');
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/messages', body: { model: 'claude-upstream' } });
  });

  it('model-mappings: DELETE {"value":[from]} removes those; an empty DELETE removes all', async () => {
    await call('DELETE', '/model-mappings', { value: ['claude-opus-9'] });
    expect(ampFile()['model-mappings']).toEqual([{ from: 'gpt-9', to: 'chat-model' }]);
    // No mapping and an upstream-url: Amp's servers answer now.
    expect(await (await askClaude('claude-opus-9')).json()).toMatchObject({ servedBy: 'fake-amp', model: 'claude-opus-9' });
    await call('DELETE', '/model-mappings');
    expect(ampFile()['model-mappings']).toBeUndefined();
  });

  it('upstream-api-keys: PUT, PATCH by upstream-api-key, DELETE by upstream-api-key', async () => {
    await call('PUT', '/upstream-api-keys', { value: [{ 'upstream-api-key': 'amp-team-1', 'api-keys': ['sk-a'] }] });
    await call('PATCH', '/upstream-api-keys', { value: [{ 'upstream-api-key': 'amp-team-1', 'api-keys': ['sk-b'] }, { 'upstream-api-key': 'amp-team-2', 'api-keys': [CLIENT_KEY] }] });
    expect((await call('GET', '/upstream-api-keys')).body['upstream-api-keys']).toEqual([
      { 'upstream-api-key': 'amp-team-1', 'api-keys': ['sk-b'] },
      { 'upstream-api-key': 'amp-team-2', 'api-keys': [CLIENT_KEY] },
    ]);
    await askClaude('claude-opus-9');
    expect(amp.requests.at(-1)?.headers.authorization).toBe('Bearer amp-team-2');
    await call('DELETE', '/upstream-api-keys', { value: ['amp-team-1'] });
    expect(ampFile()['upstream-api-keys']).toEqual([{ 'upstream-api-key': 'amp-team-2', 'api-keys': [CLIENT_KEY] }]);
  });

  it('needs the management key', async () => {
    expect((await fetch(`${proxy.url}/v0/management/ampcode`)).status).toBe(401);
  });
});
