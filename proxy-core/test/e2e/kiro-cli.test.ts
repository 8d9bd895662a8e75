import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { startFakeKiro, type FakeKiro } from '../../src/testing/index.js';
import { cliEnvironment } from './cli-harness.js';

// cliproxyctl import / status / login --device for Kiro against the fake (IDE token cache, duplicate imports, quota).
let fake: FakeKiro;
let home: string;
let configPath: string;
const authDir = () => path.join(home, 'auth');
const environment = (argv: string[]) => cliEnvironment(home, argv);

function writeIdeCache(data: Record<string, unknown>): void {
  mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(path.join(home, '.aws', 'sso', 'cache', 'kiro-auth-token.json'), JSON.stringify(data));
}

beforeAll(async () => {
  fake = await startFakeKiro();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-kiro-cli-'));
  configPath = path.join(home, 'config.yaml');
  writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${authDir()}"\noauth-endpoints:\n  kiro:\n    oidc: "${fake.url}"\n    social: "${fake.url}"\n    api: "${fake.url}"\n`, { mode: 0o600 });
  return () => rmSync(home, { recursive: true, force: true });
});

describe('cliproxyctl and Kiro', () => {
  it('imports the Kiro IDE token cache from its default place; a second import replaces the same account instead of adding one', async () => {
    const tokens = fake.seed({ email: 'ide@example.com', used: 12, limit: 50 });
    const cache = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, profileArn: tokens.profileArn, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), authMethod: 'social', provider: 'Github', region: 'us-east-1' };
    writeIdeCache(cache);
    const first = environment(['import', '--config', configPath, '--json']);
    expect(await runCli(first.env), first.output.stdout + first.output.stderr).toBe(0);
    const result = JSON.parse(first.output.stdout);
    expect(result.details.imported).toEqual([expect.objectContaining({ provider: 'kiro' })]);
    const files = readdirSync(authDir());
    expect(files).toHaveLength(1);
    // The cache has no e-mail: the vendor's usage-limits call names the account.
    expect(files).toEqual(['kiro-github-ide@example.com.json']);
    const saved = JSON.parse(readFileSync(path.join(authDir(), files[0]!), 'utf8'));
    expect(saved).toMatchObject({ type: 'kiro', access_token: tokens.accessToken, refresh_token: tokens.refreshToken, profile_arn: tokens.profileArn, auth_method: 'social', provider: 'Github', region: 'us-east-1', email: 'ide@example.com' });

    // The IDE refreshed its token (Kiro rotates both); importing again updates the one account.
    const renewed = (await (await fetch(`${fake.url}/refreshToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: tokens.refreshToken }) })).json()) as { accessToken: string; refreshToken: string };
    writeIdeCache({ ...cache, accessToken: renewed.accessToken, refreshToken: renewed.refreshToken });
    const second = environment(['import', '--config', configPath, '--json']);
    expect(await runCli(second.env), second.output.stdout + second.output.stderr).toBe(0);
    expect(readdirSync(authDir())).toEqual(files);
    expect(JSON.parse(readFileSync(path.join(authDir(), files[0]!), 'utf8'))).toMatchObject({ access_token: renewed.accessToken, refresh_token: renewed.refreshToken });
  });

  it('a Builder ID login of the IDE imports with its OIDC client from the sibling <clientIdHash>.json (so it can refresh)', async () => {
    const tokens = fake.seed({ email: 'builder-ide@example.com' });
    writeIdeCache({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), authMethod: 'IdC', provider: 'BuilderId', clientIdHash: 'f00dcafe', region: 'us-east-1' });
    writeFileSync(path.join(home, '.aws', 'sso', 'cache', 'f00dcafe.json'), JSON.stringify({ clientId: tokens.clientId, clientSecret: tokens.clientSecret, expiresAt: '2027-03-01T00:00:00Z' }));
    const run = environment(['import', '--config', configPath, '--json']);
    expect(await runCli(run.env), run.output.stdout + run.output.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(authDir(), 'kiro-idc-builder-ide@example.com.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'kiro', auth_method: 'idc', client_id: tokens.clientId, client_secret: tokens.clientSecret, refresh_token: tokens.refreshToken, email: 'builder-ide@example.com' });
  });

  it('a Builder ID cache without its OIDC client is refused with the way forward', async () => {
    const tokens = fake.seed({ email: 'nocli@example.com' });
    writeIdeCache({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, authMethod: 'IdC', clientIdHash: 'abc123', region: 'us-east-1' });
    const run = environment(['import', '--config', configPath]);
    expect(await runCli(run.env)).toBe(1);
    expect(run.output.stdout).toMatch(/FAILED .*~\/\.aws\/sso\/cache\/abc123\.json.*cliproxyctl login --provider kiro --device/);
  });

  it('cliproxyctl login --provider kiro --json: the Builder ID device login by default, printing the code, then the saved account', async () => {
    const run = environment(['login', '--provider', 'kiro', '--config', configPath, '--json']);
    const finished = runCli(run.env);
    // The user reads the code from the terminal and approves it on the AWS page.
    let codes: string[] = [];
    for (let tries = 0; tries < 200 && codes.length === 0; tries++) {
      codes = fake.pendingUserCodes();
      if (codes.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(codes).toHaveLength(1);
    fake.approveDevice(codes[0]!, 'cli-device@example.com');
    expect(await finished, run.output.stdout + run.output.stderr).toBe(0);
    expect(run.output.stderr).toContain(`and enter the code: ${codes[0]}`);
    const result = JSON.parse(run.output.stdout);
    expect(result).toMatchObject({ ok: true, provider: 'kiro', account: 'cli-device@example.com', file: path.join(authDir(), 'kiro-aws-cli-device@example.com.json') });
  });

  it('status shows the Kiro account with its credits from the usage-limits call', async () => {
    const tokens = fake.seed({ email: 'status@example.com', used: 12.5, limit: 50 });
    writeIdeCache({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, profileArn: tokens.profileArn, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), authMethod: 'social', provider: 'Google' });
    const imported = environment(['import', '--config', configPath]);
    expect(await runCli(imported.env)).toBe(0);
    const status = environment(['status', '--config', configPath, '--json']);
    expect(await runCli(status.env), status.output.stdout + status.output.stderr).toBe(0);
    const text = status.output.stdout;
    expect(text).toContain('"provider":"kiro"');
    expect(text).toMatch(/"remaining":37\.5/);
  });
});
