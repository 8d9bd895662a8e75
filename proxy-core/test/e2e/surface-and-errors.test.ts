import http from 'node:http';
import net from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { describeWhen } from '../prerequisites.js';
import { CLIENT_KEY, configWith, NO_REMOTE_ADDRESS, nonLoopbackAddress, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    `${configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "m", alias: "m" }]
codex-api-key:
  - api-key: "sk-codex"
    base-url: "${fake.url}/v1"
    models: [{ name: "r", alias: "r" }]
`)}request-body-limit-mb: 1\n`,
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}`, ...headers }, body });

describe('client authentication', () => {
  it('401 in each dialect, saying which header to send', async () => {
    await expect(new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'wrong-key-123456', maxRetries: 0 }).models.list()).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('Authorization: Bearer'),
    });
    await expect(new Anthropic({ baseURL: proxy.url, apiKey: 'wrong', maxRetries: 0 }).messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error' } },
    });
    const google = await fetch(`${proxy.url}/v1beta/models/m:generateContent`, { method: 'POST', body: '{}' });
    expect(google.status).toBe(401);
    const body = (await google.json()) as { error: { status: string; message: string } };
    expect(body.error.status).toBe('UNAUTHENTICATED');
    expect(body.error.message).toContain('x-goog-api-key');
  });

  it('accepts the key as Bearer, x-api-key, x-goog-api-key and ?key=', async () => {
    const headerSets: Array<Record<string, string>> = [{ authorization: `Bearer ${CLIENT_KEY}` }, { 'x-api-key': CLIENT_KEY }, { 'x-goog-api-key': CLIENT_KEY }];
    for (const init of headerSets) {
      expect((await fetch(`${proxy.url}/v1/models`, { headers: init })).status).toBe(200);
    }
    expect((await fetch(`${proxy.url}/v1/models?key=${CLIENT_KEY}`)).status).toBe(200);
  });

  it('never reveals the wrong key it was given', async () => {
    const response = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: 'Bearer sk-secret-guess-abcdefgh' } });
    expect(await response.text()).not.toContain('sk-secret-guess-abcdefgh');
  });
});

