/**
 * Crash-safe file replacement: write a temp file beside the target, fsync it, rename it over the target,
 * fsync the folder. A read-only file, folder or disk is not an exception but a result the caller shows
 * ("applies until restart but was not saved"), because a change made through the UI still works in memory.
 */
import { randomBytes } from 'node:crypto';
import type * as fsPromises from 'node:fs/promises';
import path from 'node:path';

/** The parts of `node:fs/promises` used here; production passes the module itself. */
export type AtomicWriteFileSystem = Pick<typeof fsPromises, 'open' | 'rename' | 'stat' | 'unlink' | 'mkdir' | 'realpath'>;

export interface WriteFileAtomicOptions {
  fs: AtomicWriteFileSystem;
  /** Mode for a new file (default 0600). An existing file keeps its own mode. */
  mode?: number;
}

export type WriteResult = { persisted: true } | { persisted: false; reason: string; code: string };

/** Errors that mean "this cannot be saved here", as opposed to a bug. */
const NOT_SAVED_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

function notSaved(filePath: string, code: string, why?: string): WriteResult {
  const problem =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `there is no space left to save ${filePath} (${code})`
      : `${filePath} is read-only (${why ?? code})`;
  return { persisted: false, code, reason: `${problem}; the change applies until restart but was not saved` };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Best effort: makes the rename itself durable. Not possible on Windows, where opening a folder fails. */
async function syncDirectory(fs: AtomicWriteFileSystem, directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignored: the data is already in the renamed file
  }
}

/**
 * Replaces `filePath` with `text` atomically. A symlinked file is written through the link (the link stays).
 * Returns `{ persisted: false, reason }` when the file, its folder or the disk is read-only or full; other
 * failures throw.
 */
export async function writeFileAtomic(filePath: string, text: string, options: WriteFileAtomicOptions): Promise<WriteResult> {
  const { fs } = options;
  let target = filePath;
  let existingMode: number | undefined;
  try {
    target = await fs.realpath(filePath);
    existingMode = (await fs.stat(target)).mode & 0o777;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  // A file without the owner's write bit is read-only on purpose (chmod 444, or the read-only attribute on
  // Windows). Replacing it by rename would succeed because only the folder's permissions matter, so check.
  if (existingMode !== undefined && (existingMode & 0o200) === 0) {
    return notSaved(filePath, 'EACCES', `file mode ${existingMode.toString(8).padStart(4, '0')}`);
  }
  const mode = existingMode ?? options.mode ?? 0o600;
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    const handle = await fs.open(temporary, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(mode); // the umask may have removed bits the old file had
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temporary).catch(() => undefined);
    const code = errorCode(error);
    if (code && NOT_SAVED_CODES.has(code)) return notSaved(filePath, code);
    throw error;
  }
  await syncDirectory(fs, directory);
  return { persisted: true };
}
