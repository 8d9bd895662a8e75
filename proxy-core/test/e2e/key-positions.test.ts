import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Management edits the config line a key came from, even when duplicates are dropped or a key is in the legacy list.
let fake: FakeUpstream;
let proxy: TestProxy;
const models = async () => ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
const credentialFor = async (model: string) => {
  const list = (await management<{ models: Array<{ id: string; credentials: Array<{ id: string }> }> }>(proxy, 'GET', '/models')).body.models;
  return list.find((item) => item.id === model)!.credentials[0].id;
};

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`gemini-api-key:
  - api-key: "AIza-key-a"
    base-url: "${fake.url}"
    models: [{ name: "g-a" }]
  - api-key: "AIza-key-a"
    base-url: "${fake.url}"
    models: [{ name: "g-a-again" }]
  - api-key: "AIza-key-b"
    base-url: "${fake.url}"
    models: [{ name: "g-b" }]
generative-language-api-key: ["AIza-legacy-c"]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

it('switching off the key after a dropped duplicate writes its own entry (gemini-api-key[2]), not the duplicate', async () => {
  const id = await credentialFor('g-b');
  const result = await management(proxy, 'PATCH', `/credentials/${encodeURIComponent(id)}`, { disabled: true });
  expect(result.body).toMatchObject({ ok: true, persisted: true });
  const file = parse(readFileSync(proxy.configPath, 'utf8')) as { 'gemini-api-key': Array<Record<string, unknown>> };
  expect(file['gemini-api-key'].map((entry) => entry.disabled ?? false)).toEqual([false, false, true]);
  expect(await models()).not.toContain('g-b');
  expect(await models()).toContain('g-a');
});

it('a legacy generative-language-api-key key is switched off until restart, and the answer says why it is not saved', async () => {
  const id = await credentialFor('gemini-2.5-pro');
  const before = readFileSync(proxy.configPath, 'utf8');
  const result = await management(proxy, 'PATCH', `/credentials/${encodeURIComponent(id)}`, { disabled: true });
  expect(result.body).toMatchObject({ ok: true, persisted: false });
  expect(result.body.reason).toMatch(/legacy generative-language-api-key.*move it under gemini-api-key/);
  expect(readFileSync(proxy.configPath, 'utf8')).toBe(before);
  expect(await models()).not.toContain('gemini-2.5-pro');
});
