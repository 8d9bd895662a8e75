// Import and backup through the management API, as the dashboard uses it: login files through the same importers
// as `cliproxyctl import`, and a backup bundle that another (wiped) proxy imports back, optionally encrypted.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, AuthFileImportResponse, BackupImportResponse, UsageResponse } from '../../src/server/management/contract.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { authDir, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeUpstream;
const proxies: TestProxy[] = [];
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

const config = () =>
  configWith(`# my providers
openai-compatibility:
  - name: fakeai # the local fake
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-fakeai-0001" }]
    models: [{ name: "fake-large", alias: "fake-large" }]
`);

async function start(yaml = config()): Promise<TestProxy> {
  const proxy = await startTestProxy(yaml);
  proxies.push(proxy);
  return proxy;
}

const claudeFile = (email: string) => ({ type: 'claude', access_token: `sk-ant-oat-${email}`, refresh_token: `sk-ant-ort-${email}`, email, expired: new Date(Date.now() + 3_600_000).toISOString() });

async function chat(proxy: TestProxy, text: string): Promise<void> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fake-large', messages: [{ role: 'user', content: text }] }),
  });
  expect(response.status).toBe(200);
  await response.text();
}

async function exportBundle(proxy: TestProxy, body: Record<string, unknown>): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${proxy.url}/v0/management/backup/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const accountLabels = async (proxy: TestProxy) => (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts.map((account) => account.label).sort();
const usageSummary = async (proxy: TestProxy) => (await management<UsageResponse>(proxy, 'GET', '/usage/report?range=30d')).body.summary;

describe('login files dropped in the dashboard', () => {
  it('imports our files and the vendor CLI caches with the same importers as cliproxyctl import; others are skipped or fail with the reason', async () => {
    const proxy = await start();
    const files = [
      { name: 'claude-me@example.com.json', content: JSON.stringify(claudeFile('me@example.com')) },
      { name: 'auth.json', content: JSON.stringify({ OPENAI_API_KEY: null, tokens: { access_token: 'codex-access-token-1', refresh_token: 'codex-refresh-1', account_id: 'acct-42' }, last_refresh: new Date().toISOString() }) },
      { name: 'notes.json', content: '{"hello": "world"}' },
      { name: 'broken.json', content: '{"type": "claude", ' },
    ];
    const answer = await management<AuthFileImportResponse>(proxy, 'POST', '/auth-files/import', { files });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imported: 2, skipped: 1, failed: 1 });
    expect(answer.body.results[0]).toEqual({ name: 'claude-me@example.com.json', kind: 'imported', provider: 'claude', account: 'me@example.com', file: 'claude-me@example.com.json' });
    expect(answer.body.results[1]).toMatchObject({ name: 'auth.json', kind: 'imported', provider: 'codex' });
    expect(answer.body.results[2]).toEqual({ name: 'notes.json', kind: 'skipped', reason: 'not a login file of a provider this app supports' });
    expect(answer.body.results[3]).toMatchObject({ name: 'broken.json', kind: 'failed', error: expect.stringMatching(/^not a credential file \(/) });
    const saved = path.join(authDir(proxy), 'claude-me@example.com.json');
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(await accountLabels(proxy)).toContain('me@example.com');
    // The answer never carries the tokens.
    expect(JSON.stringify(answer.body)).not.toContain('sk-ant-oat');

    const empty = await management(proxy, 'POST', '/auth-files/import', { files: [] });
    expect(empty).toEqual({ status: 400, body: { error: 'Invalid body: files: pick at least one file' } });
  });
});

