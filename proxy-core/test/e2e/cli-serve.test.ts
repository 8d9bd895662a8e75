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
    const configPath = path.join(home, 'conf', 'config.yaml');
    const first = await serve(['--config', configPath, '--port', '0']);
    let clientKey: string;
    let managementKey: string;
    try {
      const printed = /client key:\s+(\S+)\n\s+management key:\s+(\S+)\n/.exec(first.output.stdout);
      expect(printed, first.output.stdout).not.toBeNull();
      [clientKey, managementKey] = [printed![1], printed![2]];
      expect(first.output.stdout).toContain("Created ~/conf/config.yaml with a new client key and management key (shown once; they are in the file)");
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
