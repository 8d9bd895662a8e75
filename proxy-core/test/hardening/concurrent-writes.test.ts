import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startTestProxy(configWith(''));
});
afterAll(async () => {
  await proxy?.close();
});

const management = (method: string, path: string, body: unknown) =>
  fetch(`${proxy.url}/v0/management${path}`, { method, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('concurrent management writes', () => {
  it('50 writes to different settings at once: every acknowledged change is in the file and in the live config', async () => {
    const settings: Record<string, unknown> = {
      debug: true,
      'request-retry': 2,
      'max-retry-interval': 7,
      'disable-cooling': true,
      'force-model-prefix': true,
      'usage-retention-days': 33,
      'routing.strategy': 'fill-first',
      'quota-exceeded.switch-project': true,
      'quota-exceeded.switch-preview-model': true,
      'request-body-limit-mb': 48,
    };
    const writes: Array<Promise<Response>> = [];
    for (let index = 0; index < 25; index++) writes.push(management('PATCH', '/api-keys', { old: `absent-${index}`, new: `sk-concurrent-client-${index}` }));
    for (let index = 0; index < 15; index++) writes.push(management('POST', '/openai-compatibility', { name: `provider-${index}`, 'base-url': `http://127.0.0.1:9/v${index}`, 'api-key-entries': [{ 'api-key': `sk-upstream-${index}` }] }));
    for (const [key, value] of Object.entries(settings)) writes.push(management('PATCH', '/config', { values: { [key]: value } }));
    expect(writes).toHaveLength(50);
    const answers = await Promise.all(writes.map(async (write) => ({ status: (await write).status, body: (await (await write).json()) as { ok: boolean; persisted: boolean } })));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { ok: true, persisted: true } });

    const file = parse(readFileSync(proxy.configPath, 'utf8')) as Record<string, any>;
    const live = ((await (await fetch(`${proxy.url}/v0/management/api-keys?reveal=true`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { 'api-keys': string[] })['api-keys'];
    const expectedKeys = Array.from({ length: 25 }, (_, index) => `sk-concurrent-client-${index}`);
    expect([...file['api-keys']].sort()).toEqual(expect.arrayContaining(expectedKeys));
    expect(file['api-keys']).toHaveLength(26);
    expect(live).toEqual(file['api-keys']);
    expect(file['openai-compatibility'].map((entry: { name: string }) => entry.name).sort()).toEqual(Array.from({ length: 15 }, (_, index) => `provider-${index}`).sort());
    expect(file).toMatchObject({ debug: true, 'request-retry': 2, 'max-retry-interval': 7, 'disable-cooling': true, 'force-model-prefix': true, 'usage-retention-days': 33, routing: { strategy: 'fill-first' }, 'quota-exceeded': { 'switch-project': true, 'switch-preview-model': true }, 'request-body-limit-mb': 48 });
    const config = ((await (await fetch(`${proxy.url}/v0/management/config/view`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { config: Record<string, any> }).config;
    expect(config).toMatchObject({ debug: true, 'request-retry': 2, routing: { strategy: 'fill-first' }, 'request-body-limit-mb': 48 });
    expect(config['openai-compatibility']).toHaveLength(15);
  });
});
