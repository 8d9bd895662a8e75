/**
 * Hot reload: tells the caller when config.yaml's text changed. Mirrors CLIProxyAPI (reference/inventory-server.md
 * §3.5): 150 ms debounce, unchanged content (same sha256) skipped, an empty file ignored because editors
 * truncate before writing. The folder is watched, not the file, because editors save by writing a temp file
 * and renaming it over the old one, which ends a watch on the old file.
 */
import type * as nodeFs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../shared/index.js';

export interface WatchLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  debug?(message: string, details?: Record<string, unknown>): void;
}

export interface WatchFileSystem {
  /** Production: `fs.watch` from `node:fs`. */
  watch: typeof nodeFs.watch;
  /** Production: `fs.promises.readFile`. */
  readFile: (path: string, encoding: 'utf8') => Promise<string>;
}

export interface WatchConfigFileOptions {
  fs: WatchFileSystem;
  logger?: WatchLogger;
  debounceMs?: number;
  /** The text the caller already loaded; without it the file is read once at start to learn it. */
  initialText?: string;
}

export interface ConfigWatcher {
  close(): void;
  /**
   * Records text this process is about to write, so the watcher does not report it as an outside change.
   * Call it before `writeFileAtomic`.
   */
  markWritten(text: string): void;
}

export function watchConfigFile(filePath: string, onChange: (text: string) => void, options: WatchConfigFileOptions): ConfigWatcher {
  const { fs, logger } = options;
  const debounceMs = options.debounceMs ?? 150;
  const directory = path.dirname(path.resolve(filePath));
  const fileName = path.basename(filePath);
  let lastHash: string | undefined = options.initialText === undefined ? undefined : sha256Hex(options.initialText);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  let pending = false;

  const read = async (): Promise<string | undefined> => {
    try {
      return await fs.readFile(filePath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Mid-replace the file can be briefly missing; the rename that follows triggers another check.
      if (code !== 'ENOENT') logger?.warn('config watcher: cannot read the config file', { path: filePath, error: (error as Error).message });
      return undefined;
    }
  };

  if (lastHash === undefined) {
    reading = read().then((text) => {
      if (text !== undefined && lastHash === undefined) lastHash = sha256Hex(text);
    });
  }

  const check = async (): Promise<void> => {
    const text = await read();
    if (closed || text === undefined || text.trim() === '') return;
    const hash = sha256Hex(text);
    if (hash === lastHash) return;
    lastHash = hash;
    try {
      onChange(text);
    } catch (error) {
      logger?.warn('config watcher: the change handler failed', { error: (error as Error).message });
    }
  };

  // Checks never overlap: a change that arrives during a check runs one more check afterwards.
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    reading = reading.then(async () => {
      pending = false;
      if (!closed) await check();
    });
  };

  const onEvent = (_event: string, changed: string | Buffer | null): void => {
    if (closed) return;
    // Some platforms do not report the name; then any event in the folder may be ours.
    if (changed !== null && changed.toString() !== fileName) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      schedule();
    }, debounceMs);
  };

  let watcher: nodeFs.FSWatcher | undefined;
  try {
    watcher = fs.watch(directory, { persistent: false }, onEvent);
    watcher.on('error', (error) => logger?.warn('config watcher stopped', { path: directory, error: error.message }));
  } catch (error) {
    logger?.warn('config watcher could not start; edits to the file need a restart', { path: directory, error: (error as Error).message });
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
    markWritten(text: string) {
      lastHash = sha256Hex(text);
    },
  };
}
