import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliEnvironment } from '../../src/cli/environment.js';
import { cliEnvironment } from './cli-harness.js';
import { runCli } from '../../src/cli/main.js';
import { serveCommand } from '../../src/cli/serve.js';
import type { RunningProxy } from '../../src/server/start-proxy.js';
import { startFakeClaudeCode, type FakeClaudeCode } from '../../src/testing/index.js';

// cliproxyctl login / import / status against the fake Anthropic, with a scripted browser and pasted input.
let fake: FakeClaudeCode;
let home: string;
let configPath: string;
const authDir = () => path.join(home, 'auth');

/** A queue of lines "typed" on standard input. */
function typedInput() {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  return {
    type(line: string) {
      queue.push(line);
      wake?.();
    },
    source: () => ({
      lines: (async function* () {
        while (!closed) {
          if (queue.length > 0) yield queue.shift()!;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      })(),
      close: () => {
        closed = true;
        wake?.();
      },
    }),
  };
}

const environment = (argv: string[], overrides: Partial<CliEnvironment> = {}) => cliEnvironment(home, argv, overrides);

beforeAll(async () => {
  fake = await startFakeClaudeCode({ account: { email: 'cli@example.com' } });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-cli-accounts-'));
  configPath = path.join(home, 'config.yaml');
  writeFileSync(
    configPath,
    `host: 127.0.0.1
port: 0
auth-dir: "${authDir()}"
oauth-endpoints:
  claude:
${Object.entries(fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`,
    { mode: 0o600 },
  );
  return () => rmSync(home, { recursive: true, force: true });
});

describe('cliproxyctl login', () => {
  it('opens the browser, receives the callback, saves the account and prints the JSON result', async () => {
    const { env, output } = environment(['login', '--provider', 'claude-code', '--oauth-callback-port', '0', '--config', configPath, '--json'], {
      openUrl: async (url) => {
        // The "browser": the user approves, Anthropic redirects to the local callback.
        const callback = await fake.oauth.approve(url);
        await fetch(callback);
        return true;
      },
    });
    const code = await runCli(env);
    expect(code, output.stderr).toBe(0);
    const result = JSON.parse(output.stdout);
    expect(result).toMatchObject({ ok: true, provider: 'claude', account: 'cli@example.com', details: { provider: 'claude' } });
    expect(result.file).toBe(path.join(authDir(), 'claude-cli@example.com.json'));
    expect(statSync(result.file).mode & 0o777).toBe(0o600);
    expect(output.stderr).toContain(`${fake.endpoints.authorize}?code=true&client_id=`);
    expect(output.stderr).toMatch(/ssh -L \d+:127\.0\.0\.1:\d+/);
  });

  it('--no-browser: the address is printed and the pasted callback address finishes the login', async () => {
    const input = typedInput();
    const { env, output } = environment(['login', '--provider', 'claude', '--no-browser', '--oauth-callback-port', '0', '--config', configPath], {
      openUrl: async () => {
        throw new Error('must not open a browser with --no-browser');
      },
      stdinLines: input.source,
    });
    const running = runCli(env);
    for (let index = 0; index < 100 && !/oauth\/authorize\S+/.test(output.stdout); index++) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\S+)/.exec(output.stdout)![1];
    const redirect = await fake.oauth.approve(url);
    input.type('not a callback');
    input.type(redirect);
    expect(await running).toBe(0);
    expect(output.stdout).toContain('no authorization code');
    expect(output.stdout).toMatch(/Logged in as cli@example\.com\. Saved to .*claude-cli@example\.com\.json/);
  });

  it('in a terminal: no page wording, a real or clearly placeholder SSH host, and Ctrl-C says the login was cancelled', async () => {
    let interrupt: (() => void) | undefined;
    const { env, output } = environment(['login', '--provider', 'claude', '--no-browser', '--oauth-callback-port', '0', '--config', configPath], {
      onInterrupt: (handler) => {
        interrupt = handler;
        return () => (interrupt = undefined);
      },
    });
    const running = runCli(env);
    for (let index = 0; index < 100 && !interrupt; index++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(output.stdout).not.toContain('this page updates by itself');
    expect(output.stdout).toContain('Open the link and approve access; this command continues by itself once the browser comes back to this machine.\n');
    expect(output.stdout).toMatch(/First run there: ssh -L \d+:127\.0\.0\.1:\d+ \S+@(<your-server>|[\w-]+\.[\w.-]+)\n/);
    interrupt!();
    expect(await running).toBe(130);
    expect(output.stderr).toBe('cliproxyctl login: The login was cancelled (Ctrl-C); nothing was saved.\n  next: Run `cliproxyctl login --provider claude` again when you are ready.\n');
    expect(existsSync(authDir()) ? readdirSync(authDir()) : []).toEqual([]);
  });

  it('--device --json with an unreachable vendor: one JSON object on stdout, the reason said once', async () => {
    writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${authDir()}"\noauth-endpoints:\n  codex:\n    deviceUserCode: "http://127.0.0.1:1/usercode"\n`, { mode: 0o600 });
    const { env, output } = environment(['login', '--provider', 'codex', '--device', '--config', configPath, '--json']);
    expect(await runCli(env)).toBe(1);
    const lines = output.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(result).toMatchObject({ ok: false, provider: 'codex', error: { code: 'unreachable' } });
    expect(result.error.message).toMatch(/^Could not reach 127\.0\.0\.1:1: /);
    expect(result.error.message.split('Could not reach')).toHaveLength(2);
  });

  it('an alias the app knows but cannot log in to says what to use instead (the Roo Code row)', async () => {
    const { env, output } = environment(['login', '--provider', 'roocode', '--config', configPath, '--json']);
    expect(await runCli(env)).toBe(1);
    const result = JSON.parse(output.stdout);
    expect(result).toMatchObject({ ok: false, provider: 'roo', details: { provider: 'roo', error: { code: 'unsupported_provider' } } });
    expect(result.error.next_step).toMatch(/openai-compatibility|point Roo Code/);
  });

  it('refuses an auth-dir other users can read, with the exact chmod fix', async () => {
    mkdirSync(authDir(), { recursive: true, mode: 0o755 });
    const { chmodSync } = await import('node:fs');
    chmodSync(authDir(), 0o755);
    const { env, output } = environment(['login', '--provider', 'claude', '--oauth-callback-port', '0', '--config', configPath, '--json'], {
      openUrl: async (url) => {
        await fetch(await fake.oauth.approve(url));
        return true;
      },
    });
    expect(await runCli(env)).toBe(1);
    const result = JSON.parse(output.stdout);
    expect(result.error.message).toContain(`chmod 700 "${authDir()}"`);
  });
});

describe('cliproxyctl import and status', () => {
  it('imports Claude Code’s own login from its default place, asking Anthropic who the account is', async () => {
    const issued = fake.oauth.issue();
    mkdirSync(path.join(home, '.claude'), { recursive: true });
    writeFileSync(
      path.join(home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000, scopes: ['user:inference'], subscriptionType: 'max' } }),
    );
    const { env, output } = environment(['import', '--config', configPath, '--json']);
    expect(await runCli(env), output.stdout).toBe(0);
    const result = JSON.parse(output.stdout);
    expect(result.details.imported).toEqual([expect.objectContaining({ provider: 'claude', account: 'cli@example.com', file: path.join(authDir(), 'claude-cli@example.com.json') })]);
    const saved = JSON.parse(readFileSync(path.join(authDir(), 'claude-cli@example.com.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'claude', access_token: issued.accessToken, refresh_token: issued.refreshToken, email: 'cli@example.com', subscription_type: 'claude_max' });
  });

  it('import of an unknown file is skipped with the reason; a broken file fails', async () => {
    writeFileSync(path.join(home, 'other.json'), JSON.stringify({ hello: 'world' }));
    writeFileSync(path.join(home, 'broken.json'), '{not json');
    const { env, output } = environment(['import', 'other.json', 'broken.json', '--config', configPath]);
    expect(await runCli(env)).toBe(1);
    expect(output.stdout).toMatch(/skipped\s+.*other\.json: not a login file/);
    expect(output.stdout).toMatch(/FAILED\s+.*broken\.json: not a credential file/);
  });

  it('import of a folder without auth files says so and what it looked for', async () => {
    mkdirSync(path.join(home, 'empty', 'nested'), { recursive: true });
    writeFileSync(path.join(home, 'empty', 'notes.txt'), 'not an auth file');
    const { env, output } = environment(['import', 'empty', '--config', configPath]);
    expect(await runCli(env)).toBe(1);
    expect(output.stdout).toBe(
      `skipped   ~/empty: the folder holds no auth files: import looks for *.json files directly in it (CLIProxyAPI auth files such as claude-you@example.com.json, or a vendor CLI login file); subfolders are not searched\nNothing was imported.\n`,
    );
  });

  it('status lists the API keys of config.yaml too (masked), with the subscription accounts', async () => {
    writeFileSync(configPath, `${readFileSync(configPath, 'utf8')}claude-api-key:\n  - api-key: "sk-ant-status-secret-0001"\n  - api-key: "sk-ant-status-secret-0002"\n    disabled: true\n`);
    const json = environment(['status', '--config', configPath, '--json', '--no-quota']);
    expect(await runCli(json.env)).toBe(0);
    const result = JSON.parse(json.output.stdout);
    expect(result.details.keys).toEqual([
      { provider: 'claude', label: 'sk-a…0001', configKey: 'claude-api-key', state: 'active', cooldowns: [] },
      { provider: 'claude', label: 'sk-a…0002', configKey: 'claude-api-key', state: 'disabled', cooldowns: [] },
    ]);
    const text = environment(['status', '--config', configPath, '--no-quota']);
    expect(await runCli(text.env)).toBe(0);
    expect(text.output.stdout).toBe(
      'No subscription accounts yet. Log in with: cliproxyctl login --provider <claude|codex|gemini-cli|antigravity>\n\n' +
        'API keys (config.yaml):\nclaude  sk-a…0001  active  (claude-api-key)\nclaude  sk-a…0002  disabled  (claude-api-key)\n\n' +
        '(No running proxy found on this machine: cooldowns are not shown.)\n',
    );
    expect(text.output.stdout).not.toContain('status-secret');
  });

  it('status without a running proxy: token, refresh result and vendor quota per account', async () => {
    const issued = fake.oauth.issue();
    mkdirSync(authDir(), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(authDir(), 'claude-s@example.com.json'), JSON.stringify({ type: 'claude', access_token: issued.accessToken, refresh_token: issued.refreshToken, email: 's@example.com', expired: new Date(Date.now() + 3_600_000).toISOString() }), { mode: 0o600 });
    const { env, output } = environment(['status', '--config', configPath, '--json']);
    expect(await runCli(env)).toBe(0);
    const result = JSON.parse(output.stdout);
    expect(result.details.source).toBe('files');
    expect(result.details.accounts).toEqual([
      expect.objectContaining({ provider: 'claude', email: 's@example.com', state: 'active', quota: expect.objectContaining({ source: 'vendor', buckets: expect.arrayContaining([expect.objectContaining({ id: 'five_hour', remainingFraction: 0.75 })]) }) }),
    ]);
  });

  it('status asks the running proxy, which knows the cooldowns, through its per-launch local key', async () => {
    const issued = fake.oauth.issue();
    mkdirSync(authDir(), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(authDir(), 'claude-r@example.com.json'), JSON.stringify({ type: 'claude', access_token: issued.accessToken, refresh_token: issued.refreshToken, email: 'r@example.com', expired: new Date(Date.now() + 3_600_000).toISOString() }), { mode: 0o600 });
    let proxy: RunningProxy | undefined;
    const serve = environment(['serve', '--config', configPath]);
    const serving = serveCommand(serve.env, ['--config', configPath], (started) => (proxy = started));
    for (let index = 0; index < 200 && !/Proxy ready/.test(serve.output.stdout); index++) await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      const credential = proxy!.accounts.credentials()[0];
      fake.limit(issued.accessToken);
      const limited = await fetch(`${proxy!.address.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(limited.status).toBe(429);
      const { env, output } = environment(['status', '--config', configPath, '--json']);
      expect(await runCli(env)).toBe(0);
      const result = JSON.parse(output.stdout);
      expect(result.details.source).toBe('running-proxy');
      expect(result.details.accounts[0]).toMatchObject({ id: credential.id, email: 'r@example.com', state: 'cooling' });
      expect(result.details.accounts[0].cooldowns[0]).toMatchObject({ model: '*', reason: 'quota' });
      fake.clearLimit(issued.accessToken);
    } finally {
      process.emit('SIGTERM');
      await serving;
    }
  });
});
