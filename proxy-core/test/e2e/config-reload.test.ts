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

  it('a good edit after a failed one logs that config.yaml loads again', async () => {
    const good = readFileSync(proxy.configPath, 'utf8');
    writeFileSync(proxy.configPath, `${good}\nrequest-retry: -1\n`);
    await until(async () => proxy.logs.some((line) => /config reload failed, keeping the previous config: .*request-retry/.test(line)));
    writeFileSync(proxy.configPath, `${good}\nrequest-retry: 1\n`);
    await until(async () => proxy.logs.some((line) => line.includes('it loads again after the earlier error')));
    expect(proxy.logs.filter((line) => line.includes('it loads again')).at(-1)).toMatch(
      new RegExp(` INFO  config reloaded from ${proxy.configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it loads again after the earlier error, and the new settings are in use$`),
    );
    writeFileSync(proxy.configPath, good);
    await until(async () => proxy.logs.filter((line) => line.endsWith(`config reloaded from ${proxy.configPath}`)).length > 0);
  });

  it('removing a provider entry removes its models', async () => {
    expect(await modelIds()).toEqual(['first', 'second']);
    writeFileSync(proxy.configPath, providers(false));
    await until(async () => !(await modelIds()).includes('second'));
    expect(await modelIds()).toEqual(['first']);
  });
});

describe('warnings about config.yaml', () => {
  it('unknown keys are logged at startup with their line, as on a reload, and listed in management status', async () => {
    const warned = await startTestProxy(`${configWith('')}routing:\n  strategy: fill-first\n  stratgy: round-robin\nmade-up-setting: 1\n`);
    try {
      const warnings = warned.logs.filter((line) => / WARN  config: /.test(line));
      expect(warnings).toEqual([
        expect.stringMatching(/WARN {2}config: line 9: routing\.stratgy: unknown key "stratgy" in routing — did you mean "strategy"\?/),
        expect.stringMatching(/WARN {2}config: line 10: made-up-setting: unknown key "made-up-setting"/),
      ]);
      // Said before the proxy announces itself, so a user reading the start-up output sees them.
      expect(warned.logs.findIndex((line) => line.includes("config: line 9"))).toBeLessThan(warned.logs.findIndex((line) => line.includes('proxy listening on')));
      const status = (await (await fetch(`${warned.url}/v0/management/status`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { config: { warnings: Array<{ key: string; line: number }> } };
      expect(status.config.warnings.map((warning) => [warning.key, warning.line])).toEqual([
        ["routing.stratgy", 9],
        ["made-up-setting", 10],
      ]);
    } finally {
      await warned.close();
    }
  });

  it('a config without unknown keys logs no config warning', async () => {
    const clean = await startTestProxy(configWith(''));
    try {
      expect(clean.logs.filter((line) => / WARN  config: /.test(line))).toEqual([]);
    } finally {
      await clean.close();
    }
  });
});

describe('hot reload of settings other than keys', () => {
  let upstream: FakeUpstream;
  let live: TestProxy;
  /** Two keys serving one model, with the given extra top-level settings. */
  const settings = (extra: string) =>
    `${configWith(`openai-compatibility:
  - name: pool
    base-url: "${upstream.url}/v1"
    api-key-entries: [{ api-key: "k-first" }, { api-key: "k-second" }]
    models: [{ name: "m", alias: "m" }]
`).replaceAll('$AUTH_DIR', `${live?.dir ?? ''}/auth`)}${extra}`;
  const ask = () =>
    fetch(`${live.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
  const status = async () =>
    (await (await fetch(`${live.url}/v0/management/status`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { restartRequired: string[]; address: { port: number } };
  /** Writes config.yaml and waits until the watcher reloaded it. */
  const edit = async (text: string) => {
    const reloads = live.logs.filter((line) => line.includes('config reloaded from')).length;
    writeFileSync(live.configPath, text);
    await until(async () => live.logs.filter((line) => line.includes('config reloaded from')).length > reloads);
  };
  /** The upstream keys used by `count` requests in a row. */
  const keysUsed = async (count: number) => {
    upstream.reset();
    for (let index = 0; index < count; index++) expect((await ask()).status).toBe(200);
    return upstream.requests.map((request) => request.apiKey);
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    live = await startTestProxy(settings('routing:\n  strategy: round-robin\n'), { watch: true });
  });
  afterAll(async () => {
    await live?.close();
    await upstream?.close();
  });

  it('routing.strategy: round-robin alternates the keys; after an edit to fill-first one key takes every request', async () => {
    const rotating = await keysUsed(4);
    expect(rotating.filter((key) => key === 'k-first')).toHaveLength(2);
    expect(rotating.filter((key) => key === 'k-second')).toHaveLength(2);
    await edit(settings('routing:\n  strategy: fill-first\n'));
    const filling = await keysUsed(4);
    expect(filling).toHaveLength(4);
    expect(new Set(filling).size).toBe(1);
  });

  it('request-retry: 0 hands a 429 to the client; after an edit to 1 the proxy waits out the cooldown and retries', async () => {
    await edit(settings('routing:\n  strategy: fill-first\nrequest-retry: 0\nmax-retry-interval: 5\n'));
    const limited = { kind: 'json' as const, status: 429, headers: { 'retry-after-ms': '200' }, body: { error: { message: 'slow down', type: 'rate_limit' } } };
    upstream.reset();
    upstream.script({ path: '/chat/completions' }, limited, { times: 2 });
    expect((await ask()).status).toBe(429);
    expect(upstream.requests).toHaveLength(2);
    // Both keys cool for the 200 ms the upstream asked; the next part starts once they are usable again.
    await until(async () => {
      const { credentials } = (await (await fetch(`${live.url}/v0/management/credentials`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { credentials: Array<{ state: string }> };
      return credentials.length === 2 && credentials.every((credential) => credential.state === 'active');
    });

    await edit(settings('routing:\n  strategy: fill-first\nrequest-retry: 1\nmax-retry-interval: 5\n'));
    upstream.reset();
    upstream.script({ path: '/chat/completions' }, limited, { times: 2 });
    const retried = await ask();
    expect(retried.status).toBe(200);
    // Both keys refused once, then the second round (after the 200 ms cooldown) got an answer.
    expect(upstream.requests).toHaveLength(3);
  });

  it('a host or port change is not applied live: status lists it under restartRequired and the proxy keeps its address', async () => {
    expect((await status()).restartRequired).toEqual([]);
    const port = (await status()).address.port;
    await edit(settings('').replace('host: 127.0.0.1\nport: 0\n', 'host: 0.0.0.0\nport: 18555\n'));
    expect((await status()).restartRequired).toEqual(['host', 'port']);
    expect((await status()).address.port).toBe(port);
    expect(live.logs.some((line) => line.includes('host/port changes in config.yaml take effect after a restart'))).toBe(true);
    await edit(settings(''));
    expect((await status()).restartRequired).toEqual([]);
  });
});
