import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientApplyResponse, ClientPreviewResponse, ClientRevertResponse, ClientSetupView, ClientsResponse } from '../../src/server/management/contract.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, NO_REMOTE_ADDRESS, nonLoopbackAddress, startTestProxy, type TestProxy } from './harness.js';
import { describeWhen } from '../prerequisites.js';

// /v0/management/clients: status, preview, apply and revert of coding-tool settings in the proxy's HOME.
let proxy: TestProxy;
const config = configWith(`openai-compatibility:
  - name: fakeai
    base-url: "http://127.0.0.1:9/v1"
    api-key-entries: [{ api-key: "sk-upstream-secret-value" }]
    models: [{ name: "m" }]
`);

const call = (route: string, body?: unknown, base = proxy.url) =>
  fetch(`${base}/v0/management/clients${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  proxy = await startTestProxy(config);
});
afterAll(async () => {
  await proxy?.close();
});

describe('management /clients', () => {
  it('lists every client with its state, the served models and the base URL, with no key in the answer', async () => {
    const response = await call('');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(CLIENT_KEY);
    const body = JSON.parse(text) as ClientsResponse;
    expect(body.baseUrl).toBe(proxy.url);
    expect(body.models).toEqual(['m']);
    expect(body.clients.map((client) => client.id)).toEqual(['claude-code', 'codex', 'gemini-cli', 'qwen-code', 'opencode', 'factory-droid', 'amp', 'continue', 'cline', 'roo-code', 'kilo-code', 'cherry-studio']);
    expect(body.clients[0]).toMatchObject({ id: 'claude-code', kind: 'file', state: 'not-set-up', detected: false, files: [path.join(proxy.dir, '.claude', 'settings.json')] });
    expect(body.clients.find((client) => client.id === 'cherry-studio')?.link).toBeUndefined();
    expect(body.clients.find((client) => client.id === 'amp')?.message).toBe("Not set up for a proxy. Amp's own API (account, threads) also goes through the proxy: set ampcode.upstream-url (https://ampcode.com) in config.yaml, or Amp stops at its first request.");
  });

  it('previews a diff (key masked) without writing, applies it, shows the new state, and reverts', async () => {
    const preview = await call('/claude-code/preview', { model: 'm' });
    expect(preview.status).toBe(200);
    const planned = (await preview.json()) as ClientPreviewResponse;
    expect(planned.files).toHaveLength(1);
    expect(planned.files[0]).toMatchObject({ exists: false, changed: true });
    expect(planned.files[0]?.diff).toContain(`+    "ANTHROPIC_BASE_URL": "${proxy.url}",`);
    expect(planned.files[0]?.diff).toContain('+    "ANTHROPIC_AUTH_TOKEN": "sk-t…0001",');
    expect(existsSync(path.join(proxy.dir, '.claude'))).toBe(false);

    const applied = (await (await call('/claude-code/apply', { model: 'm' })).json()) as ClientApplyResponse;
    expect(applied.written).toEqual([path.join(proxy.dir, '.claude', 'settings.json')]);
    expect(applied.client).toMatchObject({ state: 'this-proxy', model: 'm', revertible: true, detected: true });
    expect(JSON.parse(readFileSync(path.join(proxy.dir, '.claude', 'settings.json'), 'utf8')).env).toEqual({ ANTHROPIC_BASE_URL: proxy.url, ANTHROPIC_AUTH_TOKEN: CLIENT_KEY, ANTHROPIC_MODEL: 'm' });
    const listed = (await (await call('')).json()) as ClientsResponse;
    expect(listed.clients[0]).toMatchObject({ id: 'claude-code', state: 'this-proxy' });

    const reverted = (await (await call('/claude-code/revert', {})).json()) as ClientRevertResponse;
    expect(reverted.removed).toEqual([path.join(proxy.dir, '.claude', 'settings.json')]);
    expect(reverted.client.state).toBe('not-set-up');
  });

  it('answers 400 for a model the proxy does not serve, 422 with the line for a file that does not parse, 409 for a revert over an edit, 404 for an unknown client', async () => {
    const unserved = await call('/codex/apply', { model: 'gpt-6.1-sol' });
    expect(unserved.status).toBe(400);
    expect(((await unserved.json()) as { error: string }).error).toContain('The proxy does not serve "gpt-6.1-sol"');

    mkdirSync(path.join(proxy.dir, '.codex'), { recursive: true });
    writeFileSync(path.join(proxy.dir, '.codex', 'config.toml'), 'model = "x"\nmodel_provider = \n');
    const broken = await call('/codex/preview', {});
    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ file: path.join(proxy.dir, '.codex', 'config.toml'), line: 2 });
    expect(readFileSync(path.join(proxy.dir, '.codex', 'config.toml'), 'utf8')).toBe('model = "x"\nmodel_provider = \n');

    await call('/opencode/apply', {});
    writeFileSync(path.join(proxy.dir, '.config', 'opencode', 'opencode.json'), '{}\n');
    const conflict = await call('/opencode/revert', {});
    expect(conflict.status).toBe(409);
    expect((await call('/opencode/revert', { force: true })).status).toBe(200);

    expect((await call('/vim/preview', {})).status).toBe(404);
    expect((await call('/claude-code/apply', { model: 7 })).status).toBe(400);
  });

  it('the troubleshooting check "client-config-drift" warns when a tool set up here was edited since', async () => {
    const run = async () => (await (await fetch(`${proxy.url}/v0/management/diagnostics/client-config-drift/run`, { method: 'POST', headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } })).json()) as { status: string; summary: string };
    rmSync(path.join(proxy.dir, '.codex'), { recursive: true, force: true }); // the unreadable file an earlier test left
    await call('/qwen-code/apply', {});
    expect(await run()).toMatchObject({ status: 'pass', summary: 'Qwen Code points at this proxy, unchanged since set up.' });
    writeFileSync(path.join(proxy.dir, '.qwen', '.env'), 'OPENAI_BASE_URL=https://elsewhere.example.com/v1\n');
    const drifted = await run();
    expect(drifted.status).toBe('warn');
    expect(drifted.summary).toBe('Qwen Code: Changed since CLIProxy Desktop wrote it; it now points at https://elsewhere.example.com/v1. Set it up again, or revert to the file from before.');
    expect((await call('/qwen-code/revert', { force: true })).status).toBe(200);
  });

  it('reveals a guided client’s values and import link only on request', async () => {
    const masked = (await (await call('/cline')).json()) as ClientSetupView;
    expect(masked.steps).toContainEqual({ label: 'API key', value: 'sk-t…0001', secret: true });
    const revealed = (await (await call('/cherry-studio?reveal=true')).json()) as ClientSetupView;
    expect(revealed.link).toMatch(/^cherrystudio:\/\/providers\/api-keys\?v=1&data=/);
    expect(revealed.steps).toContainEqual({ label: 'API key', value: CLIENT_KEY, secret: true });
  });
});

const remoteAddress = nonLoopbackAddress();
describeWhen(remoteAddress, NO_REMOTE_ADDRESS)('remote management', () => {
  it('may read the client list but not write files in the proxy’s home (403)', async () => {
    const remote = await startTestProxy(config.replace('remote-management:\n', 'remote-management:\n  allow-remote: true\n'), { host: remoteAddress });
    try {
      expect((await call('', undefined, remote.url)).status).toBe(200);
      const refused = await call('/claude-code/apply', {}, remote.url);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toContain('only available from that machine');
      expect(existsSync(path.join(remote.dir, '.claude'))).toBe(false);
    } finally {
      await remote.close();
    }
  });
});
