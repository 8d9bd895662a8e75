import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuthFileSystem } from '../../src/credentials/auth-file-store.js';
import { startFakeCodex } from '../../src/testing/index.js';
import { eventually, management, writeAuthFile } from '../e2e/accounts-harness.js';
import { codexConfig, hash8 } from '../e2e/codex-harness.js';
import { startTestProxy } from '../e2e/harness.js';

/** The real file system, except that writes and deletes fail like a read-only mount (EROFS). Tests run as root, so chmod would not. */
function readOnlyFs(): AuthFileSystem {
  const refuse = (syscall: string) => async () => {
    throw Object.assign(new Error(`${syscall}: read-only file system`), { code: 'EROFS', syscall });
  };
  return { ...fsPromises, writeFile: refuse('open'), rename: refuse('rename'), unlink: refuse('unlink') } as AuthFileSystem;
}

describe('a read-only auth-dir', () => {
  it('PATCH /auth-files/status applies in memory with persisted:false and the reason; DELETE /auth-files is a 409 naming the folder and the fix', async () => {
    const codex = await startFakeCodex();
    const proxy = await startTestProxy(codexConfig(codex.endpoints), { deps: { authFileSystem: readOnlyFs() } });
    try {
      const tokens = codex.seed({ email: 'ro@example.com' });
      const name = `codex-${hash8(tokens.account.accountId)}-ro@example.com-${tokens.account.plan}.json`;
      writeAuthFile(proxy, name, {
        type: 'codex',
        id_token: tokens.idToken,
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        account_id: tokens.account.accountId,
        email: 'ro@example.com',
        last_refresh: new Date().toISOString(),
        expired: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      });
      const folder = path.join(proxy.dir, 'auth');
      await eventually(async () => (await management<{ files: unknown[] }>(proxy, 'GET', '/auth-files')).body.files, (files) => files.length === 1);
      // The folder listing can show the file before the watcher has loaded it as an account.
      await eventually(async () => (await management<{ accounts: unknown[] }>(proxy, 'GET', '/accounts')).body.accounts, (accounts) => accounts.length === 1);

      const disabled = await management<{ status: string; disabled: boolean; persisted: boolean; reason: string }>(proxy, 'PATCH', '/auth-files/status', { name, disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ status: 'ok', disabled: true, persisted: false });
      expect(disabled.body.reason).toContain(`the credential folder ${folder}: it is read-only for this program (EROFS)`);
      expect(disabled.body.reason).toContain('chmod u+w');
      const credentials = (await management<{ credentials: Array<{ source: { fileName?: string }; disabled: boolean; state: string }> }>(proxy, 'GET', '/credentials')).body.credentials;
      expect(credentials.find((credential) => credential.source.fileName === name)).toMatchObject({ disabled: true, state: 'disabled' });

      const removed = await management<{ error: string; code: string; folder: string }>(proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(name)}`);
      expect(removed.status).toBe(409);
      expect(removed.body).toMatchObject({ code: 'auth_dir_read_only', folder });
      expect(removed.body.error).toContain(`Could not delete ${name} in the credential folder ${folder}`);
      expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
    } finally {
      await proxy.close();
      await codex.close();
    }
  });
});
