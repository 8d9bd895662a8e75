import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { management } from './accounts-harness.js';
import { CLIENT_KEY, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// remote-management.disable-control-panel: the dashboard at /ui answers 404 (the reference's /management.html does),
// applied on reload; the management API itself keeps working.

const config = (disabled: boolean) => `host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
api-keys: ["${CLIENT_KEY}"]
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
  disable-control-panel: ${disabled}
`;

let proxy: TestProxy;
let dashboard: string;

beforeAll(async () => {
  dashboard = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-ui-'));
  writeFileSync(path.join(dashboard, 'index.html'), '<!doctype html><title>CLIProxy</title>');
  proxy = await startTestProxy(config(false), { deps: { dashboardDir: dashboard } });
});

afterAll(async () => {
  await proxy.close();
  rmSync(dashboard, { recursive: true, force: true });
});

describe('remote-management.disable-control-panel', () => {
  it('serves /ui while false, answers 404 with the key to change once true (on reload), and back again', async () => {
    const get = async () => {
      const response = await fetch(`${proxy.url}/ui/`);
      return { status: response.status, text: await response.text() };
    };
    expect(await get()).toEqual({ status: 200, text: '<!doctype html><title>CLIProxy</title>' });

    writeFileSync(proxy.configPath, config(true).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
    expect((await proxy.proxy.reload()).ok).toBe(true);
    expect(await get()).toEqual({ status: 404, text: 'The dashboard is turned off (remote-management.disable-control-panel: true in config.yaml).\n' });
    expect((await management(proxy, 'GET', '/status')).status).toBe(200);

    writeFileSync(proxy.configPath, config(false).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
    expect((await proxy.proxy.reload()).ok).toBe(true);
    expect((await get()).status).toBe(200);
  });
});