describe('errors a client can read', () => {
  it('unknown model → 404 model_not_found telling how to list models', async () => {
    await expect(new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }).chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      message: expect.stringContaining('/v1/models'),
    });
    const gemini = await fetch(`${proxy.url}/v1beta/models/nope:generateContent?key=${CLIENT_KEY}`, { method: 'POST', body: '{"contents":[]}' });
    expect(gemini.status).toBe(404);
    expect(((await gemini.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
  });

  it('malformed JSON → 400; wrong types → 400; a body over the limit → 413; the proxy keeps serving', async () => {
    const broken = await post('/v1/chat/completions', '{"model": "m", "messages": [');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const anthropicBroken = await post('/v1/messages', 'not json');
    expect(anthropicBroken.status).toBe(400);
    expect(((await anthropicBroken.json()) as { type: string }).type).toBe('error');
    expect((await post('/v1/chat/completions', '{"model": 42}')).status).toBe(400);
    expect((await post('/v1/chat/completions', '{"model": "m", "stream": "yes"}')).status).toBe(400);
    const huge = await post('/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(1.5 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
    expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
  });

  it('compact refuses streaming with a 400, and models without a Responses upstream with a 501, saying so', async () => {
    const response = await post('/v1/responses/compact', JSON.stringify({ model: 'r', input: 'x', stream: true }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Streaming is not supported for compact/);
    const ok = await post('/v1/responses/compact', JSON.stringify({ model: 'r', input: 'x' }));
    expect(ok.status).toBe(200);
    expect(fake.requests.at(-1)!.path).toBe('/v1/responses/compact');
    // Only a Responses upstream can compact: another model is a 501 that says so, not an ordinary answer.
    const before = fake.requests.length;
    const refused = await post('/v1/responses/compact', JSON.stringify({ model: 'm', input: 'x' }));
    expect(refused.status).toBe(501);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/compact is not supported for m.*codex-api-key/);
    expect(fake.requests.length).toBe(before);
  });

  it('unknown routes get a 404 that points at the endpoint list', async () => {
    const response = await fetch(`${proxy.url}/v2/whatever`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('GET /');
  });
});

describe('surface', () => {
  it('answers browser clients with CORS headers (preflight included), and only them', async () => {
    const preflight = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'OPTIONS', headers: { origin: 'https://chat.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const browser = await fetch(`${proxy.url}/v1/models`, { headers: { origin: 'https://chat.example', authorization: `Bearer ${CLIENT_KEY}` } });
    expect(browser.headers.get('access-control-allow-origin')).toBe('*');
    const tool = await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
    expect(tool.headers.get('access-control-allow-origin')).toBeNull();
    const management = await fetch(`${proxy.url}/v0/management/status`, { headers: { origin: 'https://chat.example', authorization: 'Bearer x' } });
    expect(management.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/health and /healthz report status, version and uptime; HEAD / answers', async () => {
    for (const path of ['/health', '/healthz']) {
      const body = (await (await fetch(`${proxy.url}${path}`)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 'ok', version: expect.any(String), uptime_seconds: expect.any(Number) });
    }
    expect((await fetch(`${proxy.url}/`, { method: 'HEAD' })).status).toBe(200);
  });

  it('/v1/models answers OpenAI, Anthropic or Gemini shapes by who asks', async () => {
    const openai = (await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { object: string; data: Array<{ id: string; owned_by: string }> };
    expect(openai.object).toBe('list');
    expect(openai.data.map((model) => model.id)).toEqual(['m', 'r']);
    const anthropic = (await (await fetch(`${proxy.url}/v1/models`, { headers: { 'x-api-key': CLIENT_KEY, 'anthropic-version': '2026-10-21' } })).json()) as Record<string, unknown>;
    expect(anthropic).toMatchObject({ has_more: false, first_id: 'm', data: [{ id: 'm', type: 'model' }, { id: 'r', type: 'model' }] });
    const claudeCli = (await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}`, 'user-agent': 'claude-cli/2.1.197 (external, sdk-cli)' } })).json()) as Record<string, unknown>;
    expect(claudeCli.has_more).toBe(false);
    const gemini = (await (await fetch(`${proxy.url}/v1beta/models`, { headers: { 'x-goog-api-key': CLIENT_KEY } })).json()) as { models: Array<{ name: string }> };
    expect(gemini.models.map((model) => model.name)).toEqual(['models/m', 'models/r']);
    const sdk = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url, apiVersion: 'v1beta' } });
    expect((await sdk.models.get({ model: 'm' })).name).toBe('models/m');
  });

  it('serves the Responses WebSocket transport (what Codex tries first): events come back as JSON messages', async () => {
    const socket = new WebSocket(`${proxy.url.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const types: string[] = [];
    const done = new Promise<Record<string, any>>((resolve) =>
      socket.on('message', (data) => {
        const event = JSON.parse(data.toString()) as Record<string, any>;
        types.push(event.type);
        if (event.type === 'response.completed') resolve(event);
      }),
    );
    socket.send(JSON.stringify({ type: 'response.create', model: 'r', input: 'hi' }));
    const completed = await done;
    socket.close();
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_item.done');
    expect(completed.response.output[0].content[0].text).toBeTruthy();
    expect((fake.requests.at(-1)!.body as { stream: boolean }).stream).toBe(true);
  });

  it('answers a WebSocket prewarm locally and expands incremental turns (previous_response_id) into the whole conversation', async () => {
    const socket = new WebSocket(`${proxy.url.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const messages: Array<Record<string, any>> = [];
    let waiter: (() => void) | undefined;
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()) as Record<string, any>);
      waiter?.();
    });
    const next = (type: string) =>
      new Promise<Record<string, any>>((resolve) => {
        const check = () => {
          const found = messages.find((message) => message.type === type);
          if (!found) return;
          messages.splice(0, messages.length);
          resolve(found);
        };
        waiter = check;
        check();
      });

    // Codex first prewarms (`generate: false`): answered on the spot, no upstream call.
    const before = fake.requests.length;
    socket.send(JSON.stringify({ type: 'response.create', model: 'm', generate: false, instructions: 'Be brief.', input: [{ role: 'developer', content: 'Rules.' }] }));
    const prewarm = (await next('response.completed')).response;
    expect(prewarm).toMatchObject({ status: 'completed', output: [] });
    expect(fake.requests.length).toBe(before);

    socket.send(JSON.stringify({ type: 'response.create', model: 'm', previous_response_id: prewarm.id, input: [{ role: 'user', content: 'first question' }] }));
    const first = (await next('response.completed')).response;
    socket.send(JSON.stringify({ type: 'response.create', model: 'm', previous_response_id: first.id, input: [{ role: 'user', content: 'second question' }] }));
    await next('response.completed');
    const sent = fake.requests.at(-1)!.body as { messages: Array<{ role: string; content: unknown }> };
    expect(fake.requests.length).toBe(before + 2);
    expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.stringify(sent.messages[0].content)).toContain('Be brief.');
    expect(JSON.stringify(sent.messages[1].content)).toContain('first question');
    expect(JSON.stringify(sent.messages[3].content)).toContain('second question');

    socket.send(JSON.stringify({ type: 'response.create', model: 'm', previous_response_id: 'resp_not_from_here', input: [] }));
    const refused = await next('error');
    socket.close();
    expect(refused.code).toBe('previous_response_not_found');
  });

  it('refuses a WebSocket upgrade without a client key (401) and answers unknown upgrades with 426', async () => {
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${proxy.url.replace('http', 'ws')}/v1/responses`);
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', () => undefined);
    });
    expect(refused).toBe(401);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(proxy.proxy.address.port, '127.0.0.1', () => {
        socket.write('GET /v1/other HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 426')).toBe(true);
  });

  it('/v1/metrics/providers counts requests per provider, with a client key (also on loopback)', async () => {
    await post('/v1/chat/completions', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }));
    expect((await fetch(`${proxy.url}/v1/metrics/providers`)).status).toBe(401);
    const metrics = (await (await fetch(`${proxy.url}/v1/metrics/providers`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as Record<string, { request_count: number; success_rate: number; latency_p50_ms: number }>;
    expect(metrics.fakeai.request_count).toBeGreaterThan(0);
    expect(metrics.fakeai.success_rate).toBeGreaterThan(0);
    expect(metrics.fakeai.latency_p50_ms).toEqual(expect.any(Number));
  });
});

/** A raw loopback request with exactly these headers (fetch would not let a test choose Host). */
function rawRequest(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

describe('a proxy without api-keys on loopback', () => {
  it('serves programs on this machine but refuses web pages from other sites (Origin) and DNS rebinding (Host) with 403', async () => {
    const keyless = await startTestProxy(`host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "m", alias: "m" }]
`);
    const port = keyless.proxy.address.port;
    try {
      const local = await rawRequest(port, '/v1/models', { host: `127.0.0.1:${port}` });
      expect(local.status).toBe(200);
      expect((JSON.parse(local.body) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(['m']);
      expect((await rawRequest(port, '/v1/models', { host: `localhost:${port}`, origin: 'http://localhost:5173' })).status).toBe(200);

      const fromWebPage = await rawRequest(port, '/v1/models', { host: `127.0.0.1:${port}`, origin: 'https://evil.example' });
      expect(fromWebPage.status).toBe(403);
      expect((JSON.parse(fromWebPage.body) as { error: { message: string } }).error.message).toBe(
        'Requests from web pages (https://evil.example) are refused while api-keys is empty. Add a client key to api-keys in config.yaml to allow browser clients.',
      );
      const rebound = await rawRequest(port, '/v1/models', { host: 'evil.example' });
      expect(rebound.status).toBe(403);
      expect((JSON.parse(rebound.body) as { error: { message: string } }).error.message).toMatch(
        /^Without api-keys the proxy only serves programs on its own machine, addressed as localhost or 127\.0\.0\.1 \(this request named "evil\.example"; refused as DNS rebinding protection\)/,
      );
    } finally {
      await keyless.close();
    }
  });
});

const remoteAddress = nonLoopbackAddress();

describeWhen(remoteAddress, NO_REMOTE_ADDRESS)('a caller on a non-loopback address of this machine', () => {
  it('/v1/metrics/providers needs a client key off loopback (401 without, the numbers with one)', async () => {
    const remote = await startTestProxy(
      configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "m", alias: "m" }]
`),
      { host: remoteAddress },
    );
    try {
      expect(remote.url).toContain(remoteAddress);
      const asked = await fetch(`${remote.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      });
      expect(asked.status).toBe(200);
      const anonymous = await fetch(`${remote.url}/v1/metrics/providers`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain('request_count');
      expect((await fetch(`${remote.url}/v1/metrics/providers`, { headers: { authorization: 'Bearer sk-wrong-key-0000' } })).status).toBe(401);
      const keyed = await fetch(`${remote.url}/v1/metrics/providers`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } });
      expect(keyed.status).toBe(200);
      expect(((await keyed.json()) as Record<string, { request_count: number }>).fakeai.request_count).toBe(1);
    } finally {
      await remote.close();
    }
  });

  it('without api-keys the proxy serves loopback callers only, judged by the socket address: a local-looking Host header does not help', async () => {
    const open = await startTestProxy(`host: 127.0.0.1\nport: 0\nauth-dir: "$AUTH_DIR"\n`, { host: remoteAddress });
    try {
      const direct = await fetch(`${open.url}/v1/models`);
      expect(direct.status).toBe(403);
      expect(((await direct.json()) as { error: { message: string } }).error.message).toMatch(/Without api-keys the proxy only serves programs on its own machine.*add a client key to api-keys/);
      // The same remote caller claiming to be localhost in Host gets past the rebinding guard, not past the address check.
      const spoofed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.get({ host: remoteAddress, port: open.proxy.address.port, path: '/v1/models', headers: { host: `localhost:${open.proxy.address.port}` } }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
      });
      expect(spoofed.status).toBe(401);
      expect(spoofed.body).toMatch(/only serves requests from this machine/);
    } finally {
      await open.close();
    }
  });
});

