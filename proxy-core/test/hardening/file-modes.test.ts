import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProxy } from '../../src/server/start-proxy.js';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('files the proxy writes in its data folder are owner-only', () => {
  it('data folder and logs/ 0700; main.log and usage.sqlite (+ -wal, -shm) 0600 — also when an older version left them open', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-modes-'));
    const dataDir = path.join(root, 'moved-data');
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'logs'), 0o755);
    writeFileSync(path.join(dataDir, 'logs', 'main.log'), 'old line\n', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'logs', 'main.log'), 0o644);
    writeFileSync(path.join(dataDir, 'usage.sqlite'), '', { mode: 0o644 });
    chmodSync(path.join(dataDir, 'usage.sqlite'), 0o644);
    const configPath = path.join(root, 'config.yaml');
    writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${path.join(root, 'auth')}"\nlogging-to-file: true\n`, { mode: 0o600 });
    const proxy = await startProxy({ configPath, port: 0, watch: false }, { home: root, dataDir, usageDatabase: path.join(dataDir, 'usage.sqlite'), logSink: null, env: {}, accountBackground: false });
    try {
      await fetch(`${proxy.address.url}/v1/models`);
      expect(modeOf(dataDir)).toBe('700');
      expect(modeOf(path.join(dataDir, 'logs'))).toBe('700');
      expect(modeOf(path.join(dataDir, 'logs', 'main.log'))).toBe('600');
      expect(modeOf(path.join(dataDir, 'usage.sqlite'))).toBe('600');
      // WAL mode: SQLite keeps both journal files while the database is open.
      expect(modeOf(path.join(dataDir, 'usage.sqlite-wal'))).toBe('600');
      expect(modeOf(path.join(dataDir, 'usage.sqlite-shm'))).toBe('600');
    } finally {
      await proxy.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
