import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream | undefined;
let proxy: TestProxy | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await proxy?.close();
  await fake?.close();
  proxy = undefined;
  fake = undefined;
});

async function start(limits: string): Promise<{ fake: FakeUpstream; proxy: TestProxy }> {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(`${crossDialectConfig(fake.url)}${limits}`);
  return { fake, proxy };
}

interface RawClient {
  socket: net.Socket;
  received(): string;
  closed: Promise<void>;
}

/** A raw TCP client: what a slow or hostile client does, byte by byte. */
function connect(url: string): Promise<RawClient> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/** Writes `pieces` one by one, waiting for each to be handed to the kernel and `gapMs` between them. */
async function trickle(socket: net.Socket, pieces: string[], gapMs: number): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

/** GET on a fresh connection (no pooled socket that the proxy could have closed). */
function getFresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const chatBody = JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] });

describe('server timeouts and the connection cap', () => {
  it('closes slowloris connections that never finish their headers, and /health keeps answering during the attack', async () => {
    const { proxy } = await start(`max-connections: 16
timeouts:
  request-headers-seconds: 1
`);
    const attackers = await Promise.all(Array.from({ length: 40 }, () => connect(proxy.url)));
    let dripping = true;
    const drips = attackers.map(async (client, index) => {
      await trickle(client.socket, [`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n`], 0);
      while (dripping && !client.socket.destroyed) await trickle(client.socket, [`X-Drip-${index}: a\r\n`], 100);
    });

    // 40 connections against a cap of 16: the proxy makes room by closing the idle ones, so a new client gets in.
    for (let i = 0; i < 3; i++) expect(await getFresh(`${proxy.url}/health`)).toMatchObject({ status: 200 });

    await Promise.all(attackers.map((client) => client.closed));
    dripping = false;
    await Promise.all(drips);
    // The ones still held when their headers were due were told why.
    const timedOut = attackers.filter((client) => client.received().startsWith('HTTP/1.1 408 Request Timeout'));
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.length).toBeLessThanOrEqual(16);
    expect(proxy.logs.some((line) => line.includes('connection limit reached (max-connections: 16)'))).toBe(true);
    expect(await getFresh(`${proxy.url}/health`)).toMatchObject({ status: 200 });
  });

  it('a request head that is too large gets 431 and the connection is really closed, not left half-open', async () => {
    const { proxy } = await start('');
    const { port } = new URL(proxy.url);
    // allowHalfOpen: this client never closes its side by itself, as a hostile one would not.
    const socket = net.connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
    sockets.push(socket);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await trickle(socket, [`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`], 0);
    // Keep sending: a connection the proxy only half-closed would keep taking these bytes forever.
    let sending = true;
    void (async () => {
      while (sending && !socket.destroyed) await trickle(socket, ['X-More: 1\r\n'], 50);
    })();
    await closed;
    sending = false;
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('answers 408 and closes a connection whose request body stops arriving, in the caller\'s dialect', async () => {
    const { proxy } = await start(`timeouts:
  request-body-idle-seconds: 0.4
`);
    const client = await connect(proxy.url);
    await trickle(
      client.socket,
      [`POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${CLIENT_KEY}\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"model":"claude-model",`],
      0,
    );
    await client.closed;
    const [head, body] = client.received().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'The request body stopped arriving: nothing for 0.4 s (timeouts.request-body-idle-seconds). Send the body again.' },
    });
  });

  it('applies a changed body timeout on reload, without a restart', async () => {
    const { proxy } = await start('');
    writeFileSync(proxy.configPath, `${readFileSync(proxy.configPath, 'utf8')}timeouts:\n  request-body-idle-seconds: 0.3\n`);
    expect(await proxy.proxy.reload()).toEqual({ ok: true });
    const client = await connect(proxy.url);
    await trickle(client.socket, [`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: Bearer ${CLIENT_KEY}\r\ncontent-length: 100\r\n\r\n{"model":`], 0);
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toContain('nothing for 0.3 s (timeouts.request-body-idle-seconds)');
  });

  it('lets a slow upload through as long as its chunks keep coming, however long it takes in total', async () => {
    const { proxy } = await start(`timeouts:
  request-headers-seconds: 0.3
  request-body-idle-seconds: 0.5
`);
    const client = await connect(proxy.url);
    const pieces = chatBody.match(/.{1,8}/g)!;
    await trickle(client.socket, [`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: Bearer ${CLIENT_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${chatBody.length}\r\nconnection: close\r\n\r\n`], 0);
    // Every gap is under the idle limit; the whole upload takes several times the limit (and the headers timeout).
    await trickle(client.socket, pieces, 150);
    await client.closed;
    expect(pieces.length * 150).toBeGreaterThan(2 * 500);
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.received()).toContain('Hello from the fake upstream.');
  });

  it('keeps a long, slow answer stream open past every server timeout', async () => {
    const { fake, proxy } = await start(`timeouts:
  request-headers-seconds: 0.2
  request-body-idle-seconds: 0.2
  keep-alive-seconds: 0.2
`);
    const words = Array.from({ length: 8 }, (_, index) => `w${index} `);
    fake.script({ path: '/chat/completions' }, {
      kind: 'sse',
      delayMs: 150,
      events: [
        ...words.map((word) => ({ data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'upstream-chat', choices: [{ index: 0, delta: { content: word }, finish_reason: null }] }) })),
        { data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'upstream-chat', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) },
        { data: '[DONE]' },
      ],
    });
    const client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(words.join(''));
  });

  it('closes a kept-alive connection that stays idle past timeouts.keep-alive-seconds', async () => {
    const { proxy } = await start(`timeouts:
  keep-alive-seconds: 0.3
`);
    const client = await connect(proxy.url);
    await trickle(client.socket, ['GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'], 0);
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
  });
});
