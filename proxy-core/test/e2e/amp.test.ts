import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_AMP_USER, startFakeAmp, startFakeUpstream, type FakeAmp, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';

// Amp through the proxy: /api/provider/<vendor>/… served by our accounts, everything else of Amp's API passed on.
const AMP_KEY = 'sgamp_user_0123456789abcdef';
let fake: FakeUpstream;
let amp: FakeAmp;
let proxy: TestProxy;

const withAmp = (upstream: string, key = AMP_KEY) => `${crossDialectConfig(fake.url)}ampcode:\n  upstream-url: "${upstream}"\n${key ? `  upstream-api-key: "${key}"\n` : ''}`;

beforeAll(async () => {
  [fake, amp] = await Promise.all([startFakeUpstream(), startFakeAmp({ apiKey: AMP_KEY })]);
  proxy = await startTestProxy(withAmp(amp.url));
});
afterAll(async () => {
  await proxy?.close();
  await amp?.close();
  await fake?.close();
});

describe('Amp model routes (/api/provider/<vendor>/…) are the proxy’s own client routes', () => {
  it('anthropic: the Anthropic SDK at /api/provider/anthropic gets a Claude answer from our account', async () => {
    const client = new Anthropic({ baseURL: `${proxy.url}/api/provider/anthropic`, apiKey: CLIENT_KEY });
    const message = await client.messages.create({ model: 'claude-model', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/messages' });
  });

  it('openai: chat completions with and without /v1, streamed, from the OpenAI SDK', async () => {
    const client = new OpenAI({ baseURL: `${proxy.url}/api/provider/openai/v1`, apiKey: CLIENT_KEY });
    const stream = await client.chat.completions.create({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    const bare = await fetch(`${proxy.url}/api/provider/openai/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(bare.status).toBe(200);
  });

  it('google: generateContent under /api/provider/google/v1beta (and v1beta1)', async () => {
    for (const version of ['v1beta', 'v1beta1']) {
      const response = await fetch(`${proxy.url}/api/provider/google/${version}/models/gemini-model:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).candidates[0].content.parts[0].text).toBe('Hello from the fake upstream.');
    }
  });

  it('needs a client key, and answers in the vendor’s error shape', async () => {
    const response = await fetch(`${proxy.url}/api/provider/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'wrong' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).type).toBe('error');
  });
});

describe('the rest of Amp’s API is passed on to ampcode.upstream-url', () => {
  it('getUserInfo reaches Amp with the Amp key instead of the client key, and the answer comes back', async () => {
    const response = await fetch(`${proxy.url}/api/internal?getUserInfo`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json', 'x-amp-client-application': 'cli' }, body: '{"method":"getUserInfo","params":{}}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, result: FAKE_AMP_USER });
    const seen = amp.requests.at(-1)!;
    expect(seen).toMatchObject({ method: 'POST', url: '/api/internal?getUserInfo' });
    expect(seen.headers.authorization).toBe(`Bearer ${AMP_KEY}`);
    expect(seen.headers['x-amp-client-application']).toBe('cli');
    expect(seen.body.toString()).toBe('{"method":"getUserInfo","params":{}}');
    expect(JSON.stringify(seen.headers)).not.toContain(CLIENT_KEY);
    expect(proxy.logs.join('\n')).not.toContain(AMP_KEY);
  });

  it('streams: the first event arrives while Amp still holds the stream open', async () => {
    const response = await fetch(`${proxy.url}/api/threads/events`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('data: {"type":"thread-started"}\n\n');
    amp.releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('data: {"type":"thread-done"}\n\n');
  });

  it('WebSockets on /api/* (thread actors) are passed on too: client key here, Amp key there, messages both ways', async () => {
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`${proxy.url.replace('http', 'ws')}/api/actors/gateway/threadActor/websocket/T-1`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
    const answer = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send('{"type":"hello"}'));
      socket.on('message', (data) => resolve(data.toString()));
      socket.on('error', reject);
    });
    socket.close();
    expect(answer).toBe('{"echo":"{\\"type\\":\\"hello\\"}"}');
    const upgrade = amp.requests.filter((request) => request.method === 'GET (upgrade)').at(-1)!;
    expect(upgrade.url).toBe('/api/actors/gateway/threadActor/websocket/T-1');
    expect(upgrade.headers.authorization).toBe(`Bearer ${AMP_KEY}`);

    const refused = new WebSocket(`${proxy.url.replace('http', 'ws')}/api/actors/gateway/threadActor/websocket/T-1`);
    const status = await new Promise<number>((resolve) => refused.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it('a large upload arrives whole', async () => {
    const body = 'x'.repeat(3 * 1024 * 1024);
    const response = await fetch(`${proxy.url}/api/internal?uploadThread`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body });
    expect(await response.json()).toEqual({ ok: true, result: { echoedBytes: body.length } });
  });

  it('/api/* needs a client key; /threads pages and Amp’s login flow (/api/auth/*, before Amp has a key) do not', async () => {
    expect((await fetch(`${proxy.url}/api/internal?getUserInfo`, { method: 'POST' })).status).toBe(401);
    const login = await fetch(`${proxy.url}/api/auth/oauth-config`);
    expect(login.status).toBe(404);
    expect(await login.json()).toEqual({ error: 'not_found', message: 'fake Amp: no route GET /api/auth/oauth-config' });
    const page = await fetch(`${proxy.url}/threads/T-123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<html><body>Thread T-123</body></html>');
  });

  it('without ampcode.upstream-url: 503 saying what to set', async () => {
    const bare = await startTestProxy(crossDialectConfig(fake.url));
    try {
      const response = await fetch(`${bare.url}/api/internal?getUserInfo`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}` } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: 'amp upstream proxy not available' });
    } finally {
      await bare.close();
    }
  });

  it('without upstream-api-key, uses the key the Amp CLI saved at login (secrets.json)', async () => {
    const saved = await startTestProxy(withAmp(amp.url, ''), {
      deps: {
        home: await (async () => {
          const home = path.join(proxy.dir, 'amp-home');
          mkdirSync(path.join(home, '.local', 'share', 'amp'), { recursive: true });
          writeFileSync(path.join(home, '.local', 'share', 'amp', 'secrets.json'), JSON.stringify({ [`apiKey@${amp.url}/`]: AMP_KEY }));
          return home;
        })(),
      },
    });
    try {
      const response = await fetch(`${saved.url}/api/internal?getUserInfo`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}` } });
      expect(response.status).toBe(200);
      expect(amp.requests.at(-1)?.headers.authorization).toBe(`Bearer ${AMP_KEY}`);
    } finally {
      await saved.close();
    }
  });
});
