import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorContext, proxyContext, realPorts } from './__fixtures__/fake-context.js';
import { findFreePortNear } from './checks-ports.js';
import { createDiagnostics } from './registry.js';

const servers: net.Server[] = [];
async function holdPort(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** The real probe, with one fixed port (e.g. Gemini CLI's 8085) mapped onto a port this test holds. */
const remapped = (from: number, to: number) => ({
  isFree: (port: number, host: string) => realPorts.isFree(port === from ? to : port, host),
  owner: (port: number) => realPorts.owner(port === from ? to : port),
});

describe('port check', () => {
  it('names the program holding the configured port (here: this test process)', async () => {
    const port = await holdPort();
    const check = (await createDiagnostics(doctorContext(`host: 127.0.0.1\nport: ${port}\n`)).run('port'))!;
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(new RegExp(`Port ${port} is used by pid ${process.pid}: .*node`));
    expect(check.evidence).toMatchObject({ inUse: true, ownedByProxy: false, owner: { pid: process.pid } });
    expect(check.remediation).toContain(`port: ${port + 1}`);
  });

  it('passes on a free port, and when the proxy itself answers there', async () => {
    const port = await holdPort();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect((await createDiagnostics(doctorContext(`port: ${port}\n`)).run('port'))!.status).toBe('pass');
    const held = await holdPort();
    const context = { ...doctorContext(`port: ${held}\n`), running: { url: `http://127.0.0.1:${held}`, version: '0.1.0' } };
    expect((await createDiagnostics(context).run('port'))!).toMatchObject({ status: 'pass', evidence: { ownedByProxy: true } });
  });

  it('inside the proxy: reports where it listens', async () => {
    const check = (await createDiagnostics(proxyContext('port: 8317\n').context).run('port'))!;
    expect(check).toMatchObject({ status: 'pass', summary: 'The proxy is listening on http://127.0.0.1:8317.' });
  });
});

describe('the "Use a free port" fix', () => {
  it('picks the first free port after the configured one, skipping taken ones and the login callback ports', async () => {
    const taken = new Set([8318, 8319]);
    const probe = { isFree: async (port: number) => !taken.has(port), owner: async () => undefined };
    expect(await findFreePortNear(probe, '127.0.0.1', 8317)).toBe(8320);
    expect(await findFreePortNear(probe, '127.0.0.1', 8084)).toBe(8086); // 8085 is Gemini CLI's callback port
    expect(await findFreePortNear({ ...probe, isFree: async () => false }, '127.0.0.1', 8317)).toBeNull();
    expect(await findFreePortNear(probe, '127.0.0.1', 65535)).toBeNull();
  });

  it('is offered only where config.yaml may be edited (doctor --fix), never on the dashboard', async () => {
    const port = await holdPort();
    const doctor = doctorContext(`host: 127.0.0.1\nport: ${port}\n`);
    expect((await createDiagnostics(doctor).run('port'))!.fix).toBeUndefined(); // this fake doctor context cannot write
    const editing = { ...doctor, editConfig: async () => ({ ok: false as const, reason: 'not in this test' }) };
    expect((await createDiagnostics(editing).run('port'))!.fix).toEqual({ id: 'use-free-port', label: 'Use a free port' });
    expect((await createDiagnostics(editing).fix('port'))!).toMatchObject({ ok: false, message: expect.stringMatching(/^Port \d+ is free, but not in this test\. Make the file writable/) });

    const inside = createDiagnostics(proxyContext('port: 8317\n').context);
    expect((await inside.run('port'))!.fix).toBeUndefined();
    expect((await inside.fix('port'))!.message).toMatch(/^"Use a free port" edits config.yaml, which only `cliproxyctl doctor --fix` does/);
  });
});

describe('login callback ports', () => {
  it('reports which program holds a callback port, and names --oauth-callback-port', async () => {
    const held = await holdPort();
    const check = (await createDiagnostics(doctorContext('port: 8317\n', { ports: remapped(8085, held) })).run('oauth-callback-ports'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(new RegExp(`Gemini CLI port 8085 is held by pid ${process.pid}`));
    expect(check.evidence['Gemini CLI']).toMatchObject({ port: 8085, free: false });
    expect(check.remediation).toContain('cliproxyctl login --provider gemini-cli --oauth-callback-port');
    expect(check.fix).toBeUndefined();
  });

  it('inside the proxy, a port held by the proxy itself (a login waiting for its callback) is fine', async () => {
    const held = await holdPort();
    const check = (await createDiagnostics(proxyContext('port: 8317\n', { ports: remapped(54545, held) }).context).run('oauth-callback-ports'))!;
    expect(check.status).toBe('pass');
    expect(check.summary).toContain('54545 is held by a login this proxy is waiting on');
  });
});
