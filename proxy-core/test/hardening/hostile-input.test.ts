import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';
import { rawRequest } from './hostile-harness.js';

// A corpus of bad input per client route. Every answer is in the caller's own error shape, nothing crashes, the
// proxy still answers /health, and no configured secret appears in any answer or log line.
type Dialect = 'openai' | 'claude' | 'gemini';
interface Route {
  path: string;
  dialect: Dialect;
  /** A valid body for this route (the model is served by the fake). */
  valid: Record<string, unknown>;
}
const ROUTES: Route[] = [
  { path: '/v1/chat/completions', dialect: 'openai', valid: { model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] } },
  { path: '/v1/completions', dialect: 'openai', valid: { model: 'chat-model', prompt: 'hi' } },
  { path: '/v1/responses', dialect: 'openai', valid: { model: 'responses-model', input: 'hi' } },
  { path: '/v1/messages', dialect: 'claude', valid: { model: 'claude-model', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] } },
  { path: '/v1/messages/count_tokens', dialect: 'claude', valid: { model: 'claude-model', messages: [{ role: 'user', content: 'hi' }] } },
  { path: '/v1beta/models/gemini-model:generateContent', dialect: 'gemini', valid: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } },
  { path: '/v1beta/models/gemini-model:streamGenerateContent', dialect: 'gemini', valid: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } },
];
const SECRETS = [CLIENT_KEY, MANAGEMENT_KEY, 'sk-upstream-openai', 'sk-ant-upstream', 'AIza-upstream', 'sk-upstream-codex'];

