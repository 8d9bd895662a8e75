import { EventEmitter } from 'node:events';
import http, { type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCancellation } from '../shared/cancellation.js';
import { createHttpClient } from './http-client.js';
import { armConnectTimeout, connectTimeoutError } from './upstream-timeouts.js';

let server: http.Server | undefined;
afterEach(async () => {
  vi.useRealTimers();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** An upstream that sends `bytes` at once and then stays silent with the connection open. */
async function silentAfter(bytes: number): Promise<string> {
  server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.write(Buffer.alloc(bytes, 120));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('upstream idle timeout', () => {
  it('does not count the time the proxy itself holds the body (slow client), and still catches the upstream going silent afterwards', async () => {
    const url = await silentAfter(4 * 1024 * 1024);
    const client = createHttpClient();
    try {
      const response = await client.send({ url, method: 'GET', headers: {} }, { signal: createCancellation(), timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 400 } });
      // Nobody reads for three idle periods: that silence is ours, not the upstream's.
      response.body.pause();
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(response.body.destroyed).toBe(false);
      let received = 0;
      const failure = await new Promise<Error>((resolve) => {
        response.body.on('data', (chunk: Buffer) => (received += chunk.length));
        response.body.once('error', resolve);
        response.body.resume();
      });
      expect(received).toBe(4 * 1024 * 1024);
      expect(failure.message).toBe('127.0.0.1:' + new URL(url).port + ' stopped sending the answer: nothing for 0.4 s (timeouts.upstream-idle-seconds).');
    } finally {
      client.close();
    }
  });
});

describe('upstream connect timeout', () => {
  const attempt = (connectMs: number) => {
    const outgoing = new EventEmitter() as unknown as ClientRequest;
    const socket = Object.assign(new EventEmitter(), { connecting: true });
    let fired = 0;
    armConnectTimeout(outgoing, connectMs, () => fired++);
    outgoing.emit('socket', socket);
    return { socket, outgoing: outgoing as unknown as EventEmitter, fired: () => fired };
  };

  it('gives up on a socket that has not connected in time, and leaves one that did alone', () => {
    vi.useFakeTimers();
    const hanging = attempt(30_000);
    vi.advanceTimersByTime(29_999);
    expect(hanging.fired()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(hanging.fired()).toBe(1);

    const connected = attempt(30_000);
    vi.advanceTimersByTime(10);
    connected.socket.emit('connect');
    vi.advanceTimersByTime(60_000);
    expect(connected.fired()).toBe(0);
  });

  it('says which host, how long, and which setting', () => {
    expect(connectTimeoutError('api.example.com', 30_000)).toMatchObject({
      status: 502,
      code: 'upstream_unreachable',
      scope: 'upstream',
      message: 'Could not reach api.example.com: no connection within 30 s (timeouts.upstream-connect-seconds). Check the network or proxy-url.',
    });
  });
});
