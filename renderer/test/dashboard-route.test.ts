/**
 * The /ui route (proxy-core/src/server/routes/dashboard.ts) on a bare HTTP server with the proxy's router.
 * It lives here because the brief gives the renderer engineer only dashboard.ts itself in proxy-core;
 * it can move next to dashboard.ts unchanged.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../proxy-core/src/server/router.js';
import { DASHBOARD_CSP, registerDashboardRoutes } from '../../proxy-core/src/server/routes/dashboard.js';

let root: string;
let built: string;
let servers: http.Server[] = [];

async function serve(dir: string): Promise<string> {
  const router = createRouter();
  registerDashboardRoutes(router, { dir });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const matched = router.match(req.method ?? 'GET', url.pathname);
    if (!matched) {
      res.writeHead(404).end('no route');
      return;
    }
    void matched.handler({ req, res, url, params: matched.params, requestId: 'r', startedAt: 0, remoteAddress: '127.0.0.1', isLoopback: true });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Raw HTTP so paths reach the server exactly as written (fetch would normalise `..`). */
function rawGet(base: string, pathText: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/`, { method, path: pathText }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

let base: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-ui-route-'));
  built = path.join(root, 'renderer');
  mkdirSync(path.join(built, 'assets'), { recursive: true });
  writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>dash</title>');
  writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(built, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(path.join(built, 'favicon.svg'), '<svg/>');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(root, 'secret.txt'), path.join(built, 'assets', 'link.txt'));
  base = await serve(built);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
  rmSync(root, { recursive: true, force: true });
});

describe('dashboard route /ui', () => {
  it('serves index.html at /ui and /ui/ with no-cache and the strict security headers', async () => {
    for (const pathname of ['/ui', '/ui/']) {
      const response = await rawGet(base, pathname);
      expect(response.status).toBe(200);
      expect(response.body).toContain('<title>dash</title>');
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toBe(DASHBOARD_CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(DASHBOARD_CSP).toBe("default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
  });

  it('serves hashed assets with their content type and a year-long immutable cache', async () => {
    const script = await rawGet(base, '/ui/assets/index-abc123.js');
    expect(script).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await rawGet(base, '/ui/assets/index-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await rawGet(base, '/ui/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers unknown routes with index.html (client-side routing) but a missing asset with 404', async () => {
    const route = await rawGet(base, '/ui/accounts/some-id');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>dash</title>');
    expect((await rawGet(base, '/ui/assets/index-old999.js')).status).toBe(404);
  });

  it('HEAD gives the headers without a body', async () => {
    const head = await rawGet(base, '/ui/assets/index-abc123.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('console.log(1)'.length));
  });

  it('never serves a file outside the folder, however the path is written', async () => {
    const attempts = [
      '/ui/../secret.txt',
      '/ui/..%2fsecret.txt',
      '/ui/%2e%2e/secret.txt',
      '/ui/%2e%2e%2fsecret.txt',
      '/ui/assets/..%2f..%2fsecret.txt',
      '/ui/..%5csecret.txt',
      '/ui/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      `/ui/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      '/ui//etc/passwd',
      '/ui/assets/link.txt',
      '/ui/%00',
      '/ui/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const response = await rawGet(base, attempt);
      expect(response.body, attempt).not.toContain('TOP SECRET');
      expect(response.body, attempt).not.toMatch(/root:/);
    }
    expect((await rawGet(base, '/ui/..%2fsecret.txt')).status).toBe(404);
    expect((await rawGet(base, '/ui/assets/link.txt')).status).toBe(404);
    expect((await rawGet(base, '/ui/%E0%A4%A')).status).toBe(400);
  });

  it('answers 503 with a one-line hint when the dashboard is not built', async () => {
    const missing = await serve(path.join(root, 'not-built'));
    const response = await rawGet(missing, '/ui');
    expect(response.status).toBe(503);
    expect(response.body.trim().split('\n')).toHaveLength(1);
    expect(response.body).toMatch(/npm run build/);
  });
});
