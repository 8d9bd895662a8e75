import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCancellation } from '../shared/cancellation.js';
import { createHttpClient, readBodyText } from './http-client.js';

// An upstream that closes a kept-alive connection as the next request arrives (its idle timeout raced ours).
let server: net.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  server = net.createServer((socket) => {
    const index = ++connections;
    let requests = 0;
    socket.on('data', (data) => {
      if (!data.toString('latin1').includes('\r\n\r\n')) return;
      requests++;
      if (index === 1 && requests === 2) {
        socket.destroy();
        return;
      }
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('upstream HTTP client', () => {
  it('a request on a kept-alive socket the upstream just closed goes out once more on a new socket', async () => {
    const client = createHttpClient();
    try {
      const send = async () => {
        const response = await client.send({ url: `http://127.0.0.1:${port}/x`, method: 'POST', headers: {}, body: Buffer.from('{}') }, { signal: createCancellation() });
        return { status: response.status, text: await readBodyText(response.body) };
      };
      expect(await send()).toEqual({ status: 200, text: 'ok' });
      expect(await send()).toEqual({ status: 200, text: 'ok' });
      expect(connections).toBe(2);
    } finally {
      client.close();
    }
  });
});
