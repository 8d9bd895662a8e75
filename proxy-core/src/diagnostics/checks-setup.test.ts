import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorContext, proxyContext } from './__fixtures__/fake-context.js';
import { createDiagnostics } from './registry.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-diag-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (target: string) => statSync(target).mode & 0o777;

describe('auth-dir permissions', () => {
  it('fails on mode 0755, and the fix really sets 0700', async () => {
    const authDir = path.join(dir, 'auth');
    mkdirSync(authDir);
    chmodSync(authDir, 0o755);
    const diagnostics = createDiagnostics(doctorContext(`auth-dir: "${authDir}"\n`));
    const before = (await diagnostics.run('auth-dir'))!;
    expect(before).toMatchObject({ status: 'fail', evidence: { mode: '0755' }, fix: { id: 'chmod-auth-dir', label: 'Set mode 0700' } });
    expect(before.remediation).toContain('chmod 700');

    const result = (await diagnostics.fix('auth-dir'))!;
    expect(result).toMatchObject({ ok: true, message: `Set ${authDir} with mode 0700.` });
    expect(modeOf(authDir)).toBe(0o700);
    expect(result.check).toMatchObject({ status: 'pass', evidence: { mode: '0700' } });
  });

  it('a missing auth-dir is a warning, and the fix creates it with mode 0700', async () => {
    const authDir = path.join(dir, 'nested', 'auth');
    const diagnostics = createDiagnostics(doctorContext(`auth-dir: "${authDir}"\n`));
    expect((await diagnostics.run('auth-dir'))!.status).toBe('warn');
    const result = (await diagnostics.fix('auth-dir'))!;
    expect(result.ok).toBe(true);
    expect(modeOf(authDir)).toBe(0o700);
  });

  it('the fix refuses to touch a file that sits where the folder should be', async () => {
    const authDir = path.join(dir, 'auth');
    writeFileSync(authDir, 'not a folder', { mode: 0o644 });
    const diagnostics = createDiagnostics(doctorContext(`auth-dir: "${authDir}"\n`));
    expect((await diagnostics.run('auth-dir'))!.status).toBe('fail');
    const result = (await diagnostics.fix('auth-dir'))!;
    expect(result).toMatchObject({ ok: false, message: `${authDir} is a file, not a folder; it was left alone.` });
    expect(modeOf(authDir)).toBe(0o644);
  });
});

describe('config file', () => {
  it('a read-only config is a warning that names the persistence status', async () => {
    const check = (await createDiagnostics(doctorContext('port: 8317\n', { view: { writable: false, persisted: false } })).run('config-writable'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/read-only: changes from the app apply until restart but are not saved \(the running config already differs from the file\)/);
    expect(check.evidence).toMatchObject({ writable: false, persisted: false });
  });

  it('a config that does not load fails with its line; a failed reload inside the proxy is a warning', async () => {
    const broken = doctorContext('port: 8317\n', { view: { loaded: undefined, error: { message: 'config.yaml line 3: port must be a number', line: 3, key: 'port' } } });
    expect((await createDiagnostics(broken).run('config-file'))!).toMatchObject({ status: 'fail', evidence: { line: 3, key: 'port' } });
    const reloadFailed = doctorContext('port: 8317\n', { view: { lastReloadError: { error: 'line 2: bad indentation', line: 2 } } });
    expect((await createDiagnostics(reloadFailed).run('config-file'))!.summary).toMatch(/did not load \(line 2: bad indentation\); the proxy keeps running the previous version/);
  });
});

describe('management API', () => {
  it('without a proxy: a missing secret-key is a warning; inside the proxy, bans and delays are reported and lifted', async () => {
    expect((await createDiagnostics(doctorContext('port: 8317\n')).run('management'))!.status).toBe('warn');
    const fake = proxyContext('remote-management:\n  secret-key: "s"\n  allow-remote: true\n');
    let cleared = 0;
    let bans = [
      { address: '192.0.2.7', until: fake.context.now() + 600_000, kind: 'ban' as const, failures: 5 },
      { address: 'loopback', until: fake.context.now() + 4_000, kind: 'delay' as const, failures: 7 },
    ];
    fake.context.proxy!.managementBans = () => bans;
    fake.context.proxy!.clearManagementBans = () => ((cleared = bans.length), (bans = []), cleared);
    expect((await createDiagnostics(fake.context).run('management'))!.evidence).toMatchObject({ enabled: true, allowRemote: true });
    const check = (await createDiagnostics(fake.context).run('management-lockout'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toBe('Management is locked after wrong keys: 192.0.2.7 is banned for 10 more minute(s) after 5 wrong keys; programs on this machine wait 4 s between management key tries after 7 wrong keys.');
    expect(check.remediation).toContain('cliproxyctl doctor --fix');
    const fixed = (await createDiagnostics(fake.context).fix('management-lockout'))!;
    expect(fixed).toMatchObject({ ok: true, message: 'Lifted the management lockout (2 caller(s)); the right key works again at once.', check: { status: 'pass' } });
  });

  it('"Enable management" writes a bcrypt hash of a new key and shows the key in its message', async () => {
    let written: unknown;
    const context = { ...doctorContext('port: 8317\nremote-management:\n  allow-remote: true\n'), editConfig: async (changes: readonly { path: Array<string | number>; value: unknown }[]) => ((written = changes), { ok: true as const, path: '/tmp/fake/config.yaml' }) };
    const result = (await createDiagnostics(context).fix('management'))!;
    const key = /shown only this once[^:]*: (\S+)\n/.exec(result.message)![1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(result.message).toContain('allow-remote stays true (other machines may use the key too)');
    const [change] = written as Array<{ path: string[]; value: string }>;
    expect(change.path).toEqual(['remote-management', 'secret-key']);
    expect(await bcrypt.compare(key, change.value)).toBe(true);
    expect(change.value).not.toContain(key);

    const inside = createDiagnostics(proxyContext('port: 8317\n').context);
    expect((await inside.run('management'))!.fix).toBeUndefined();
  });
});
