import { describe, expect, it } from 'vitest';
import { backupBundleSchema, BackupPassphraseError, decodeBackup, encodeBackup, type BackupPayload } from './backup-bundle.js';
import { keepMachineKeys } from './routes-backup.js';

const payload: BackupPayload = {
  config: 'api-keys: ["sk-client"]\n',
  authFiles: [{ name: 'claude-me@example.com.json', data: { type: 'claude', access_token: 'sk-ant-oat-secret' } }],
  usage: [],
};
const meta = { createdAt: new Date('2026-12-08T00:00:00Z'), appVersion: '0.1.0' };

describe('backup bundle', () => {
  it('round-trips encrypted; the ciphertext hides the payload; a changed byte or a wrong passphrase fails', async () => {
    const bundle = await encodeBackup(payload, { ...meta, passphrase: 'correct horse battery' });
    expect(backupBundleSchema.parse(JSON.parse(JSON.stringify(bundle)))).toEqual(bundle);
    expect(JSON.stringify(bundle)).not.toContain('sk-ant-oat-secret');
    expect(await decodeBackup(bundle, 'correct horse battery')).toEqual(payload);
    await expect(decodeBackup(bundle, 'Correct horse battery')).rejects.toThrow(BackupPassphraseError);
    if (!bundle.encrypted) throw new Error('expected an encrypted bundle');
    const bytes = Buffer.from(bundle.ciphertext, 'base64');
    bytes[0] ^= 1;
    await expect(decodeBackup({ ...bundle, ciphertext: bytes.toString('base64') }, 'correct horse battery')).rejects.toThrow('The passphrase is wrong, or the backup file was changed after it was exported.');
    await expect(decodeBackup(bundle)).rejects.toThrow('This backup is encrypted: enter the passphrase it was exported with.');
  });

  it('a fresh salt and IV every time', async () => {
    const first = await encodeBackup(payload, { ...meta, passphrase: 'correct horse battery' });
    const second = await encodeBackup(payload, { ...meta, passphrase: 'correct horse battery' });
    if (!first.encrypted || !second.encrypted) throw new Error('expected encrypted bundles');
    expect(first.kdf.salt).not.toBe(second.kdf.salt);
    expect(first.cipher.iv).not.toBe(second.cipher.iv);
  });

  it('a restored config.yaml keeps this machine\'s host, port, auth-dir and management settings, and its comments', () => {
    const incoming = '# from the laptop\nhost: 0.0.0.0\nport: 9000\nauth-dir: /home/other/.cli-proxy-api\napi-keys: ["sk-a"] # mine\nremote-management:\n  secret-key: "$2b$10$other"\n';
    const current = 'host: 127.0.0.1\nport: 8317\nauth-dir: ~/.cli-proxy-api\nremote-management:\n  secret-key: "$2b$10$here"\n';
    expect(keepMachineKeys(incoming, current)).toBe('# from the laptop\nhost: 127.0.0.1\nport: 8317\nauth-dir: ~/.cli-proxy-api\napi-keys: [ "sk-a" ] # mine\nremote-management:\n  secret-key: "$2b$10$here"\n');
  });
});
