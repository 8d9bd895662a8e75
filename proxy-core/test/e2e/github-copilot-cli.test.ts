import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('import: the Copilot plugins’ ~/.config/github-copilot/apps.json becomes github-copilot-<user>.json (the token is checked)', async () => {
    const { githubToken } = fake.seed({ username: 'jetbrains-user' });
    mkdirSync(path.join(home, '.config', 'github-copilot'), { recursive: true });
    writeFileSync(
      path.join(home, '.config', 'github-copilot', 'apps.json'),
      JSON.stringify({ 'github.com:Iv1.b507a08c87ecfe98': { user: 'jetbrains-user', oauth_token: githubToken, githubAppId: 'Iv1.b507a08c87ecfe98' } }),
    );
    const cli = cliEnvironment(home, ['import', '--provider', 'copilot', '--config', configPath, '--json']);
    expect(await runCli(cli.env), cli.output.stdout).toBe(0);
    const file = path.join(authDir(), 'github-copilot-jetbrains-user.json');
    expect(JSON.parse(cli.output.stdout).details.imported).toEqual([expect.objectContaining({ provider: 'github-copilot', account: 'jetbrains-user', file })]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ type: 'github-copilot', username: 'jetbrains-user', access_token: githubToken });
    expect(fake.exchanges().at(-1)!.headers.authorization).toBe(`token ${githubToken}`);
  });

  it('import: an older hosts.json without a user name asks GitHub who it is; a revoked token fails with the reason', async () => {
    const { githubToken } = fake.seed({ username: 'vim-user' });
    const revoked = fake.seed({ username: 'gone' }).githubToken;
    fake.revoke(revoked);
    writeFileSync(path.join(home, 'hosts.json'), JSON.stringify({ 'github.com': { oauth_token: githubToken } }));
    writeFileSync(path.join(home, 'old-hosts.json'), JSON.stringify({ 'github.com': { user: 'gone', oauth_token: revoked } }));
    const cli = cliEnvironment(home, ['import', path.join(home, 'hosts.json'), path.join(home, 'old-hosts.json'), '--config', configPath, '--json']);
    expect(await runCli(cli.env)).toBe(1);
    const details = JSON.parse(cli.output.stdout).details;
    expect(details.imported).toEqual([expect.objectContaining({ provider: 'github-copilot', account: 'vim-user' })]);
    expect(details.failed).toEqual([{ source: path.join(home, 'old-hosts.json'), error: 'GitHub refused the saved GitHub token (HTTP 401: Bad credentials); it was revoked or expired.' }]);
  });
});
