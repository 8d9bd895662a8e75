import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

const posix = process.platform !== 'win32';
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/**
 * Whether permission bits stop this process. Root ignores them (chmod 0500 on a folder does not stop root from
 * creating files in it), so under root the read-only-folder test injects the EACCES the kernel would return.
 */
function permissionsApply(directory: string): boolean {
  const probe = fs.mkdtempSync(path.join(directory, 'probe-'));
  fs.chmodSync(probe, 0o500);
  try {
    fs.writeFileSync(path.join(probe, 'x'), 'x');
    return false;
  } catch {
    return true;
  } finally {
    fs.chmodSync(probe, 0o700);
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

describe('writeFileAtomic', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-write-'));
  });
  afterEach(() => {
    fs.chmodSync(directory, 0o700);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('creates a new file with mode 0600 and leaves no temp file', async () => {
    const file = path.join(directory, 'config.yaml');
    expect(await writeFileAtomic(file, 'port: 1\n', { fs: fs.promises })).toEqual({ persisted: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 1\n');
    if (posix) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
  });

  it('replaces an existing file and keeps its mode', async () => {
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    fs.chmodSync(file, 0o640);
    expect(await writeFileAtomic(file, 'port: 2\n', { fs: fs.promises })).toEqual({ persisted: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 2\n');
    if (posix) expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it.skipIf(!posix)('writes through a symlink instead of replacing it', async () => {
    const real = path.join(directory, 'dotfiles', 'config.yaml');
    fs.mkdirSync(path.dirname(real));
    fs.writeFileSync(real, 'port: 1\n');
    const link = path.join(directory, 'config.yaml');
    fs.symlinkSync(real, link);
    expect(await writeFileAtomic(link, 'port: 2\n', { fs: fs.promises })).toEqual({ persisted: true });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('port: 2\n');
  });

  it('reports a read-only file (chmod 444) instead of replacing it', async () => {
    // Real for root too: the mode bits are checked, because rename() would replace the file anyway.
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    fs.chmodSync(file, 0o444);
    const result = await writeFileAtomic(file, 'port: 2\n', { fs: fs.promises });
    expect(result).toEqual({
      persisted: false,
      code: 'EACCES',
      reason: `${file} is read-only (file mode 0444); the change applies until restart but was not saved`,
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 1\n');
  });

  it.skipIf(!posix)('reports a read-only folder (chmod 500) without throwing', async () => {
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    const realPermissions = permissionsApply(directory);
    fs.chmodSync(directory, 0o500);
    const fileSystem = realPermissions
      ? fs.promises
      : { ...fs.promises, open: (...args: Parameters<typeof fs.promises.open>) => (args[1] === 'wx' ? Promise.reject(errno('EACCES')) : fs.promises.open(...args)) };
    const result = await writeFileAtomic(file, 'port: 2\n', { fs: fileSystem });
    expect(result).toEqual({
      persisted: false,
      code: 'EACCES',
      reason: `${file} is read-only (EACCES); the change applies until restart but was not saved`,
    });
    fs.chmodSync(directory, 0o700);
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 1\n');
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
  });

  it('reports a read-only file system (EROFS) and a full disk, and removes the temp file', async () => {
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    const failingRename = (code: string) => ({ ...fs.promises, rename: () => Promise.reject(errno(code)) });
    expect(await writeFileAtomic(file, 'port: 2\n', { fs: failingRename('EROFS') })).toMatchObject({
      persisted: false,
      reason: `${file} is read-only (EROFS); the change applies until restart but was not saved`,
    });
    expect(await writeFileAtomic(file, 'port: 2\n', { fs: failingRename('ENOSPC') })).toMatchObject({
      persisted: false,
      reason: `there is no space left to save ${file} (ENOSPC); the change applies until restart but was not saved`,
    });
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 1\n');
  });

  it('throws on failures that are not about permissions or space, e.g. the path is a folder', async () => {
    const target = path.join(directory, 'config.yaml');
    fs.mkdirSync(target);
    await expect(writeFileAtomic(target, 'port: 2\n', { fs: fs.promises })).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTDIR|EEXIST|EPERM/) });
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
  });
});
