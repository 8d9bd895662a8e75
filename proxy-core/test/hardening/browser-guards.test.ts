import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';
import { KEYLESS_CONFIG, rawRequest, upgradeHead } from './hostile-harness.js';

let fake: FakeUpstream;
let keyless: TestProxy;
let host: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  keyless = await startTestProxy(KEYLESS_CONFIG(fake.url));
  host = new URL(keyless.url).host;
});
afterAll(async () => {
  await keyless?.close();
  await fake?.close();
});

describe('keyless mode (api-keys: []) refuses web pages on every route and every upgrade', () => {
  it('a Responses WebSocket upgrade from another site, from Origin: null or with a rebinding Host is refused with 403', async () => {
    for (const path of ['/v1/responses', '/backend-api/codex/responses', '/v1/chat/completions']) {
      const evil = await rawRequest(keyless.url, upgradeHead(path, host, ['Origin: https://evil.example']));
      expect(evil.status).toBe(403);
      expect(JSON.parse(evil.body).error.message).toContain('Requests from web pages (https://evil.example) are refused while api-keys is empty');
      const sandboxed = await rawRequest(keyless.url, upgradeHead(path, host, ['Origin: null']));
      expect(sandboxed.status).toBe(403);
      const port = new URL(keyless.url).port;
      const rebinding = await rawRequest(keyless.url, upgradeHead(path, `evil.example:${port}`));
      expect(rebinding.status).toBe(403);
      expect(JSON.parse(rebinding.body).error.message).toContain('DNS rebinding');
    }
  });

  it('a local program still gets the WebSocket (101), and a page on this proxy\'s own origin too', async () => {
    expect((await rawRequest(keyless.url, upgradeHead('/v1/responses', host))).status).toBe(101);
    expect((await rawRequest(keyless.url, upgradeHead('/v1/responses', host, [`Origin: http://${host}`]))).status).toBe(101);
  });

  it('Origin: null is refused on plain requests too', async () => {
    const response = await fetch(`${keyless.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('/v1/metrics/providers', () => {
  it('needs a key on loopback too, and never answers with wildcard CORS', async () => {
    const keyed = await startTestProxy(configWith(''), { localManagementKey: 'launch-key-1234' });
    try {
      const anonymous = await fetch(`${keyed.url}/v1/metrics/providers`, { headers: { origin: 'https://evil.example' } });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('access-control-allow-origin')).toBeNull();
      expect(await anonymous.text()).toContain('Provider metrics need a key');
      const preflight = await fetch(`${keyed.url}/v1/metrics/providers`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const client = await fetch(`${keyed.url}/v1/metrics/providers`, { headers: { authorization: `Bearer ${CLIENT_KEY}`, origin: 'https://chat.example' } });
      expect(client.status).toBe(200);
      expect(client.headers.get('access-control-allow-origin')).toBeNull();
      expect((await fetch(`${keyed.url}/v1/metrics/providers`, { headers: { 'x-management-key': MANAGEMENT_KEY } })).status).toBe(200);
      expect((await fetch(`${keyed.url}/v1/metrics/providers`, { headers: { 'x-management-key': 'launch-key-1234' } })).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });

  it('keyless: a web page cannot read it; the management key can', async () => {
    expect((await fetch(`${keyless.url}/v1/metrics/providers`)).status).toBe(401);
    expect((await fetch(`${keyless.url}/v1/metrics/providers`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('management lockout', () => {
  it('keyless or cross-origin requests never count; wrong keys slow loopback down instead of locking the owner out; doctor lifts it', async () => {
    const proxy = await startTestProxy(configWith(''), { localManagementKey: 'launch-key-5678' });
    try {
      const status = (headers: Record<string, string>) => fetch(`${proxy.url}/v0/management/status`, { headers });
      for (let index = 0; index < 10; index++) {
        expect((await status({ origin: 'https://evil.example' })).status).toBe(403);
        expect((await status({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
        expect((await status({})).status).toBe(401);
      }
      expect((await status({ authorization: `Bearer ${MANAGEMENT_KEY}` })).status).toBe(200);
      // A page of this proxy (the dashboard at /ui) is same-origin.
      expect((await status({ authorization: `Bearer ${MANAGEMENT_KEY}`, origin: proxy.url })).status).toBe(200);

      let last: Response | undefined;
      for (let index = 0; index < 5; index++) last = await status({ authorization: `Bearer wrong-key-${index}` });
      expect(last!.status).toBe(429);
      expect(last!.headers.get('retry-after')).toBe('1');
      const body = (await last!.json()) as { error: string; code: string };
      expect(body.code).toBe('throttled');
      expect(body.error).toContain('cliproxyctl doctor --fix');
      // The per-launch key (desktop window, cliproxyctl) is never blocked; a key already verified is not either.
      expect((await status({ authorization: 'Bearer launch-key-5678' })).status).toBe(200);
      expect((await status({ authorization: `Bearer ${MANAGEMENT_KEY}` })).status).toBe(200);

      const checks = (await (await fetch(`${proxy.url}/v0/management/diagnostics`, { headers: { authorization: 'Bearer launch-key-5678' } })).json()) as { checks: Array<{ id: string; status: string; summary: string }> };
      const lockout = checks.checks.find((check) => check.id === 'management-lockout')!;
      expect(lockout.status).toBe('warn');
      expect(lockout.summary).toMatch(/programs on this machine wait \d+ s between management key tries after 5 wrong keys/);
      const fixed = (await (await fetch(`${proxy.url}/v0/management/diagnostics/management-lockout/fix`, { method: 'POST', headers: { authorization: 'Bearer launch-key-5678' } })).json()) as { ok: boolean; check: { status: string } };
      expect(fixed).toMatchObject({ ok: true, check: { status: 'pass' } });
      expect((await status({ authorization: 'Bearer wrong-again' })).status).toBe(401);
    } finally {
      await proxy.close();
    }
  });
});
