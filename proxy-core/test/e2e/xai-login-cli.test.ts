import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { startFakeXai, type FakeXai } from '../../src/testing/index.js';
import { cliEnvironment } from './cli-harness.js';

// cliproxyctl login --provider xai (device code via OIDC discovery, approved by a scripted user) against the fake xAI.
let fake: FakeXai;
let home: string;
let configPath: string;
const authDir = () => path.join(home, 'auth');

beforeAll(async () => {
  fake = await startFakeXai({ deviceIntervalSeconds: 1 });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-cli-xai-'));
  configPath = path.join(home, 'config.yaml');
  writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${authDir()}"\noauth-endpoints:\n  xai:\n    discovery: "${fake.endpoints.discovery}"\n    api: "${fake.endpoints.api}"\n`, { mode: 0o600 });
  return () => rmSync(home, { recursive: true, force: true });
});

describe('cliproxyctl and xAI', () => {
  for (const [alias, flags] of [
    ['xai', ['--device']],
    ['grok', []],
  ] as const) {
    it(`login --provider ${alias} ${flags.join(' ')} --json: opens the approval page, waits, saves xai-<email>.json`, async () => {
      const cli = cliEnvironment(home, ['login', '--provider', alias, ...flags, '--config', configPath, '--json'], {
        openUrl: async (url) => {
          const code = new URL(url).searchParams.get('user_code')!;
          expect(url).toBe(`https://accounts.x.ai/device?user_code=${code}`);
          fake.oauth.approveDevice(code);
          return true;
        },
      });
      expect(await runCli(cli.env), cli.output.stderr).toBe(0);
      const result = JSON.parse(cli.output.stdout);
      expect(result).toMatchObject({ ok: true, provider: 'xai', account: 'grok.user@example.com', file: path.join(authDir(), 'xai-grok.user@example.com.json') });
      expect(statSync(result.file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(result.file, 'utf8'))).toMatchObject({ type: 'xai', email: 'grok.user@example.com', auth_kind: 'oauth', base_url: 'https://api.x.ai/v1' });
    });
  }

  it('discovery that is down: one JSON error that says so', async () => {
    writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${authDir()}"\noauth-endpoints:\n  xai:\n    discovery: "${fake.upstream.url}/missing/openid-configuration"\n`, { mode: 0o600 });
    const cli = cliEnvironment(home, ['login', '--provider', 'xai', '--config', configPath, '--json']);
    expect(await runCli(cli.env)).toBe(1);
    const result = JSON.parse(cli.output.stdout);
    expect(result).toMatchObject({ ok: false, provider: 'xai' });
    expect(result.error.message).toMatch(/^xAI's OIDC discovery answered HTTP 404\./);
  });
});
