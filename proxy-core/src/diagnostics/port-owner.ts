import { promises as fs } from 'node:fs';
import net from 'node:net';

export interface PortOwner {
  pid: number;
  command: string;
}

/**
 * Which process listens on a TCP port, read from /proc (Linux; other systems return undefined). Only
 * processes this user may inspect are found.
 */
export async function findPortOwner(port: number, proc = '/proc'): Promise<PortOwner | undefined> {
  const inodes = new Set<string>();
  for (const table of ['net/tcp', 'net/tcp6']) {
    const text = await fs.readFile(`${proc}/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10 || columns[3] !== '0A') continue;
      const localPort = parseInt(columns[1].split(':')[1] ?? '', 16);
      if (localPort === port) inodes.add(columns[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  const pids = (await fs.readdir(proc).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fds = await fs.readdir(`${proc}/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await fs.readlink(`${proc}/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const cmdline = (await fs.readFile(`${proc}/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean).join(' ');
        const comm = (await fs.readFile(`${proc}/${pid}/comm`, 'utf8').catch(() => '')).trim();
        return { pid: Number(pid), command: cmdline || comm || 'unknown' };
      }
    }
  }
  return undefined;
}

/** True when nothing listens on host:port (we can bind it). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Whether a CLIProxy answers on `baseUrl` (its /health says ok with a version), for "already running" instead of "another program". */
export async function probeCliproxy(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<{ url: string; version: string } | undefined> {
  try {
    const response = await fetchImpl(`${baseUrl}/health`, { signal: AbortSignal.timeout(1500) });
    const body = (await response.json()) as { status?: unknown; version?: unknown };
    return body.status === 'ok' && typeof body.version === 'string' ? { url: baseUrl, version: body.version } : undefined;
  } catch {
    return undefined;
  }
}
