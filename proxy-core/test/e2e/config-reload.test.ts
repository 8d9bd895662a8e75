import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

const until = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
};
const modelIds = async (key = CLIENT_KEY) => {
  const response = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  return response.status === 200 ? ((await response.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id) : [];
};

/** The config with provider "one", and "two" when asked. */
const providers = (withSecond: boolean) =>
  configWith(`openai-compatibility:
  - name: one
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "k1" }]
    models: [{ name: "first", alias: "first" }]
${withSecond ? `  - name: two\n    base-url: "${fake.url}/v1"\n    api-key-entries: [{ api-key: "k2" }]\n    models: [{ name: "second", alias: "second" }]\n` : ''}`).replaceAll('$AUTH_DIR', `${proxy?.dir ?? ''}/auth`);

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(providers(false), { watch: true });
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('hot reload of config.yaml', () => {
  it('picks up new client keys and provider entries without a restart', async () => {
    writeFileSync(proxy.configPath, `${providers(true).replace(`api-keys: ["${CLIENT_KEY}"]`, `api-keys: ["${CLIENT_KEY}", "sk-added-later"]`)}`);
    await until(async () => (await modelIds('sk-added-later')).includes('second'));
    expect(await modelIds()).toEqual(['first', 'second']);
  });

  it('keeps the running config when an edit is invalid, logs it and shows it in management', async () => {
    const good = readFileSync(proxy.configPath, 'utf8');
    writeFileSync(proxy.configPath, `${good}\nport: "not a number"\n`);
    await until(async () => proxy.logs.some((line) => /config reload failed/.test(line)));
    expect(await modelIds()).toEqual(['first', 'second']);
    const status = (await (await fetch(`${proxy.url}/v0/management/status`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as {
      config: { lastReloadError: { line: number; key: string } };
    };
    expect(status.config.lastReloadError).toMatchObject({ key: 'port' });
    expect(status.config.lastReloadError.line).toBeGreaterThan(1);
    writeFileSync(proxy.configPath, good);
    await until(async () => {
      const next = (await (await fetch(`${proxy.url}/v0/management/status`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { config: { lastReloadError: unknown } };
      return next.config.lastReloadError === null;
    });
  });

  it('removing a provider entry removes its models', async () => {
    expect(await modelIds()).toEqual(['first', 'second']);
    writeFileSync(proxy.configPath, providers(false));
    await until(async () => !(await modelIds()).includes('second'));
    expect(await modelIds()).toEqual(['first']);
  });
});
