import { randomBytes } from 'node:crypto';
import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import { ProxyError } from '../shared/errors.js';

type Fs = Pick<typeof fsPromises, 'mkdir' | 'stat' | 'writeFile' | 'rename' | 'unlink'>;

/** The exact command that makes the auth-dir private. */
export function chmodFix(dir: string): string {
  return `chmod 700 ${JSON.stringify(dir)}`;
}

/** Why the auth-dir is unsafe (other users can read or list it), or undefined. Windows has no modes to check. */
export async function authDirProblem(dir: string, platform: NodeJS.Platform = process.platform, fs: Fs = fsPromises): Promise<string | undefined> {
  if (platform === 'win32') return undefined;
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat) return undefined;
  if (!stat.isDirectory()) return `${dir} is not a folder.`;
  if ((stat.mode & 0o077) === 0) return undefined;
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  return `The credential folder ${dir} has mode ${mode}, so other users of this machine can read or list your tokens. Run: ${chmodFix(dir)}`;
}

/**
 * Makes sure the auth-dir exists with mode 0700 before a credential is written. A folder that already exists
 * with a looser mode is refused with the exact fix (it is the user's folder: we do not change it silently).
 */
export async function ensureAuthDir(dir: string, platform: NodeJS.Platform = process.platform, fs: Fs = fsPromises): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) return;
  const problem = await authDirProblem(dir, platform, fs);
  if (problem) throw new ProxyError(problem, { status: 409, code: 'forbidden', details: { reason: 'auth_dir_mode', fix: chmodFix(dir) } });
}

/** Writes JSON to a temp file in the same folder (mode 0600) and renames it over the target. */
export async function writeJsonFileAtomic(file: string, data: unknown, fs: Fs = fsPromises): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** A CLIProxyAPI-style file name part: lower-case-safe characters only, never a path separator. */
export function fileNamePart(value: string): string {
  return value.trim().replace(/[^A-Za-z0-9@._+-]+/g, '-').replace(/^[.-]+/, '') || 'account';
}
