import * as nodeFs from 'node:fs';
import { join } from 'node:path';

export interface LogFileOptions {
  dir: string;
  /** `main.log` is rotated before it would grow past this. Default 10 MiB. */
  maxBytes?: number;
  /** How many rotated `main-<timestamp>.log` files to keep. Default 5. */
  maxFiles?: number;
  /**
   * Cap on `main.log` plus the rotated files (`logs-max-total-size-mb`); 0 or unset = no cap. Oldest rotated files go
   * first, early enough that `main.log` can fill up to `maxBytes` without passing the cap.
   */
  maxTotalBytes?: number;
}

export interface LogFile {
  readonly path: string;
  write(line: string): void;
  close(): void;
}

export type LogFileSystem = Pick<
  typeof nodeFs,
  'mkdirSync' | 'openSync' | 'closeSync' | 'fstatSync' | 'appendFileSync' | 'renameSync' | 'readdirSync' | 'statSync' | 'unlinkSync' | 'existsSync'
> &
  Partial<Pick<typeof nodeFs, 'chmodSync'>>;

const MAIN = 'main.log';
const ROTATED = /^main-.+\.log$/;

/** UTC and fixed width, so file names sort in the order they were written. */
function rotatedName(time: number): string {
  return `main-${new Date(time).toISOString().replace(/:/g, '-').replace('.', '-')}.log`;
}

/**
 * `<dir>/main.log`, appended synchronously (lines are short and this keeps ordering and crash-safety trivial).
 * Rotation renames it to `main-<UTC timestamp>.log` and deletes the oldest rotated files beyond the limits.
 */
export function openLogFile(options: LogFileOptions, deps: { clock: () => number; fs?: LogFileSystem }): LogFile {
  const fs = deps.fs ?? nodeFs;
  const maxTotalBytes = options.maxTotalBytes && options.maxTotalBytes > 0 ? options.maxTotalBytes : Infinity;
  const maxBytes = Math.max(1, Math.min(options.maxBytes ?? 10 * 1024 * 1024, maxTotalBytes));
  const maxFiles = Math.max(0, options.maxFiles ?? 5);
  // Rotated files may use what `main.log` cannot grow into, so the folder never holds more than maxTotalBytes.
  const rotatedBudget = maxTotalBytes - maxBytes;
  const path = join(options.dir, MAIN);

  // Owner-only: the folder 0700 and the log 0600, also when an older version created them more open.
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  let fd: number | null = fs.openSync(path, 'a', 0o600);
  for (const [target, mode] of [[options.dir, 0o700], [path, 0o600]] as const) {
    try {
      fs.chmodSync?.(target, mode);
    } catch {
      // a file system without Unix modes
    }
  }
  let size = fs.fstatSync(fd).size;

  const prune = () => {
    const rotated = fs
      .readdirSync(options.dir)
      .filter((name) => ROTATED.test(name))
      .sort()
      .map((name) => ({ path: join(options.dir, name), size: fs.statSync(join(options.dir, name)).size }));
    let total = rotated.reduce((sum, file) => sum + file.size, 0);
    while (rotated.length > 0 && (rotated.length > maxFiles || total > rotatedBudget)) {
      const oldest = rotated.shift()!;
      fs.unlinkSync(oldest.path);
      total -= oldest.size;
    }
  };

  const rotate = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    let time = deps.clock();
    while (fs.existsSync(join(options.dir, rotatedName(time)))) time += 1;
    fs.renameSync(path, join(options.dir, rotatedName(time)));
    fd = fs.openSync(path, 'a', 0o600);
    size = 0;
    prune();
  };

  prune();

  return {
    path,
    write(line) {
      if (fd === null) return;
      const data = `${line}\n`;
      const bytes = Buffer.byteLength(data);
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(fd!, data);
      size += bytes;
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
