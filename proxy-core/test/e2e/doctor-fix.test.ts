import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import bcrypt from 'bcryptjs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import type { CliEnvironment } from '../../src/cli/environment.js';
import type { DiagnosticCheck } from '../../src/server/management/contract.js';
import { startProxy } from '../../src/server/start-proxy.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';

// `cliproxyctl doctor --fix`: the fixes doctor applies from a shell (a free port, management, the auth-dir's mode),
// each asked about on stdin unless --yes, each followed by its check run again.
let fake: FakeUpstream;
let dir: string;
let configPath: string;
let authDir: string;
const servers: net.Server[] = [];

beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-doctor-fix-'));
  configPath = path.join(dir, 'config.yaml');
  authDir = path.join(dir, 'auth');
  mkdirSync(authDir, { mode: 0o700 });
  chmodSync(authDir, 0o700);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

/** A port some other program holds: a plain `net` server that never answers, as a user's stray dev server might. */
async function holdPort(): Promise<number> {
  const server = net.createServer();
  const sockets = new Set<net.Socket>();
  // doctor's /health probe connects and gives up after its timeout; drop those sockets so close() finishes.
  server.on('connection', (socket) => (sockets.add(socket), socket.once('close', () => sockets.delete(socket))));
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function writeConfig(options: { port: number; management?: string }): string {
  const text = `# my proxy settings
host: 127.0.0.1
port: ${options.port} # the port my tools use
auth-dir: "${authDir}"
remote-management:
  allow-remote: false # only this machine
  secret-key: "${options.management ?? ''}"
openai-compatibility:
  - name: fakeai # the test upstream
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-doctor-fix-0001" }]
    models: [{ name: "m" }]
`;
  writeFileSync(configPath, text, { mode: 0o600 });
  return text;
}

interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json envelope. */
  body: any;
}

async function doctor(argv: string[], stdin: string[] = []): Promise<DoctorRun> {
  let stdout = '';
  let stderr = '';
  const environment: CliEnvironment = {
    argv,
    env: {},
    cwd: dir,
    home: dir,
    platform: 'linux',
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    openUrl: async () => false,
    stdinLines: () => ({
      lines: (async function* () {
        yield* stdin;
      })(),
      close: () => undefined,
    }),
  };
  const code = await doctorCommand(environment, ['--config', configPath, ...argv]);
  return { code, stdout, stderr, body: argv.includes('--json') ? JSON.parse(stdout) : undefined };
}

const checkOf = (body: any, id: string) => (body.details.checks as DiagnosticCheck[]).find((check) => check.id === id)!;
const fixOf = (body: any, id: string) => (body.details.fixes as Array<{ id: string; ok: boolean; applied: boolean; message: string; before: { status: string }; after: { status: string } }>).find((fix) => fix.id === id)!;
const portInFile = () => Number(/^port: (\d+)/m.exec(readFileSync(configPath, 'utf8'))![1]);
const startFromFile = () => startProxy({ configPath, watch: false }, { home: dir, dataDir: path.join(dir, 'data'), usageDatabase: ':memory:', logSink: null, accountBackground: false });

