import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Credential } from '../credentials/credential.js';
import { createCancellation } from '../shared/cancellation.js';
import { ProxyError } from '../shared/errors.js';
import { createRelayHub, type RelayHub } from './relay-hub.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A hub on a real server and one connected tab whose incoming frames are collected. */
async function connected(authenticate: () => void = () => undefined) {
  let ids = 0;
  const published: Credential[][] = [];
  const hub: RelayHub = createRelayHub({
    upstreamBase: 'https://generativelanguage.googleapis.com/v1beta',
    newId: () => `id${++ids}`,
    now: () => Date.UTC(2026, 11, 8),
    log: () => undefined,
    onChange: (credentials) => published.push(credentials),
    authenticate,
  });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => { hub.close(); server.close(() => resolve()); }));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ws`;
  const tab = new WebSocket(url);
  const frames: Array<{ id: string; type: string; payload?: Record<string, unknown> }> = [];
  const waiters: Array<() => void> = [];
  tab.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const waiter of waiters.splice(0)) waiter();
  });
  await new Promise<void>((resolve, reject) => { tab.once('open', () => resolve()); tab.once('error', reject); });
  const nextFrame = async (count: number) => {
    while (frames.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames[count - 1];
  };
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((resolve) => setImmediate(resolve));
  };
  await until(() => published.length === 1);
  return { hub, tab, frames, nextFrame, published, until, send: (frame: unknown) => tab.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
}

const request = { url: 'wsrelay://id1/models/gemini-2.5-pro:generateContent', method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"contents":[]}') };
const read = async (body: NodeJS.ReadableStream) => {
  let text = '';
  for await (const chunk of body) text += chunk.toString();
  return text;
};

describe('relay hub', () => {
  it('publishes a connected tab as an aistudio credential and sends requests in the reference framing', async () => {
    const { hub, nextFrame, published, send } = await connected();
    expect(published[0]).toEqual([expect.objectContaining({ id: 'aistudio-id1', provider: 'aistudio', baseUrl: 'wsrelay://id1', source: { type: 'runtime', origin: 'aistudio-relay' } })]);
    const answer = hub.send('id1', request, createCancellation());
    expect(await nextFrame(1)).toEqual({
      id: 'id2',
      type: 'http_request',
      payload: {
        method: 'POST',
        url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent',
        headers: { 'content-type': ['application/json'] },
        body: '{"contents":[]}',
        sent_at: '2026-12-08T00:00:00.000Z',
      },
    });
    send({ id: 'id2', type: 'http_response', payload: { status: 429, headers: { 'Retry-After': ['7'] }, body: '{"error":{}}' } });
    const response = await answer;
    expect([response.status, response.headers, await read(response.body)]).toEqual([429, { 'retry-after': '7' }, '{"error":{}}']);
  });

  it('answers ping with pong, ignores frames that are not {id, type}, and starts a stream on a chunk without stream_start', async () => {
    const { hub, nextFrame, send } = await connected();
    send({ id: 'p1', type: 'ping' });
    expect(await nextFrame(1)).toEqual({ id: 'p1', type: 'pong' });
    const answer = hub.send('id1', request, createCancellation());
    await nextFrame(2);
    send('not json');
    send({ type: 'stream_chunk' });
    send({ id: 'id2', type: 'stream_chunk', payload: { data: 'data: {"a":1}\n\n' } });
    send({ id: 'id2', type: 'stream_end' });
    const response = await answer;
    expect([response.status, await read(response.body)]).toEqual([200, 'data: {"a":1}\n\n']);
  });

  it('an error frame fails the request with its status and message, naming the tab', async () => {
    const { hub, nextFrame, send } = await connected();
    const answer = hub.send('id1', request, createCancellation());
    await nextFrame(1);
    send({ id: 'id2', type: 'error', payload: { error: 'fetch failed in the browser', status: 502 } });
    await expect(answer).rejects.toMatchObject({ status: 502, message: 'AI Studio tab id1: fetch failed in the browser' });
  });

  it('a closed tab leaves the credentials and a request to it fails with a 503 naming it', async () => {
    const { hub, tab, published, until } = await connected();
    tab.close();
    await until(() => published.length === 2);
    expect(published[1]).toEqual([]);
    const error = await hub.send('id1', request, createCancellation()).then(() => undefined, (raw: ProxyError) => raw);
    expect([error?.status, error?.message]).toEqual([503, 'AI Studio tab id1 is not connected; reopen the AI Studio Build app to reconnect.']);
  });
});
