import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePortConflict, portConflictAdvice, portConflictMessage } from './port-conflict.js';
import { createProxyController, reachableUrl, type ProxyStatus } from './proxy-controller.js';
import { findPortOwner, isPortFree, probeCliproxy, startProxy } from './proxy-core.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real listener holding a port, as another program would. */
async function occupyPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

function tempConfig(port: number, extra = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-desktop-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, `host: 127.0.0.1\nport: ${port}\nauth-dir: "${path.join(dir, 'auth')}"\napi-keys: ["sk-test"]\n${extra}`, { mode: 0o600 });
  return file;
}

function controllerFor(configPath: string) {
  const statuses: ProxyStatus['kind'][] = [];
  const dir = path.dirname(configPath);
  const controller = createProxyController({
    start: ({ port }) => startProxy({ configPath, port, watch: false }, { home: dir, dataDir: dir, usageDatabase: ':memory:', logSink: null, localManagementKey: 'launch-key' }),
    probe: { findPortOwner: (port) => findPortOwner(port), isPortFree },
    onChange: (status) => statuses.push(status.kind),
  });
  cleanups.push(() => controller.close());
  return { controller, statuses };
}

describe('proxy controller with the real proxy-core', () => {
  it('reports who holds a taken port, offers a free one, and starts there when accepted', async () => {
    const taken = await occupyPort();
    const { controller, statuses } = controllerFor(tempConfig(taken));

    const conflict = await controller.start();
    expect(conflict.kind).toBe('port-conflict');
    if (conflict.kind !== 'port-conflict') return;
    expect(conflict.conflict.port).toBe(taken);
    if (process.platform === 'linux') {
      // The listener is this test process, so /proc names it.
      expect(conflict.conflict.owner?.pid).toBe(process.pid);
      expect(conflict.message).toContain(`(process ${process.pid})`);
    }
    const offered = conflict.conflict.suggestedPort;
    expect(offered).toBeGreaterThan(taken);
    expect(await isPortFree(offered!, '127.0.0.1')).toBe(true);

    const running = await controller.start({ port: offered! });
    expect(running).toMatchObject({ kind: 'running', port: offered, url: `http://127.0.0.1:${offered}` });
    const health = await fetch(`http://127.0.0.1:${offered}/health`);
    expect(health.status).toBe(200);
    // The accepted port sticks for this run's restarts.
    expect((await controller.restart()).kind === 'running' && controller.status()).toMatchObject({ port: offered });
    expect(statuses).toEqual(['starting', 'port-conflict', 'starting', 'running', 'stopped', 'starting', 'running']);
  });

  it('a port held by a CLIProxy (cliproxyctl serve) says CLIProxy is already running there, with its dashboard', async () => {
    const first = controllerFor(tempConfig(0));
    const running = await first.controller.start();
    if (running.kind !== 'running') throw new Error(`first proxy did not start: ${running.kind}`);
    const dir = path.dirname(tempConfig(running.port));
    const second = createProxyController({
      start: ({ port }) => startProxy({ configPath: path.join(dir, 'config.yaml'), port, watch: false }, { home: dir, dataDir: dir, usageDatabase: ':memory:', logSink: null, localManagementKey: 'launch-key-2' }),
      probe: { findPortOwner: (port) => findPortOwner(port), isPortFree, identifyCliproxy: (url) => probeCliproxy(url) },
    });
    cleanups.push(() => second.close());
    const conflict = await second.start();
    if (conflict.kind !== 'port-conflict') throw new Error(`expected a port conflict, got ${conflict.kind}`);
    expect(conflict.message).toMatch(new RegExp(`^CLIProxy is already running at http://127\\.0\\.0\\.1:${running.port}/ui \\(version \\S+\\), started outside this window`));
    expect(conflict.message).not.toContain('another program');
    expect(portConflictAdvice(conflict.conflict)).toMatch(new RegExp(`^Use that one \\(its dashboard is at http://127\\.0\\.0\\.1:${running.port}/ui\\), stop it`));
  });

  it('stop closes the server: the port is free again and requests are refused', async () => {
    const { controller } = controllerFor(tempConfig(0));
    const status = await controller.start();
    if (status.kind !== 'running') throw new Error(`expected running, got ${status.kind}`);
    await controller.stop();
    expect(controller.status()).toEqual({ kind: 'stopped', byUser: true });
    expect(await isPortFree(status.port, '127.0.0.1')).toBe(true);
    await expect(fetch(`${status.url}/health`)).rejects.toThrow();
  });

  it('a broken config.yaml is a failure that names the file and line, not a crash', async () => {
    const file = tempConfig(0, 'request-retry: "lots"\n');
    const { controller } = controllerFor(file);
    const status = await controller.start();
    expect(status.kind).toBe('failed');
    expect(status.kind === 'failed' && status.message).toMatch(/^The proxy did not start: .*config\.yaml:\d+:\d+: request-retry/);
  });
});

describe('port conflict wording', () => {
  it('names the owner when known, and says when it is not', () => {
    const known = { host: '127.0.0.1', port: 8317, owner: { pid: 77, command: 'node /usr/lib/node_modules/cliproxyctl serve' }, suggestedPort: 8318 };
    expect(portConflictMessage(known)).toBe('Port 8317 on 127.0.0.1 is already in use by "node /usr/lib/node_modules/cliproxyctl serve" (process 77).');
    expect(portConflictAdvice(known)).toBe('Stop process 77, or start the proxy on port 8318 instead. Tools set to port 8317 need the new address until you switch back.');
    const unknown = { ...known, owner: null, suggestedPort: null };
    expect(portConflictMessage(unknown)).toBe('Port 8317 on 127.0.0.1 is already in use by another program (which one could not be determined).');
    expect(portConflictAdvice(unknown)).toContain('no free port was found near 8317');
  });

  it('skips ports that are also taken when choosing the offer', async () => {
    const busy = new Set([9001, 9002]);
    const conflict = await describePortConflict({ findPortOwner: async () => undefined, isPortFree: async (port) => !busy.has(port) }, '127.0.0.1', 9000);
    expect(conflict.suggestedPort).toBe(9003);
  });

  it('reaches a wildcard listener over loopback', () => {
    expect(reachableUrl('0.0.0.0', 8317)).toBe('http://127.0.0.1:8317');
    expect(reachableUrl('::', 8317)).toBe('http://[::1]:8317');
    expect(reachableUrl('::1', 8317)).toBe('http://[::1]:8317');
  });
});
