import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.js';
import { writeLocalControl } from '../../src/cli/local-control.js';
import type { CliEnvironment } from '../../src/cli/environment.js';
import type { DiagnosticCheck } from '../../src/server/management/contract.js';
import { startProxy, type RunningProxy } from '../../src/server/start-proxy.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';

// `cliproxyctl doctor --json` runs the same check definitions as the Troubleshooting page, with what a shell sees.
const CLIENT_KEY = 'sk-doctor-client-key-0001';
let dir: string;
let configPath: string;
let fake: FakeUpstream;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function doctor(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; body: any }> {
  let out = '';
  const environment: CliEnvironment = {
    argv,
    env,
    cwd: dir,
    home: dir,
    platform: 'linux',
    stdout: (text) => (out += text),
    stderr: () => undefined,
    openUrl: async () => false,
    stdinLines: () => ({ lines: (async function* () {})(), close: () => undefined }),
  };
  const code = await doctorCommand(environment, argv);
  return { code, body: JSON.parse(out) };
}
const byId = (body: any) => new Map<string, DiagnosticCheck>((body.details.checks as DiagnosticCheck[]).map((check) => [check.id, check]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-doctor-'));
  fake = await startFakeUpstream();
  configPath = path.join(dir, 'config.yaml');
  writeFileSync(
    configPath,
    `host: 127.0.0.1
port: ${await freePort()}
auth-dir: "${path.join(dir, 'auth')}"
api-keys: ["${CLIENT_KEY}"]
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-doctor-secret-0001" }]
    models: [{ name: "m" }]
`,
    { mode: 0o600 },
  );
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cliproxyctl doctor --json', () => {
  it('without a running proxy: file checks run, proxy checks say how to get them', async () => {
    const { body } = await doctor(['--json', '--config', configPath]);
    expect(body).toMatchObject({ schema_version: 'cliproxyctl.response.v1', command: 'doctor', details: { config_path: configPath, auth_dir: path.join(dir, 'auth'), proxy: { running: false } } });
    const checks = byId(body);
    expect(checks.get('config-file')!.status).toBe('pass');
    expect(checks.get('port')).toMatchObject({ status: 'pass', evidence: { inUse: false } });
    expect(checks.get('credentials')!.status).toBe('pass');
    for (const id of ['client-key-auth', 'cooldowns', 'health']) expect(checks.get(id)!.summary).toBe('Needs the running proxy: start it (`cliproxyctl serve` or the desktop app), then run doctor again.');
    expect(checks.get('amp-env')!.status).toBe('unknown');
    expect(JSON.stringify(body)).not.toContain(CLIENT_KEY);
  });

  it('with the proxy running on the configured port: its client API is checked too, with the key from the file', async () => {
    const proxy: RunningProxy = await startProxy({ configPath, watch: false }, { home: dir, dataDir: dir, usageDatabase: ':memory:', logSink: null, accountBackground: false });
    try {
      const { code, body } = await doctor(['--json', '--config', configPath, '--all'], { OPENAI_API_BASE: 'https://api.openai.com/v1' });
      const checks = byId(body);
      expect(body.details.proxy).toMatchObject({ running: true, url: proxy.address.url });
      expect(checks.get('port')).toMatchObject({ status: 'pass', evidence: { ownedByProxy: true } });
      expect(checks.get('health')!.status).toBe('pass');
      expect(checks.get('client-key-auth')).toMatchObject({ status: 'pass', evidence: { key: 'sk-d…0001', models: 1 } });
      expect(checks.get('amp-env')).toMatchObject({ status: 'warn', evidence: { shellOpenAiApiBase: 'https://api.openai.com/v1' } });
      expect(checks.get('stream-parity')).toMatchObject({ status: 'pass', evidence: { model: 'm', stream: { endsWithDone: true } } });
      expect(checks.get('cooldowns')!.summary).toContain(`open the Troubleshooting page (${proxy.address.url}/ui)`);
      expect(code).toBe(body.ok ? 0 : 1);
      expect(JSON.stringify(body)).not.toContain(CLIENT_KEY);
    } finally {
      await proxy.close();
    }
  });

  it('with a proxy that `serve` started here (control.json): the proxy-state checks come from that proxy', async () => {
    const dataDir = path.join(dir, 'data');
    const localKey = 'local-doctor-test-key-0001';
    const proxy = await startProxy({ configPath, watch: false }, { home: dir, dataDir, usageDatabase: ':memory:', logSink: null, accountBackground: false, localManagementKey: localKey });
    const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: localKey, configPath });
    try {
      const { body } = await doctor(['--json', '--config', configPath], { CLIPROXY_DATA_DIR: dataDir });
      const checks = byId(body);
      expect(body.details.proxy).toMatchObject({ running: true, liveChecks: true, configPath });
      expect(checks.get('cooldowns')).toMatchObject({ status: 'pass', evidence: { source: 'the running proxy (management API, per-launch key)' } });
      expect(checks.get('model-inventory')).toMatchObject({ status: 'pass', evidence: { models: 1 } });
      expect(checks.get('auth-dir-sync')!.status).toBe('pass');
      expect(JSON.stringify(body)).not.toContain(localKey);

      // A shell pointed at another config than the running proxy: the "login and runtime differ" row.
      const other = path.join(dir, 'other.yaml');
      writeFileSync(other, readFileSync(configPath, 'utf8'));
      const mismatch = byId((await doctor(['--json', '--config', other], { CLIPROXY_DATA_DIR: dataDir })).body).get('auth-dir-sync')!;
      expect(mismatch.status).toBe('fail');
      expect(mismatch.summary).toContain(`The running proxy uses ${configPath}, but this shell uses ${other}`);
    } finally {
      await control.remove();
      await proxy.close();
    }
  });

  it('shows a management lockout of the running proxy, and `doctor --fix` lifts it with the per-launch key', async () => {
    const dataDir = path.join(dir, 'data-lockout');
    const lockedConfig = path.join(dir, 'locked.yaml');
    writeFileSync(lockedConfig, `${readFileSync(configPath, 'utf8').replace(/^port: \d+$/m, `port: ${await freePort()}`)}remote-management:\n  secret-key: "the-right-management-key"\n`, { mode: 0o600 });
    const localKey = 'local-doctor-test-key-0002';
    const proxy = await startProxy({ configPath: lockedConfig, watch: false }, { home: dir, dataDir, usageDatabase: ':memory:', logSink: null, accountBackground: false, localManagementKey: localKey });
    const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: localKey, configPath: lockedConfig });
    const status = (key: string) => fetch(`${proxy.address.url}/v0/management/status`, { headers: { authorization: `Bearer ${key}` } });
    try {
      for (let index = 0; index < 5; index++) await status(`wrong-${index}`);
      expect((await status('the-right-management-key')).status).toBe(429);
      const { body } = await doctor(['--json', '--config', lockedConfig], { CLIPROXY_DATA_DIR: dataDir });
      expect(byId(body).get('management-lockout')).toMatchObject({ status: 'warn', evidence: { source: 'the running proxy (management API, per-launch key)' } });
      const fixed = await doctor(['--json', '--fix', '--yes', '--config', lockedConfig], { CLIPROXY_DATA_DIR: dataDir });
      const lift = (fixed.body.details.fixes as Array<{ id: string; ok: boolean; message: string; after: { status: string } }>).find((fix) => fix.id === 'lift-management-lockout');
      expect(lift).toMatchObject({ ok: true, message: 'Lifted the management lockout (1 caller(s)); the right key works again at once.', after: { status: 'pass' } });
      expect((await status('the-right-management-key')).status).toBe(200);
    } finally {
      await control.remove();
      await proxy.close();
    }
  });

  it('counts credentials per provider: two keys of one provider, one of them disabled', async () => {
    const counted = path.join(dir, 'two-keys.yaml');
    writeFileSync(
      counted,
      `host: 127.0.0.1
port: ${await freePort()}
auth-dir: "${path.join(dir, 'auth')}"
openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries:
      - api-key: "sk-upstream-doctor-first-0001"
      - api-key: "sk-upstream-doctor-second-0002"
        disabled: true
    models: [{ name: "m" }]
claude-api-key:
  - api-key: "sk-ant-doctor-off-0003"
    disabled: true
`,
      { mode: 0o600 },
    );
    const credentials = byId((await doctor(['--json', '--config', counted])).body).get('credentials')!;
    expect(credentials.status).toBe('pass');
    expect(credentials.evidence.providers).toMatchObject({
      fakeai: { keys: 2, accounts: 0, enabled: 1, disabled: 1 },
      claude: { keys: 1, accounts: 0, enabled: 0, disabled: 1 },
    });
    expect(Object.keys(credentials.evidence.providers as object).sort()).toEqual(['claude', 'fakeai']);
    expect(credentials.summary).toBe('1 usable credential(s) across 1 provider(s).');
  });
});
