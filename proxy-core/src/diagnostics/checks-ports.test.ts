import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorContext, proxyContext, realPorts } from './__fixtures__/fake-context.js';
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
