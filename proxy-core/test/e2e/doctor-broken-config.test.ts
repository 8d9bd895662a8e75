import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { writeLocalControl } from '../../src/cli/local-control.js';
import type { DiagnosticCheck } from '../../src/server/management/contract.js';
import { startProxy, type RunningProxy } from '../../src/server/start-proxy.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { cliEnvironment } from './cli-harness.js';

// `cliproxyctl doctor` after an edit broke config.yaml while the proxy runs: it finds that proxy (control.json, or
// the port line), says it serves the previous version, and takes the checks it cannot decide from it.
const CLIENT_KEY = 'sk-doctor-broken-client-0001';
const LOCAL_KEY = 'local-doctor-broken-key-0001';
let dir: string;
let configPath: string;
let dataDir: string;
let fake: FakeUpstream;
let proxy: RunningProxy;
let port: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

async function doctor(argv: string[]) {
  const { env, output } = cliEnvironment(dir, ['doctor', ...argv], { env: { CLIPROXY_DATA_DIR: dataDir } });
  const code = await doctorCommand(env, argv);
  return { code, stdout: output.stdout, body: argv.includes('--json') ? JSON.parse(output.stdout) : undefined };
}
const byId = (body: any) => new Map<string, DiagnosticCheck>((body.details.checks as DiagnosticCheck[]).map((check) => [check.id, check]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-doctor-broken-'));
  dataDir = path.join(dir, 'data');
  fake = await startFakeUpstream();
  configPath = path.join(dir, 'config.yaml');
  port = await freePort();
  const text = `host: 127.0.0.1
port: ${port}
auth-dir: "${path.join(dir, 'auth')}"
api-keys: ["${CLIENT_KEY}"]
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-broken-secret-0001" }]
    models: [{ name: "m" }]
`;
  writeFileSync(configPath, text, { mode: 0o600 });
  proxy = await startProxy({ configPath, watch: false }, { home: dir, dataDir, usageDatabase: ':memory:', logSink: null, accountBackground: false, localManagementKey: LOCAL_KEY });
  // The edit that breaks the file, after the proxy loaded it.
  writeFileSync(configPath, `${text}request-retry: -1\n`);
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cliproxyctl doctor with a config.yaml that no longer loads', () => {
  it('finds the proxy serve started (control.json), says it serves the previous config, and runs its live checks', async () => {
    const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: LOCAL_KEY, configPath });
    try {
      const { code, body } = await doctor(['--json', '--config', configPath]);
      expect(code).toBe(1);
      expect(body.details.proxy).toEqual({ running: true, url: proxy.address.url, version: expect.any(String), configPath, liveChecks: true, servingPreviousConfig: true });
      const checks = byId(body);
      expect(checks.get('config-file')).toMatchObject({ status: 'fail' });
      expect(checks.get('config-file')!.summary).toBe(
        `${configPath}:10:16: request-retry: must be at least 0, got -1. The proxy at ${proxy.address.url} keeps serving the previous version of this file until it loads again.`,
      );
      const source = 'the running proxy (management API, per-launch key), serving the previous config';
      expect(checks.get('cooldowns')).toMatchObject({ status: 'pass', evidence: { source } });
      expect(checks.get('client-key-auth')).toMatchObject({ status: 'pass', evidence: { source } });
      expect(checks.get('model-inventory')).toMatchObject({ status: 'pass', evidence: { models: 1, source } });
      expect(checks.get('auth-dir')).toMatchObject({ status: 'warn', evidence: { path: path.join(dir, 'auth'), source } });
      const needProxy = [...checks.values()].filter((check) => /needs the running proxy/i.test(check.summary));
      expect(needProxy.map((check) => check.id)).toEqual([]);
      expect(JSON.stringify(body)).not.toContain(LOCAL_KEY);

      const text = await doctor(['--config', configPath]);
      expect(text.stdout.split('\n').slice(0, 3)).toEqual([
        `config: ${configPath} (flag)`,
        'auth-dir: unknown (config.yaml does not load)',
        `proxy: running at ${proxy.address.url} (version ${body.details.proxy.version}), still serving the previous version of config.yaml; its own checks included`,
      ]);
      expect(text.stdout).not.toContain('press Run check');
      expect(text.stdout).toContain('  [--  ] not run: Stream vs non-stream canary — the stream canary spends a few tokens: --all runs it\n');
    } finally {
      await control.remove();
    }
  });

  it('without control.json: finds the proxy on the port the file names; what only its state could tell is not reported as passing', async () => {
    const { body } = await doctor(['--json', '--config', configPath]);
    expect(body.details.proxy).toMatchObject({ running: true, url: `http://127.0.0.1:${port}`, liveChecks: false, servingPreviousConfig: true });
    const checks = byId(body);
    expect(checks.get('auth-dir-sync')).toMatchObject({ status: 'unknown' });
    expect(checks.get('auth-dir-sync')!.summary).toBe(`The auth-dir is not known until ${configPath} loads (see the config file check), so this shell cannot tell where logins go.`);
    expect(checks.get('client-key-auth')!.summary).toBe(
      `The proxy at http://127.0.0.1:${port} runs, but while config.yaml does not load this shell knows neither its client key nor its state: fix the file (see the Config file check), or start it with \`cliproxyctl serve\` so doctor can read its own checks.`,
    );
    expect([...checks.values()].filter((check) => check.status === 'pass' && /\(unknown\)/.test(check.summary))).toEqual([]);
  });
});
