import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctorContext, NOW, proxyContext, usageRecord } from './__fixtures__/fake-context.js';
import { createDiagnostics } from './registry.js';

const yaml = `openai-compatibility:
  - name: fakeai
    base-url: "http://127.0.0.1:9/v1"
    api-key-entries: [{ api-key: "sk-upstream-secret-0001" }, { api-key: "sk-upstream-secret-0002" }]
    models: [{ name: "m" }]
`;

describe('cooldowns', () => {
  it('names the cooling credential, until when and why; the fix clears it in the runtime', async () => {
    const fake = proxyContext(yaml);
    const [first] = fake.runtime.current().credentials;
    fake.runtime.cooldowns.fail(first.id, 'm', { reason: 'quota', status: 429, retryAfterMs: 120_000, message: 'Rate limit reached' }, NOW);
    const diagnostics = createDiagnostics(fake.context);
    const check = (await diagnostics.run('cooldowns'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toContain(`free at ${new Date(NOW + 120_000).toISOString()} (fakeai sk-u…0001, m: quota 429)`);
    expect(check.evidence.cooling).toEqual([expect.objectContaining({ credentialId: first.id, secondsLeft: 120, reason: 'quota', status: 429, message: 'Rate limit reached' })]);

    const result = (await diagnostics.fix('cooldowns'))!;
    expect(result).toMatchObject({ ok: true, check: { status: 'pass' } });
    expect(fake.runtime.cooldowns.list(NOW)).toEqual([]);
  });

  it('without the proxy (doctor) the check says where to run it instead of guessing', async () => {
    const check = (await createDiagnostics(doctorContext(yaml)).run('cooldowns'))!;
    expect(check).toMatchObject({ status: 'unknown', summary: 'Needs the running proxy: start it (`cliproxyctl serve` or the desktop app), then run doctor again.' });
    expect(check.fix).toBeUndefined();
    const fix = (await createDiagnostics(doctorContext(yaml)).fix('cooldowns'))!;
    expect(fix.ok).toBe(false);
  });
});

describe('403 entitlement', () => {
  it('groups recent 403s by provider, ignoring old ones', async () => {
    const fake = proxyContext(yaml);
    fake.usage.push(usageRecord({ status: 403, provider: 'claude', requestedModel: 'claude-opus-4-6', error: 'permission_error: not in your plan' }));
    fake.usage.push(usageRecord({ status: 403, provider: 'gemini', time: NOW - 3 * 86_400_000 }));
    const check = (await createDiagnostics(fake.context).run('upstream-403'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('claude (1: claude-opus-4-6)');
    expect(check.summary).not.toContain('gemini');
    expect(check.evidence.byProvider).toMatchObject({ claude: { lastError: 'permission_error: not in your plan' } });
  });
});

describe('auth-dir sync and account files', () => {
  it('inside the proxy: an active account file the runtime did not load is reported with the paths', async () => {
    const fake = proxyContext(yaml, {
      authFiles: [{ id: 'claude-a@example.com.json', name: 'claude-a@example.com.json', type: 'claude', provider: 'claude', label: 'a@example.com', disabled: false, status: 'active', statusMessage: 'Ready.', shadowedBy: null, size: 10, modtime: new Date(NOW).toISOString() }],
    });
    const check = (await createDiagnostics(fake.context).run('auth-dir-sync'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('claude-a@example.com.json');
    expect(check.evidence).toMatchObject({ configPath: '/tmp/fake/config.yaml', pid: process.pid, notLoaded: [{ file: 'claude-a@example.com.json' }] });
  });

  it('doctor: prints this shell\'s paths and warns about other config.yaml files', async () => {
    const context = { ...doctorContext(yaml), otherConfigs: ['/srv/other/config.yaml'] };
    const check = (await createDiagnostics(context).run('auth-dir-sync'))!;
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('/srv/other/config.yaml');
  });

  it('finds account files without a refresh token and duplicate imports; never shows tokens', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-diag-auth-'));
    try {
      const authDir = path.join(dir, 'auth');
      mkdirSync(authDir, { mode: 0o700 });
      writeFileSync(path.join(authDir, 'claude-a.json'), JSON.stringify({ type: 'claude', email: 'a@example.com', access_token: 'secret-access-1', refresh_token: 'secret-refresh-1' }));
      writeFileSync(path.join(authDir, 'claude-a-copy.json'), JSON.stringify({ type: 'claude', email: 'a@example.com', access_token: 'secret-access-2', refresh_token: 'secret-refresh-2' }));
      writeFileSync(path.join(authDir, 'codex-b.json'), JSON.stringify({ type: 'codex', email: 'b@example.com', access_token: 'secret-access-3' }));
      const fake = proxyContext(`auth-dir: "${authDir}"\n`, {
        authFiles: ['claude-a.json', 'claude-a-copy.json', 'codex-b.json'].map((name) => ({ id: name, name, type: name.split('-')[0], provider: name.split('-')[0], label: name, disabled: false, status: 'active' as const, statusMessage: 'Ready.', shadowedBy: null, size: 1, modtime: '' })),
      });
      const check = (await createDiagnostics(fake.context).run('oauth-refresh-fields'))!;
      expect(check.status).toBe('warn');
      expect(check.evidence).toMatchObject({ withoutRefreshToken: ['codex-b.json'], duplicateAccounts: [['claude-a.json', 'claude-a-copy.json']] });
      expect(JSON.stringify(check)).not.toMatch(/secret-/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('providers this build may not support', () => {
  it('a build without a provider: its files are a warning, not a pass; with it and no account, how to log in', async () => {
    const files = [{ id: 'iflow-x.json', name: 'iflow-x.json', type: 'iflow', provider: 'iflow', label: 'x', disabled: false, status: 'unsupported' as const, statusMessage: '', shadowedBy: null, size: 1, modtime: '' }];
    const fake = proxyContext(yaml, { authFiles: files });
    // A build (or an embedding app) whose provider registry lacks iFlow.
    const withoutIflow = { ...fake.context, providers: new Map([...fake.context.providers].filter(([id]) => id !== 'iflow')) };
    const withFile = (await createDiagnostics(withoutIflow).run('provider-iflow'))!;
    expect(withFile).toMatchObject({ status: 'warn', evidence: { supportedByThisBuild: false } });
    const none = (await createDiagnostics(proxyContext(yaml).context).run('provider-iflow'))!;
    expect(none).toMatchObject({ status: 'unknown', remediation: 'Log in with cliproxyctl login --provider iflow.', evidence: { supportedByThisBuild: true } });
  });

  it('Kimi (supported now): with no account the check says how to log in', async () => {
    const check = (await createDiagnostics(proxyContext(yaml).context).run('provider-kimi'))!;
    expect(check).toMatchObject({ status: 'unknown', summary: 'Kimi is supported, but no Kimi account is logged in.', remediation: 'Log in with cliproxyctl login --provider kimi.', evidence: { supportedByThisBuild: true } });
  });
});