describe('backup bundle', () => {
  it('export → wipe → import gives back the same accounts, config and usage; this machine keeps its own host, port, auth-dir and management key', async () => {
    const source = await start();
    writeAuthFile(source, 'claude-me@example.com.json', claudeFile('me@example.com'));
    writeAuthFile(source, 'claude-second@example.com.json', claudeFile('second@example.com'));
    await management(source, 'POST', '/auth-files/import', { files: [{ name: 'x.json', content: JSON.stringify(claudeFile('third@example.com')) }] });
    await chat(source, 'one');
    await chat(source, 'two');
    const labels = await accountLabels(source);
    expect(labels).toEqual(['me@example.com', 'second@example.com', 'third@example.com']);
    const before = await usageSummary(source);
    expect(before.requests).toBe(2);

    const exported = await exportBundle(source, { passphrase: 'correct horse battery' });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="cliproxy-backup-\d{4}-\d{2}-\d{2}\.json"$/);
    const bundle = JSON.parse(exported.text);
    expect(bundle).toMatchObject({ format: 'cliproxy-backup', version: 1, encrypted: true, kdf: { name: 'scrypt', N: 32768, r: 8, p: 1 }, cipher: { name: 'aes-256-gcm' } });
    // Encrypted: no key, token or e-mail in the file.
    for (const secret of ['sk-upstream-fakeai-0001', 'sk-ant-oat-me@example.com', 'me@example.com', CLIENT_KEY]) expect(exported.text).not.toContain(secret);
    await source.close();
    proxies.splice(proxies.indexOf(source), 1);

    // A fresh machine: no accounts, no providers, no usage, its own management key.
    const target = await startTestProxy(`host: 127.0.0.1\nport: 0\nauth-dir: "$AUTH_DIR"\nremote-management:\n  secret-key: "${MANAGEMENT_KEY}"\n`);
    proxies.push(target);
    expect(await accountLabels(target)).toEqual([]);

    const wrong = await management(target, 'POST', '/backup/import', { bundle, passphrase: 'wrong horse battery' });
    expect(wrong).toEqual({ status: 422, body: { error: 'The passphrase is wrong, or the backup file was changed after it was exported.', code: 'wrong_passphrase' } });
    const missing = await management(target, 'POST', '/backup/import', { bundle: exported.text });
    expect(missing).toEqual({ status: 422, body: { error: 'This backup is encrypted: enter the passphrase it was exported with.', code: 'wrong_passphrase' } });
    expect(await accountLabels(target)).toEqual([]);
    expect(existsSync(path.join(target.dir, 'auth', 'claude-me@example.com.json'))).toBe(false);

    const restored = await management<BackupImportResponse>(target, 'POST', '/backup/import', { bundle: exported.text, passphrase: 'correct horse battery' });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({
      config: { restored: true, persisted: true, kept: ['host', 'port', 'auth-dir', 'remote-management'] },
      accounts: { restored: 3 },
      usage: { added: 2, skipped: 0 },
    });
    expect(await accountLabels(target)).toEqual(labels);
    const after = await usageSummary(target);
    expect(after).toEqual(before);
    const yaml = readFileSync(target.configPath, 'utf8');
    expect(yaml).toContain('# my providers');
    expect(yaml).toContain('sk-upstream-fakeai-0001');
    expect(yaml).toContain(`auth-dir: "${path.join(target.dir, 'auth')}"`);
    expect(yaml).not.toContain(source.dir);
    // The restored provider serves at once.
    await chat(target, 'three');

    // Importing the same backup again adds no duplicate usage.
    const again = await management<BackupImportResponse>(target, 'POST', '/backup/import', { bundle, passphrase: 'correct horse battery' });
    expect(again.body.usage).toEqual({ added: 0, skipped: 2 });
  });

  it('a bundle without a passphrase is readable JSON; parts can be left out; a file that is not a backup is refused with the reason', async () => {
    const proxy = await start();
    await chat(proxy, 'one');
    const plain = JSON.parse((await exportBundle(proxy, { include: { usage: false, accounts: false } })).text);
    expect(plain).toMatchObject({ format: 'cliproxy-backup', version: 1, encrypted: false, payload: { authFiles: [], usage: [] } });
    expect(plain.payload.config).toContain('fake-large');

    const short = await exportBundle(proxy, { passphrase: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.parse(short.text)).toEqual({ error: 'Invalid body: passphrase: a passphrase needs at least 8 characters' });
    const notBackup = await management(proxy, 'POST', '/backup/import', { bundle: { hello: 'world' } });
    expect(notBackup).toEqual({ status: 400, body: { error: 'The file is not a CLIProxy backup (it has no "format": "cliproxy-backup"). Pick the .json file that Export made.' } });
    const evil = { ...plain, payload: { ...plain.payload, authFiles: [{ name: '../../escape.json', data: { type: 'claude' } }] } };
    const refused = await management(proxy, 'POST', '/backup/import', { bundle: evil });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('an account file name must be a plain name ending in .json');
  });
});