describe('cliproxyctl doctor --fix', () => {
  it('a port held by another program: --yes writes a free port (comments kept), the check passes, and the proxy starts there', async () => {
    const held = await holdPort();
    writeConfig({ port: held, management: 'mgmt-doctor-fix-0001' });
    const before = await doctor(['--json']);
    expect(before.code).toBe(1);
    expect(checkOf(before.body, 'port')).toMatchObject({ status: 'fail', fix: { id: 'use-free-port', label: 'Use a free port' } });

    const { code, body } = await doctor(['--fix', '--yes', '--json']);
    const port = portInFile();
    expect(port).not.toBe(held);
    expect(port).toBeGreaterThan(held);
    expect(port).toBeLessThanOrEqual(held + 20);
    expect(fixOf(body, 'use-free-port')).toMatchObject({ ok: true, applied: true, before: { status: 'fail' }, after: { status: 'pass' } });
    expect(fixOf(body, 'use-free-port').message).toContain(`Set port: ${port} in ${configPath} (port ${held} is taken). The proxy starts on http://127.0.0.1:${port}`);
    expect(checkOf(body, 'port')).toMatchObject({ status: 'pass', evidence: { port, inUse: false } });
    expect(body.ok).toBe(true);
    expect(code).toBe(0);

    const text = readFileSync(configPath, 'utf8');
    expect(text).toContain(`port: ${port} # the port my tools use\n`);
    expect(text).toContain('# my proxy settings\n');
    expect(text).toContain('- name: fakeai # the test upstream\n');

    const proxy = await startFromFile();
    try {
      expect(proxy.address.port).toBe(port);
      expect((await fetch(`${proxy.address.url}/health`)).status).toBe(200);
    } finally {
      await proxy.close();
    }
    // A second run has nothing left to fix.
    const again = await doctor(['--fix', '--yes', '--json']);
    expect(again.body.details.fixes).toEqual([]);
    expect(again.code).toBe(0);
  });

  it('management disabled: the fix writes a new key, shows it once, and a started proxy accepts it', async () => {
    writeConfig({ port: await freePort() });
    const disabled = await startFromFile();
    try {
      expect((await fetch(`${disabled.address.url}/v0/management/status`)).status).toBe(404);
    } finally {
      await disabled.close();
    }

    const { code, stdout, body } = await doctor(['--fix', '--yes', '--json']);
    const fix = fixOf(body, 'enable-management');
    expect(fix).toMatchObject({ ok: true, applied: true, before: { status: 'warn' }, after: { status: 'pass' } });
    const key = /shown only this once[^:]*: ([A-Za-z0-9_-]{32})\n/.exec(fix.message)?.[1];
    expect(key).toBeDefined();
    expect(fix.message).toContain('allow-remote stays false (this machine only)');
    expect(stdout.split(key!).length - 1).toBe(1); // in the fix message, nowhere else in the output
    expect(checkOf(body, 'management')).toMatchObject({ status: 'pass', evidence: { enabled: true, allowRemote: false } });
    expect(code).toBe(0);

    const text = readFileSync(configPath, 'utf8');
    expect(text).not.toContain(key!); // only its bcrypt hash is on disk
    expect(text).toMatch(/^ {2}secret-key: "\$2[aby]\$10\$.{53}"$/m);
    expect(text).toContain('  allow-remote: false # only this machine\n');

    const proxy = await startFromFile();
    try {
      const status = (authorization?: string) => fetch(`${proxy.address.url}/v0/management/status`, { headers: authorization ? { authorization } : {} });
      const accepted = await status(`Bearer ${key}`);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ version: expect.any(String) });
      expect((await status('Bearer not-the-key')).status).toBe(401);
    } finally {
      await proxy.close();
    }
    expect(readFileSync(configPath, 'utf8')).toBe(text); // the proxy had nothing to hash: the file already holds the hash
  });

  it('an auth-dir with mode 0755: prints the check before and after, and sets 0700', async () => {
    writeConfig({ port: await freePort(), management: 'mgmt-doctor-fix-0001' });
    chmodSync(authDir, 0o755);
    const { code, stdout } = await doctor(['--fix', '--yes']);
    expect(statSync(authDir).mode & 0o777).toBe(0o700);
    const fixes = stdout.slice(stdout.indexOf('\nFixes:\n'));
    expect(fixes).toContain(`[FAIL] Credential folder (auth-dir) permissions: ${authDir} has mode 0755`);
    expect(fixes).toContain('       Set mode 0700: yes (--yes)\n');
    expect(fixes).toContain(`       -> Set ${authDir} with mode 0700.\n[ok  ] Credential folder (auth-dir) permissions: ${authDir} exists with mode 0700.\n`);
    expect(stdout).toContain('1 fix(es) applied; no check fails now.');
    expect(code).toBe(0);
  });

  it('declining at the prompt (or no answer) leaves config.yaml and the auth-dir as they were', async () => {
    const held = await holdPort();
    const original = writeConfig({ port: held });
    chmodSync(authDir, 0o755);
    // Questions go to stderr under --json, in the order of the checks: auth-dir, management, port.
    const declined = await doctor(['--fix', '--json'], ['n', 'no', '']);
    expect(declined.stderr).toContain('       Set mode 0700? [y/N] ');
    expect(declined.stderr).toContain('       Enable management? [y/N] ');
    expect(declined.stderr).toContain('       Use a free port? [y/N] ');
    expect(declined.body.details.fixes.map((fix: { id: string; applied: boolean }) => [fix.id, fix.applied])).toEqual([
      ['chmod-auth-dir', false],
      ['enable-management', false],
      ['use-free-port', false],
    ]);
    expect(readFileSync(configPath, 'utf8')).toBe(original);
    expect(statSync(authDir).mode & 0o777).toBe(0o755);
    expect(checkOf(declined.body, 'port').status).toBe('fail');
    expect(declined.code).toBe(1);

    // Input that ends before an answer is a no, too; a "y" applies only the fix it answers.
    const partial = await doctor(['--fix'], ['y']);
    expect(partial.stdout).toContain('(no answer: input ended)');
    expect(statSync(authDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(configPath, 'utf8')).toBe(original);
    expect(partial.stdout).toContain('1 fix(es) applied, 2 not applied; still failing: Proxy port.');
    expect(partial.code).toBe(1);
  });

  it('a read-only config.yaml: the fixes say they cannot write it and change nothing', async () => {
    const held = await holdPort();
    const original = writeConfig({ port: held });
    chmodSync(configPath, 0o444);
    const { code, body } = await doctor(['--fix', '--yes', '--json']);
    expect(fixOf(body, 'use-free-port')).toMatchObject({ ok: false, applied: true, after: { status: 'fail' } });
    expect(fixOf(body, 'use-free-port').message).toMatch(new RegExp(`^Port \\d+ is free, but ${configPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is read-only \\(mode 0444\\), so doctor cannot write it: nothing was changed\\.`));
    expect(fixOf(body, 'enable-management')).toMatchObject({ ok: false, after: { status: 'warn' } });
    expect(fixOf(body, 'enable-management').message).toContain('Management stays disabled: ');
    expect(fixOf(body, 'enable-management').message).toContain('is read-only (mode 0444)');
    expect(fixOf(body, 'enable-management').message).not.toMatch(/shown only this once/);
    expect(readFileSync(configPath, 'utf8')).toBe(original);
    expect(statSync(configPath).mode & 0o777).toBe(0o444);
    expect(code).toBe(1);
  });

  it('with management working, --fix offers a new key for a lost one: yes writes a new hash and shows the key once; no answer or --yes leaves it', async () => {
    const original = writeConfig({ port: await freePort(), management: await bcrypt.hash('the-old-management-key', 4) });
    chmodSync(authDir, 0o700);
    const unanswered = await doctor(['--fix']);
    expect(unanswered.stdout).toContain('       Lost the management key? Make a new one (the current key stops working)? [y/N] (no answer: input ended)\n       (management key left as it is)\n');
    const withYes = await doctor(['--fix', '--yes']);
    expect(withYes.stdout).not.toContain('Lost the management key? Make a new one');
    expect(readFileSync(configPath, 'utf8')).toBe(original);

    const answered = await doctor(['--fix'], ['y']);
    const key = /-> New management key, shown only this once \(~\/config\.yaml keeps just its bcrypt hash\):\n\s+(\S+)\n/.exec(answered.stdout)?.[1];
    expect(key, answered.stdout).toBeDefined();
    expect(answered.stdout.split(key!)).toHaveLength(2);
    const text = readFileSync(configPath, 'utf8');
    expect(text).not.toContain(key!);
    // Written with the comment-preserving writer: every comment of the file is still there.
    for (const comment of original.match(/#.*$/gm)!) expect(text).toContain(comment);
    const hash = /secret-key: "(.*)"/.exec(text)![1];
    expect(await bcrypt.compare(key!, hash)).toBe(true);
    expect(await bcrypt.compare('the-old-management-key', hash)).toBe(false);
  });

  it('--yes without --fix is a usage error', async () => {
    writeConfig({ port: await freePort() });
    await expect(doctor(['--yes'])).rejects.toThrow('--yes only applies with --fix');
  });
});
