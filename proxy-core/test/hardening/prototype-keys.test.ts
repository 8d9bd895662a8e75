import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startTestProxy(configWith(''));
});
afterAll(async () => {
  await proxy?.close();
});

const management = (method: string, path: string, body: string, type = 'application/json') =>
  fetch(`${proxy.url}/v0/management${path}`, { method, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': type }, body });

describe('prototype keys never become config keys', () => {
  it('PATCH /config refuses __proto__, constructor and prototype in a dotted key or inside a value, with a 400 naming the key', async () => {
    const before = readFileSync(proxy.configPath, 'utf8');
    const cases: Array<[string, string]> = [
      ['{"values":{"__proto__.polluted":"yes"}}', '__proto__'],
      ['{"values":{"routing.constructor":"x"}}', 'constructor'],
      ['{"values":{"routing":{"prototype":{"a":1}}}}', 'prototype'],
      ['{"values":{"__proto__":{"debug":true}}}', '__proto__'],
    ];
    for (const [body, key] of cases) {
      const answer = await management('PATCH', '/config', body);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toContain(`"${key}"`);
    }
    const nested = await management('POST', '/openai-compatibility', '{"name":"x","base-url":"http://127.0.0.1:1/v1","constructor":{"prototype":1}}');
    expect(nested.status).toBe(400);
    expect(readFileSync(proxy.configPath, 'utf8')).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('PUT /config.yaml refuses a text with such a key (400) and leaves the file alone', async () => {
    const before = readFileSync(proxy.configPath, 'utf8');
    const answer = await management('PUT', '/config.yaml', `${before}__proto__:\n  debug: true\n`, 'application/yaml');
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/"__proto__" .*not allowed/);
    expect(readFileSync(proxy.configPath, 'utf8')).toBe(before);
  });

  it('a hand-edited config.yaml with such keys loads with an unknown-key warning for each', () => {
    const loaded = parseConfigText('port: 8317\n__proto__:\n  debug: true\nrouting:\n  constructor: 1\n  strategy: round-robin\n', '/tmp/config.yaml', { home: '/tmp' });
    expect(loaded.warnings.map((warning) => warning.key)).toEqual(['__proto__', 'routing.constructor']);
    expect(loaded.config.debug).toBe(false);
  });
});
