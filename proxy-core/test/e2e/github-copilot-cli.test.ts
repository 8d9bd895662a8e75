import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { startFakeCopilot, type FakeCopilot } from '../../src/testing/index.js';
import { cliEnvironment } from './cli-harness.js';

// cliproxyctl login --provider copilot (device code, approved by a scripted user) and status, against the fake GitHub.
let fake: FakeCopilot;
let home: string;
let configPath: string;
const authDir = () => path.join(home, 'auth');

beforeAll(async () => {
  fake = await startFakeCopilot();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-cli-copilot-'));
  configPath = path.join(home, 'config.yaml');
  writeFileSync(
    configPath,
    `host: 127.0.0.1
port: 0
auth-dir: "${authDir()}"
oauth-endpoints:
  github-copilot:
${Object.entries(fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`,
    { mode: 0o600 },
  );
  return () => rmSync(home, { recursive: true, force: true });
});

describe('cliproxyctl and GitHub Copilot', () => {
  for (const [alias, flags] of [
    ['copilot', ['--device']],
    ['gh-copilot', []],
  ] as const) {
    it(`login --provider ${alias} ${flags.join(' ')} --json: prints the code, waits for the approval, saves github-copilot-<user>.json`, async () => {
      const cli = cliEnvironment(home, ['login', '--provider', alias, ...flags, '--config', configPath, '--json'], {
        openUrl: async (url) => {
          expect(url).toBe('https://github.com/login/device');
          // The user reads the code from the terminal and types it on GitHub.
          fake.approveDevice(/enter the code: (\S+)/.exec(cli.output.stderr)![1]);
          return true;
        },
      });
      expect(await runCli(cli.env), cli.output.stderr).toBe(0);
      const result = JSON.parse(cli.output.stdout);
      expect(result).toMatchObject({ ok: true, provider: 'github-copilot', account: 'octo-dev', file: path.join(authDir(), 'github-copilot-octo-dev.json') });
      expect(statSync(result.file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(result.file, 'utf8'))).toMatchObject({ type: 'github-copilot', username: 'octo-dev', scope: 'user:email' });
      expect(cli.output.stderr).toContain('Log in to GitHub Copilot.');
    });
  }

  it('status: the account with its premium-request quota', async () => {
    const login = cliEnvironment(home, ['login', '--provider', 'github-copilot', '--config', configPath, '--json'], {
      openUrl: async () => {
        fake.approveDevice(/enter the code: (\S+)/.exec(login.output.stderr)![1]);
        return true;
      },
    });
    expect(await runCli(login.env)).toBe(0);
    const status = cliEnvironment(home, ['status', '--config', configPath, '--json']);
    expect(await runCli(status.env), status.output.stderr).toBe(0);
    const result = JSON.parse(status.output.stdout);
    expect(result.details.accounts).toEqual([
      expect.objectContaining({
        provider: 'github-copilot',
        label: 'octo-dev',
        state: 'active',
        quota: expect.objectContaining({ source: 'vendor', buckets: [expect.objectContaining({ id: 'premium_interactions', remaining: 240, limit: 300, remainingFraction: 0.8 })] }),
      }),
    ]);
  });
});
