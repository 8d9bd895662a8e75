import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchConfigFile, type ConfigWatcher, type WatchFileSystem } from './watch.js';

// The debounce runs on Vitest's fake timers: a test fires it when the file event has arrived, so "nothing was
// reported" is checked after the watcher's read of the file has finished, never after a fixed wait.
const DEBOUNCE_MS = 50;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Polls (on real I/O turns, not timers) until `condition` holds. */
async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`watch test: ${what} did not happen within ${timeoutMs} ms`);
    await tick();
  }
}

describe('watchConfigFile', () => {
  let directory: string;
  let file: string;
  let watcher: ConfigWatcher | undefined;
  let changes: string[];

  /** File names the folder watch reported, and the texts the watcher finished reading, in order. */
  let events: string[];
  let reads: string[];
  /** The real file system, observed. */
  const observed: WatchFileSystem = {
    watch: ((directoryPath: string, options: fs.WatchOptions, listener: fs.WatchListener<string>) =>
      fs.watch(directoryPath, options, (event, name) => {
        events.push(String(name));
        listener(event, name);
      })) as WatchFileSystem['watch'],
    readFile: async (filePath, encoding) => {
      const text = await fs.promises.readFile(filePath, encoding);
      reads.push(text);
      return text;
    },
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-watch-'));
    file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    changes = [];
    events = [];
    reads = [];
  });
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    vi.useRealTimers();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const start = (options: { initialText?: string } = {}) => {
    watcher = watchConfigFile(file, (text) => changes.push(text), { fs: observed, debounceMs: DEBOUNCE_MS, ...options });
  };
  /** Waits for the folder event of `name`, lets the debounce pass, and waits until the watcher has read `expected`. */
  const checked = async (expected: string, name = 'config.yaml') => {
    const seen = reads.length;
    await until(() => events.includes(name), `the event for ${name}`);
    events = [];
    await until(() => {
      vi.advanceTimersByTime(DEBOUNCE_MS);
      return reads.slice(seen).includes(expected);
    }, `a read of ${JSON.stringify(expected)}`);
    await tick();
  };

  it('reports an edit once with the new text, and not an identical rewrite', async () => {
    start({ initialText: 'port: 1\n' });
    fs.writeFileSync(file, 'port: 2\n');
    fs.appendFileSync(file, 'debug: true\n');
    await checked('port: 2\ndebug: true\n');
    expect(changes).toEqual(['port: 2\ndebug: true\n']);

    fs.writeFileSync(file, 'port: 2\ndebug: true\n');
    const before = reads.length;
    await until(() => events.includes('config.yaml'), 'the event of the rewrite');
    await until(() => {
      vi.advanceTimersByTime(DEBOUNCE_MS);
      return reads.length > before;
    }, 'the read after the rewrite');
    await tick();
    expect(changes).toEqual(['port: 2\ndebug: true\n']);
  });

  it('reports a save done by renaming a temp file over the config (how editors save)', async () => {
    start({ initialText: 'port: 1\n' });
    const temporary = path.join(directory, '.config.yaml.swp');
    fs.writeFileSync(temporary, 'port: 3\n');
    fs.renameSync(temporary, file);
    await checked('port: 3\n');
    expect(changes).toEqual(['port: 3\n']);
  });

  it('learns the current text at start when not given, so an unchanged file is not reported', async () => {
    start();
    await until(() => reads.length === 1, 'the read at start');
    fs.writeFileSync(file, 'port: 1\n');
    await checked('port: 1\n');
    expect(changes).toEqual([]);
    fs.writeFileSync(file, 'port: 4\n');
    await checked('port: 4\n');
    expect(changes).toEqual(['port: 4\n']);
  });

  it('does not report text the process wrote itself (markWritten)', async () => {
    start({ initialText: 'port: 1\n' });
    watcher?.markWritten('port: 5\n');
    fs.writeFileSync(file, 'port: 5\n');
    await checked('port: 5\n');
    expect(changes).toEqual([]);
  });

  it('ignores an empty file (an editor truncating before it writes)', async () => {
    start({ initialText: 'port: 1\n' });
    fs.writeFileSync(file, '');
    await checked('');
    expect(changes).toEqual([]);
    fs.writeFileSync(file, 'port: 6\n');
    await checked('port: 6\n');
    expect(changes).toEqual(['port: 6\n']);
  });

  it('ignores other files in the folder and stops after close()', async () => {
    start({ initialText: 'port: 1\n' });
    fs.writeFileSync(path.join(directory, 'other.yaml'), 'x: 1\n');
    await until(() => events.includes('other.yaml'), 'the event for other.yaml');
    // No debounce was even started for it.
    expect(vi.getTimerCount()).toBe(0);
    watcher?.close();
    fs.writeFileSync(file, 'port: 7\n');
    expect(vi.getTimerCount()).toBe(0);
    expect(reads).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('keeps running when the change handler throws, and logs it', async () => {
    const warnings: string[] = [];
    watcher = watchConfigFile(
      file,
      (text) => {
        changes.push(text);
        throw new Error('reload failed');
      },
      { fs: observed, debounceMs: DEBOUNCE_MS, initialText: 'port: 1\n', logger: { warn: (message) => warnings.push(message) } },
    );
    fs.writeFileSync(file, 'port: 8\n');
    await checked('port: 8\n');
    fs.writeFileSync(file, 'port: 9\n');
    await checked('port: 9\n');
    expect(changes).toEqual(['port: 8\n', 'port: 9\n']);
    expect(warnings).toEqual(['config watcher: the change handler failed', 'config watcher: the change handler failed']);
  });
});
