import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createListener, type Listener } from './listener.js';

const listeners: Listener[] = [];
const blockers: net.Server[] = [];
afterEach(async () => {
  for (const listener of listeners.splice(0)) await listener.close(100);
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
});

function listener(): Listener {
  const created = createListener({ handleRequest: (_req, res) => res.end('ok'), handleUpgrade: (_req, socket) => socket.destroy() });
  listeners.push(created);
  return created;
}

const answer = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`)).text();

describe('listener', () => {
  it('moves to another port in-process; the old one stops accepting', async () => {
    const proxy = listener();
    const first = await proxy.listen('127.0.0.1', 0);
    expect(await answer(first)).toBe('ok');
    const second = await proxy.move('127.0.0.1', 0);
    expect(second).not.toBe(first);
    expect(await answer(second)).toBe('ok');
    await expect(fetch(`http://127.0.0.1:${first}/`, { headers: { connection: 'close' } })).rejects.toThrow();
  });

  it('keeps the old address when the new one is taken, and says which port', async () => {
    const blocker = net.createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const proxy = listener();
    const port = await proxy.listen('127.0.0.1', 0);
    await expect(proxy.move('127.0.0.1', taken)).rejects.toThrow(`Port ${taken} on 127.0.0.1 is already in use by another program.`);
    expect(await answer(port)).toBe('ok');
  });
});