/** Bodies that must be refused with a 4xx. */
function badBodies(route: Route): Array<[string, Buffer | string]> {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  return [
    ['empty', ''],
    ['truncated JSON', '{"model": "chat-model", "messages": [{"role": "us'],
    ['not JSON', 'model=chat-model&messages=hi'],
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['model of the wrong type', JSON.stringify({ ...route.valid, model: 5, contents: 'nope', messages: 'nope', input: 7, prompt: { a: 1 } })],
    ['unknown model', JSON.stringify({ ...route.valid, model: 'no-such-model' })],
    ['deep nesting in a field', `{"model":"chat-model","messages":${deep(20_000)},"contents":${deep(20_000)},"input":${deep(20_000)}}`],
    ['NUL bytes outside strings', Buffer.concat([Buffer.from('{"model":"chat-model"'), Buffer.from([0]), Buffer.from('}')])],
    ['invalid UTF-8 outside strings', Buffer.concat([Buffer.from('{"model":'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('}')])],
  ].filter(([name]) => !(name === 'unknown model' && route.dialect === 'gemini')) as Array<[string, Buffer | string]>;
}

/** Odd but well-formed bodies: any answer below 500 is fine, as long as errors are in the dialect. */
function oddBodies(route: Route): Array<[string, Buffer | string]> {
  const text = JSON.stringify(route.valid);
  return [
    ['prototype keys', text.replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},')],
    ['NUL inside a string', text.replace('hi', 'h\\u0000i')],
    ['invalid UTF-8 inside a string', Buffer.concat([Buffer.from(text.slice(0, text.indexOf('hi'))), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(text.slice(text.indexOf('hi')))])],
    ['a huge string within the limit (3 MiB)', text.replace('hi', 'x'.repeat(3 * 1024 * 1024))],
  ];
}

function expectDialectError(dialect: Dialect, status: number, body: string, label: string): void {
  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${label}: the ${status} answer is not JSON: ${body.slice(0, 200)}`);
  }
  if (dialect === 'claude') expect(parsed, label).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
  else if (dialect === 'gemini') expect(parsed, label).toMatchObject({ error: { code: status, message: expect.any(String), status: expect.any(String) } });
  else expect(parsed, label).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
}

let fake: FakeUpstream;
let proxy: TestProxy;
const answers: string[] = [];

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(crossDialectConfig(fake.url));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

const send = async (path: string, body: Buffer | string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'x-api-key': CLIENT_KEY, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, text };
};

describe('hostile input on every client route', () => {
  for (const route of ROUTES) {
    it(`${route.path}: malformed, mistyped, deeply nested and non-UTF-8 bodies are a 4xx in the ${route.dialect} shape`, async () => {
      for (const [name, body] of badBodies(route)) {
        const { status, text } = await send(route.path, body);
        const label = `${route.path} ${name}`;
        expect(status, `${label}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
        expectDialectError(route.dialect, status, text, label);
      }
      for (const [name, body] of oddBodies(route)) {
        const { status, text } = await send(route.path, body);
        const label = `${route.path} ${name}`;
        expect(status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
        if (status >= 400) expectDialectError(route.dialect, status, text, label);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    });
  }

  it('bad headers: wrong content type, a wrong or malformed key, an oversized header, a broken chunked body — and the proxy still answers', async () => {
    const chat = ROUTES[0];
    const plain = await send(chat.path, JSON.stringify(chat.valid), { 'content-type': 'text/plain' });
    expect(plain.status).toBeLessThan(500);
    for (const key of ['sk-wrong-key-value-0000', 'Bearer', '\u00ff\u00fe', 'x'.repeat(8000)]) {
      const wrong = await send(chat.path, JSON.stringify(chat.valid), { authorization: `Bearer ${key}`, 'x-api-key': key });
      expect(wrong.status).toBe(401);
      expectDialectError('openai', 401, wrong.text, `key ${key.slice(0, 10)}`);
    }
    const host = new URL(proxy.url).host;
    const huge = await rawRequest(proxy.url, `GET /v1/models HTTP/1.1\nHost: ${host}\nX-Big: ${'a'.repeat(40_000)}\nConnection: close\n`);
    // Node refuses it before any handler runs (400 from the proxy's clientError handler).
    expect([400, 431]).toContain(huge.status);
    const broken = await rawRequest(proxy.url, `POST /v1/chat/completions HTTP/1.1\nHost: ${host}\nAuthorization: Bearer ${CLIENT_KEY}\nContent-Type: application/json\nTransfer-Encoding: chunked\nConnection: close\n`, 'zz\r\n{}\r\n0\r\n\r\n');
    expect(broken.status).toBe(400);
    const twoLengths = await rawRequest(proxy.url, `POST /v1/chat/completions HTTP/1.1\nHost: ${host}\nContent-Length: 2\nContent-Length: 3\nConnection: close\n`, '{}');
    expect(twoLengths.status).toBe(400);
    expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
  });

  it('management: malformed and mistyped bodies, oversized and odd keys are 4xx in the management shape; the file is untouched', async () => {
    const cases: Array<[string, string, string]> = [
      ['PATCH', '/config', 'not json'],
      ['PATCH', '/config', '[]'],
      ['PATCH', '/config', '{"values": 5}'],
      ['PATCH', '/config', '{"values": {}}'],
      ['PATCH', '/config', '{"values": {"port": "not a number"}}'],
      ['PUT', '/api-keys', '{"items": [1, {"a": 2}]}'],
      ['PATCH', '/api-keys', '{"index": -1, "value": "x"}'],
      ['POST', '/openai-compatibility', '{"name": 5}'],
      ['PATCH', '/credentials/no-such-id', '{"disabled": "yes"}'],
      ['PATCH', '/models/no-such-model', '{"enabled": true}'],
      ['POST', '/logins', '{"provider": "no-such-provider"}'],
    ];
    for (const [method, path, body] of cases) {
      const response = await fetch(`${proxy.url}/v0/management${path}`, { method, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' }, body });
      const text = await response.text();
      answers.push(text);
      expect(response.status, `${method} ${path} ${body}: ${text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path} ${body}: ${text}`).toBeLessThan(500);
      expect(JSON.parse(text), `${method} ${path}`).toMatchObject({ error: expect.any(String) });
    }
    for (const key of ['x'.repeat(10_000), '\u00ff\u00fe', 'Bearer']) {
      const response = await fetch(`${proxy.url}/v0/management/status`, { headers: { 'x-management-key': key } });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    // Three wrong keys do not lock the owner out.
    expect((await fetch(`${proxy.url}/v0/management/status`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).status).toBe(200);
  });

  it('an upstream that echoes its key: the answer, the cooldown 429 and management are scrubbed', async () => {
    fake.script({ path: /generateContent/ }, (request) => ({ kind: 'json', status: 403, body: { error: { code: 403, message: `API key ${request.apiKey} is not allowed`, status: 'PERMISSION_DENIED' } } }));
    const first = await send('/v1beta/models/gemini-model:generateContent', JSON.stringify(ROUTES[5].valid));
    expect(first.status).toBe(403);
    expect(first.text).toContain('is not allowed');
    const again = await send('/v1/chat/completions', JSON.stringify({ model: 'gemini-model', messages: [{ role: 'user', content: 'hi' }] }));
    expect(again.status).toBe(429);
  });

  it('no configured secret appears in any client answer, management answer or log line', async () => {
    for (const path of ['/config/view', '/config.yaml', '/credentials', '/api-keys?masked=true', '/status', '/logs/entries?limit=500', '/logs', '/models', '/auth-files', '/diagnostics']) {
      const response = await fetch(`${proxy.url}/v0/management${path}`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
      expect(response.status, path).toBe(200);
      answers.push(await response.text());
    }
    answers.push(await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).text());
    const everything = [...answers, ...proxy.logs].join('\n');
    for (const secret of SECRETS) expect(everything.includes(secret), `"${secret}" leaked`).toBe(false);
    expect(proxy.logs.some((line) => /unhandled error/.test(line))).toBe(false);
  });
});
