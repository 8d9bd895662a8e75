import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// config.yaml settings a user relies on, observed where they matter: at the upstream and at the client.

interface TinyProxy {
  url: string;
  /** `host:port` of every tunnel opened, in order. */
  targets: string[];
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function tracked(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
}

/** An HTTP proxy that only does CONNECT (what https-proxy-agent speaks, for http and https upstreams alike). */
async function startConnectProxy(): Promise<TinyProxy> {
  const targets: string[] = [];
  const server = net.createServer((client) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split(' ');
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      targets.push(target);
      const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
      const upstream = net.connect(port, host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  const close = tracked(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, targets, close };
}

/** A SOCKS5 proxy without authentication (CONNECT only; IPv4 and domain addresses). */
async function startSocksProxy(): Promise<TinyProxy> {
  const targets: string[] = [];
  const server = net.createServer((client) => {
    let buffer = Buffer.alloc(0);
    let stage: 'greeting' | 'request' | 'piped' = 'greeting';
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (stage === 'greeting') {
        if (buffer.length < 2 || buffer.length < 2 + buffer[1]) return;
        buffer = buffer.subarray(2 + buffer[1]);
        client.write(Buffer.from([5, 0]));
        stage = 'request';
      }
      if (stage !== 'request' || buffer.length < 5) return;
      const type = buffer[3];
      const addressLength = type === 1 ? 4 : type === 3 ? 1 + buffer[4] : 16;
      if (buffer.length < 4 + addressLength + 2) return;
      const host = type === 1 ? [...buffer.subarray(4, 8)].join('.') : buffer.subarray(5, 5 + buffer[4]).toString('latin1');
      const port = buffer.readUInt16BE(4 + addressLength);
      const rest = buffer.subarray(4 + addressLength + 2);
      stage = 'piped';
      client.off('data', onData);
      targets.push(`${host}:${port}`);
      const upstream = net.connect(port, host, () => {
        client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  const close = tracked(server);
  const port = await listen(server);
  return { url: `socks5://127.0.0.1:${port}`, targets, close };
}

let fake: FakeUpstream;
let httpProxy: TinyProxy;
let socksProxy: TinyProxy;
let proxy: TestProxy;
const PADDED_CLIENT_KEY = 'sk-padded-client-key-0001';

beforeAll(async () => {
  fake = await startFakeUpstream();
  httpProxy = await startConnectProxy();
  socksProxy = await startSocksProxy();
  proxy = await startTestProxy(`host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
api-keys:
  - "  ${PADDED_CLIENT_KEY}\t"
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
proxy-url: "${httpProxy.url}"
claude-api-key:
  - api-key: "  sk-ant-padded-upstream  "
    base-url: "${fake.url}"
    headers: { X-Team: alpha, X-Build: 7 }
    models: [{ name: "claude-upstream", alias: "via-global-proxy" }]
gemini-api-key:
  - api-key: "AIza-socks"
    base-url: "${fake.url}"
    proxy-url: "${socksProxy.url}"
    models: [{ name: "gemini-upstream", alias: "via-socks" }]
openai-compatibility:
  - name: tagged
    base-url: "${fake.url}/v1"
    headers: { X-Tenant: tenant-42 }
    api-key-entries: [{ api-key: "sk-tagged", proxy-url: "direct" }]
    models: [{ name: "u1", alias: "direct-tagged" }]
  - name: plain
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-plain", proxy-url: "direct" }]
    models: [{ name: "u2", alias: "direct-plain" }]
`);
});
afterAll(async () => {
  await proxy?.close();
  await httpProxy?.close();
  await socksProxy?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  httpProxy.targets.length = 0;
  socksProxy.targets.length = 0;
});

const chat = (model: string, key = PADDED_CLIENT_KEY) =>
  fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
const answerOf = async (response: Response) => ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content;
const fakeHost = () => `127.0.0.1:${fake.port}`;

describe('proxy-url', () => {
  it('the top-level proxy-url carries upstream traffic through that HTTP proxy (a CONNECT tunnel to the upstream)', async () => {
    const response = await chat('via-global-proxy');
    expect(response.status).toBe(200);
    expect(await answerOf(response)).toBe('Hello from the fake upstream.');
    expect(httpProxy.targets).toEqual([fakeHost()]);
    expect(socksProxy.targets).toEqual([]);
    expect(fake.requests.at(-1)!.path).toBe('/v1/messages');
  });

  it("an entry's own socks5:// proxy-url wins over the top-level one", async () => {
    const response = await chat('via-socks');
    expect(response.status).toBe(200);
    expect(await answerOf(response)).toBe('Hello from the fake upstream.');
    expect(socksProxy.targets).toEqual([fakeHost()]);
    expect(httpProxy.targets).toEqual([]);
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-upstream:generateContent');
  });

  it('proxy-url: direct on a key bypasses the top-level proxy', async () => {
    expect((await chat('direct-plain')).status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect(httpProxy.targets).toEqual([]);
    expect(socksProxy.targets).toEqual([]);
  });
});

describe('per-entry headers', () => {
  it("reach the upstream on that entry's requests, and only on them", async () => {
    expect((await chat('via-global-proxy')).status).toBe(200);
    expect(fake.requests.at(-1)!.headers).toMatchObject({ 'x-team': 'alpha', 'x-build': '7' });
    expect((await chat('direct-tagged')).status).toBe(200);
    expect(fake.requests.at(-1)!.headers['x-tenant']).toBe('tenant-42');
    expect((await chat('direct-plain')).status).toBe(200);
    const plain = fake.requests.at(-1)!.headers;
    expect(plain['x-tenant']).toBeUndefined();
    expect(plain['x-team']).toBeUndefined();
  });
});

describe('whitespace around keys in YAML', () => {
  it('a client key written with spaces and a tab around it is accepted as the bare key', async () => {
    expect((await chat('direct-plain', PADDED_CLIENT_KEY)).status).toBe(200);
    expect((await fetch(`${proxy.url}/v1/models`, { headers: { 'x-api-key': PADDED_CLIENT_KEY } })).status).toBe(200);
    expect((await chat('direct-plain', 'sk-some-other-key-0001')).status).toBe(401);
  });

  it('an upstream api-key written with spaces around it is sent trimmed', async () => {
    expect((await chat('via-global-proxy')).status).toBe(200);
    // A Claude key on a custom base-url goes as a Bearer token (gateways expect that).
    expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-ant-padded-upstream');
  });
});
