// The LAN switch (GET/PUT /v0/management/network): listening on 0.0.0.0 needs a client key, shows the LAN URLs,
// is written to config.yaml and applied in-process. Only loopback traffic here: the test asserts the listen
// address and the config, never connects to another interface.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { type NetworkInterfaceInfo } from 'node:os';
import path from 'node:path';
import { serveCommand } from '../../src/cli/serve.js';
import type { RunningProxy } from '../../src/server/start-proxy.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkPatchResult, NetworkView, StatusResponse } from '../../src/server/management/contract.js';
import { management } from './accounts-harness.js';
import { cliEnvironment } from './cli-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

const proxies: TestProxy[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

const interfaces = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.1.23', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: '192.168.1.23/24' },
    { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', cidr: 'fe80::1/64', scopeid: 2 },
  ],
});

async function start(yaml: string): Promise<TestProxy> {
  const proxy = await startTestProxy(yaml, { deps: { networkInterfaces: interfaces } });
  proxies.push(proxy);
  return proxy;
}

const models = (proxy: TestProxy) => fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });

describe('LAN switch', () => {
  it('refuses the LAN without a client key, saying what to add', async () => {
    const proxy = await start(`host: 127.0.0.1\nport: 0\nauth-dir: "$AUTH_DIR"\nremote-management:\n  secret-key: "${MANAGEMENT_KEY}"\n`);
    const refused = await management(proxy, 'PUT', '/network', { lan: true });
    expect(refused).toEqual({
      status: 409,
      body: { error: 'Listening on the LAN needs a client key, so other computers must present one: add a key under api-keys (Settings or config.yaml) first.', key: 'api-keys' },
    });
    expect(proxy.proxy.address.host).toBe('127.0.0.1');
    expect(readFileSync(proxy.configPath, 'utf8')).toContain('host: 127.0.0.1');
  });

  it('switches to 0.0.0.0 in-process with the LAN URLs, keeps serving on loopback, and switches back', async () => {
    const proxy = await start(configWith(''));
    const port = proxy.proxy.address.port;
    expect((await management<NetworkView>(proxy, 'GET', '/network')).body).toEqual({ host: '127.0.0.1', port, lan: false, lanUrls: [], clientKeys: 1 });

    const on = await management<NetworkPatchResult>(proxy, 'PUT', '/network', { lan: true });
    expect(on).toEqual({ status: 200, body: { host: '0.0.0.0', port, lan: true, lanUrls: [`http://192.168.1.23:${port}`], clientKeys: 1, persisted: true } });
    expect(proxy.proxy.address).toEqual({ host: '0.0.0.0', port, url: `http://0.0.0.0:${port}` });
    expect(readFileSync(proxy.configPath, 'utf8')).toMatch(/^host: 0\.0\.0\.0$/m);
    expect((await models(proxy)).status).toBe(200);
    const status = (await management<StatusResponse>(proxy, 'GET', '/status')).body;
    expect(status.restartRequired).toEqual([]);
    expect(proxy.logs.some((line) => line.includes('listening on the LAN (0.0.0.0)'))).toBe(true);

    const off = await management<NetworkPatchResult>(proxy, 'PUT', '/network', { lan: false });
    expect(off.body).toEqual({ host: '127.0.0.1', port, lan: false, lanUrls: [], clientKeys: 1, persisted: true });
    expect(proxy.proxy.address.host).toBe('127.0.0.1');
    expect(readFileSync(proxy.configPath, 'utf8')).toMatch(/^host: 127\.0\.0\.1$/m);
    expect((await models(proxy)).status).toBe(200);
  });

  it('a body that is not {lan: boolean} is refused with the field', async () => {
    const proxy = await start(configWith(''));
    const bad = await management(proxy, 'PUT', '/network', { lan: 'yes' });
    expect(bad).toEqual({ status: 400, body: { error: 'Invalid body: lan: lan must be true (listen on the LAN) or false (this computer only)' } });
  });

  it('headless `cliproxyctl serve` re-listens the same way', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-lan-serve-'));
    try {
      const configPath = path.join(home, 'config.yaml');
      writeFileSync(configPath, configWith('').replaceAll('$AUTH_DIR', path.join(home, 'auth')), { mode: 0o600 });
      const { env, output } = cliEnvironment(home, ['serve', '--config', configPath]);
      let proxy: RunningProxy | undefined;
      const running = serveCommand(env, ['--config', configPath], (started) => (proxy = started));
      for (let index = 0; index < 500 && !proxy; index++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(proxy, output.stderr).toBeDefined();
      try {
        const base = `http://127.0.0.1:${proxy!.address.port}`;
        const put = await fetch(`${base}/v0/management/network`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ lan: true }),
        });
        expect(put.status).toBe(200);
        expect(proxy!.address.host).toBe('0.0.0.0');
        expect((await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).status).toBe(200);
        expect(readFileSync(configPath, 'utf8')).toMatch(/^host: 0\.0\.0\.0$/m);
      } finally {
        process.emit('SIGTERM');
        expect(await running).toBe(0);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
