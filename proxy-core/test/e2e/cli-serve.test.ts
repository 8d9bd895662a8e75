import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnvironment } from './cli-harness.js';
import { runCli } from '../../src/cli/main.js';
import { serveCommand } from '../../src/cli/serve.js';
import type { RunningProxy } from '../../src/server/start-proxy.js';

// `cliproxyctl serve` and the help of every command, with an injected environment (no real home, no real stdout).
let home: string;

const environment = (argv: string[]) => cliEnvironment(home, argv);

/** Runs `serve` until it says it is ready; `stop()` sends SIGTERM (as Ctrl-C would) and resolves the exit code. */
async function serve(argv: string[]) {
  const { env, output } = environment(['serve', ...argv]);
  let proxy: RunningProxy | undefined;
  const running = serveCommand(env, argv, (started) => (proxy = started));
  let settled = false;
  void running.finally(() => (settled = true));
  for (let index = 0; index < 500 && !/Proxy ready/.test(output.stdout) && !settled; index++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(output.stdout, output.stderr).toMatch(/Proxy ready at http:\/\/127\.0\.0\.1:\d+/);
  return {
    output,
    proxy: proxy!,
    async stop() {
      process.emit('SIGTERM');
      return running;
    },
  };
}

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-cli-serve-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('cliproxyctl serve', () => {
  it('first run: creates config.yaml and prints the new client and management keys once; a second start does not', async () => {
    // No --config: the default place is created (an explicit --config that does not exist is an error, below).
    const configPath = path.join(home, '.config', 'cliproxy-desktop', 'config.yaml');
    const first = await serve(['--port', '0']);
    let clientKey: string;
    let managementKey: string;
    try {
      const printed = /client key:\s+(\S+)\n\s+management key:\s+(\S+)\n/.exec(first.output.stdout);
      expect(printed, first.output.stdout).not.toBeNull();
      [clientKey, managementKey] = [printed![1], printed![2]];
      expect(first.output.stdout).toContain('Created ~/.config/cliproxy-desktop/config.yaml with a new client key (kept in the file, under api-keys) and a management key:\n');
      expect(first.output.stdout).toContain(
        'The management key (for the dashboard at /ui) is shown only this once: config.yaml keeps just its bcrypt hash. Save it now; `cliproxyctl reset-management-key` makes a new one.\n',
      );
      expect(readFileSync(configPath, 'utf8')).not.toContain(managementKey);
      expect(first.output.stdout.split(clientKey)).toHaveLength(2);
      expect(first.output.stdout.split(managementKey)).toHaveLength(2);
      expect(readFileSync(configPath, 'utf8')).toContain(clientKey);
      // The printed keys are the ones the running proxy accepts.
      const url = first.proxy.address.url;
      expect((await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${clientKey}` } })).status).toBe(200);
      expect((await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer sk-not-the-printed-key' } })).status).toBe(401);
      expect((await fetch(`${url}/v0/management/status`, { headers: { authorization: `Bearer ${managementKey}` } })).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await serve(['--config', configPath, '--port', '0']);
    try {
      expect(second.output.stdout).not.toMatch(/client key|management key|Created /);
      expect(second.output.stdout).not.toContain(clientKey);
      expect(second.output.stdout).not.toContain(managementKey);
      expect((await fetch(`${second.proxy.address.url}/v1/models`, { headers: { authorization: `Bearer ${clientKey}` } })).status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('--config with a path that does not exist: an error naming it, no new config with new keys, nothing listens', async () => {
    const missing = path.join(home, 'typo', 'config.yaml');
    const { env, output } = environment(['serve', '--config', missing, '--port', '0']);
    expect(await runCli(env)).toBe(1);
    expect(output.stderr).toBe(
      'cliproxyctl serve: ~/typo/config.yaml does not exist. Check the path; to start with a new config, run `cliproxyctl serve` without --config (it creates ~/.config/cliproxy-desktop/config.yaml).\n',
    );
    expect(output.stdout).toBe('');
    expect(existsSync(missing)).toBe(false);
  });

  it('a second start on the same port says CLIProxy is already running there, with its dashboard address', async () => {
    const configPath = path.join(home, 'config.yaml');
    writeFileSync(configPath, 'host: 127.0.0.1\nport: 0\n');
    const first = await serve(['--config', configPath]);
    try {
      const { env, output } = environment(['serve', '--config', configPath, '--port', String(first.proxy.address.port)]);
      expect(await runCli(env)).toBe(1);
      expect(output.stderr).toMatch(new RegExp(`^cliproxyctl: CLIProxy is already running at ${first.proxy.address.url.replace(/\./g, '\\.')}/ui \\(version \\S+\\)\\. Use that one, or stop it first \\(Ctrl-C in its terminal, or Quit in the tray\\)\\.\\n$`));
      expect(output.stderr).not.toContain('another program');
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('an invalid config.yaml: exit 1 and the file:line:column, the key and what is wrong on stderr; nothing listens', async () => {
    const configPath = path.join(home, 'config.yaml');
    writeFileSync(configPath, 'host: 127.0.0.1\nport: 0\nrequest-retry: -1\n');
    const { env, output } = environment(['serve', '--config', configPath]);
    expect(await runCli(env)).toBe(1);
    expect(output.stderr).toBe(`cliproxyctl: ${configPath}:3:16: request-retry: must be at least 0, got -1\n`);
    expect(output.stdout).not.toMatch(/Proxy ready/);
    expect(readFileSync(configPath, 'utf8')).toBe('host: 127.0.0.1\nport: 0\nrequest-retry: -1\n');
  });
});

describe('--help', () => {
  it.each(['serve', 'login', 'import', 'status', 'doctor', 'setup'])('cliproxyctl %s --help: exit 0, its usage on stdout, nothing else done', async (command) => {
    const { env, output } = environment([command, '--help']);
    expect(await runCli(env)).toBe(0);
    expect(output.stdout).toMatch(new RegExp(`^Usage: cliproxyctl ${command}\\b`));
    expect(output.stdout).toContain('--config PATH');
    expect(output.stderr).toBe('');
    // No config was created and no data directory written.
    expect(readdirSync(home)).toEqual([]);
  });

  it('cliproxyctl --help lists every command and exits 0; no command at all is a usage error (2)', async () => {
    const help = environment(['--help']);
    expect(await runCli(help.env)).toBe(0);
    for (const command of ['serve', 'login', 'import', 'status', 'doctor', 'setup']) expect(help.output.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const bare = environment([]);
    expect(await runCli(bare.env)).toBe(2);
    expect(bare.output.stderr).toMatch(/^Usage: cliproxyctl <command>/);
    expect(existsSync(path.join(home, 'config.yaml'))).toBe(false);
  });
});

describe('cliproxyctl reset-management-key', () => {
  it('while the proxy runs: prints a new key once, keeps the rest of config.yaml, and the proxy takes it without a restart', async () => {
    const configPath = path.join(home, '.config', 'cliproxy-desktop', 'config.yaml');
    const first = await serve(['--port', '0']);
    try {
      const oldKey = /management key:\s+(\S+)\n/.exec(first.output.stdout)![1];
      const url = first.proxy.address.url;
      const status = (key: string) => fetch(`${url}/v0/management/status`, { headers: { authorization: `Bearer ${key}` } }).then((response) => response.status);
      expect(await status(oldKey)).toBe(200);
      const reloads = () => first.proxy.logger.entries({ contains: 'config reloaded' }).length;
      const waitForReloads = async (count: number) => {
        for (let index = 0; index < 250 && reloads() < count; index++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(reloads()).toBe(count);
      };
      writeFileSync(configPath, `# my notes\n${readFileSync(configPath, 'utf8')}`);
      await waitForReloads(1);
      const before = readFileSync(configPath, 'utf8');

      const { env, output } = environment(['reset-management-key', '--config', configPath]);
      expect(await runCli(env)).toBe(0);
      const lines = output.stdout.split('\n');
      expect(lines[0]).toBe('New management key, shown only this once (~/.config/cliproxy-desktop/config.yaml keeps just its bcrypt hash):');
      const newKey = lines[1].trim();
      expect(newKey).toMatch(/^\S{32,}$/);
      expect(lines.slice(2)).toEqual([
        'Save it now, e.g. in a password manager. The old key no longer works.',
        `The proxy at ${url} reloads config.yaml by itself: sign in at ${url}/ui with the new key.`,
        '',
      ]);
      expect(output.stderr).toBe('');
      const after = readFileSync(configPath, 'utf8');
      expect(after).not.toContain(newKey);
      expect(after).toMatch(/^ {2}secret-key: "\$2[aby]\$10\$.{53}"$/m);
      // Only the secret-key line changed; the comment and every other line are kept.
      expect(after.split('\n').filter((line) => !line.includes('secret-key'))).toEqual(before.split('\n').filter((line) => !line.includes('secret-key')));

      // The running proxy reloads config.yaml by itself (polled in its log, no restart): then the new key works, the old one not.
      await waitForReloads(2);
      expect(await status(newKey)).toBe(200);
      expect(await status(oldKey)).toBe(401);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('--json prints one object with the key; a missing config.yaml is an error that says how to get one', async () => {
    const configPath = path.join(home, 'config.yaml');
    writeFileSync(configPath, 'port: 0\nremote-management:\n  secret-key: ""\n');
    const json = environment(['reset-management-key', '--config', configPath, '--json']);
    expect(await runCli(json.env)).toBe(0);
    const body = JSON.parse(json.output.stdout);
    expect(body).toMatchObject({ command: 'reset-management-key', ok: true, details: { config_path: configPath, running_proxy: null } });
    expect(readFileSync(configPath, 'utf8')).not.toContain(body.details.management_key);

    const missing = path.join(home, 'nowhere', 'config.yaml');
    const { env, output } = environment(['reset-management-key', '--config', missing]);
    expect(await runCli(env)).toBe(1);
    expect(output.stderr).toBe(
      `cliproxyctl reset-management-key: ~/nowhere/config.yaml does not exist: nothing to reset. \`cliproxyctl serve\` creates it and prints a management key, or pass --config with the config.yaml your proxy uses.\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });
});
