import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * How CLI commands reach a running proxy's management API without the user's management key (which the
 * config stores only as a bcrypt hash): `serve` writes a per-launch key to `<data-dir>/control.json`
 * (mode 0600, next to the usage database) that the proxy accepts from this machine only, and removes it
 * when it stops.
 */
export interface LocalControl {
  url: string;
  key: string;
  pid: number;
  /** The config.yaml that proxy runs with. */
  configPath: string;
}

export function controlFile(dataDir: string): string {
  return path.join(dataDir, 'control.json');
}

export function createLocalKey(): string {
  return `local-${randomBytes(24).toString('base64url')}`;
}

export async function writeLocalControl(dataDir: string, control: Omit<LocalControl, 'pid'>): Promise<{ remove(): Promise<void> }> {
  const file = controlFile(dataDir);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify({ ...control, pid: process.pid } satisfies LocalControl)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
  return {
    async remove() {
      const current = await readLocalControl(dataDir);
      if (current?.key === control.key) await fs.unlink(file).catch(() => undefined);
    },
  };
}

export async function readLocalControl(dataDir: string): Promise<LocalControl | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(controlFile(dataDir), 'utf8')) as Partial<LocalControl>;
    if (typeof parsed.url === 'string' && typeof parsed.key === 'string' && typeof parsed.pid === 'number' && typeof parsed.configPath === 'string') return parsed as LocalControl;
  } catch {
    // no running proxy, or an unreadable file
  }
  return undefined;
}
