import { watch, type FSWatcher } from 'node:fs';

export interface AuthDirWatcher {
  /** Watches `dir` (again, when it changed); false when it does not exist yet. */
  watch(dir: string): boolean;
  readonly dir: string | undefined;
  readonly watching: boolean;
  close(): void;
}

/** Calls `onChange` 200 ms after the last change of a `*.json` file in the folder (temp files are ignored). */
export function createAuthDirWatcher(onChange: () => void): AuthDirWatcher {
  let watcher: FSWatcher | undefined;
  let watchedDir: string | undefined;
  let debounce: NodeJS.Timeout | undefined;
  const stop = () => {
    watcher?.close();
    watcher = undefined;
    clearTimeout(debounce);
  };
  return {
    watch(dir) {
      if (watcher && watchedDir === dir) return true;
      stop();
      watchedDir = dir;
      try {
        watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name && (name.startsWith('.') || !name.endsWith('.json'))) return;
          clearTimeout(debounce);
          debounce = setTimeout(onChange, 200);
          debounce.unref();
        });
        watcher.on('error', () => undefined);
        return true;
      } catch {
        watcher = undefined;
        return false;
      }
    },
    get dir() {
      return watchedDir;
    },
    get watching() {
      return watcher !== undefined;
    },
    close: stop,
  };
}
