import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchConfigFile, type ConfigWatcher } from './watch.js';

const nodeFileSystem = { watch: fs.watch, readFile: fs.promises.readFile };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, then a little longer so that extra (wrong) callbacks would show up. */
async function settle(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(20);
  await sleep(300);
}

/** Long enough for a (wrong) callback to arrive after the 50–150 ms debounce. */
const quiet = () => sleep(400);

describe('watchConfigFile', () => {
  let directory: string;
  let file: string;
  let watcher: ConfigWatcher | undefined;
  let changes: string[];

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-watch-'));
    file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 1\n');
    changes = [];
  });
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const start = (options: { initialText?: string; debounceMs?: number } = {}) => {
    watcher = watchConfigFile(file, (text) => changes.push(text), { fs: nodeFileSystem, debounceMs: 50, ...options });
  };

  it('reports an edit once with the new text, and not an identical rewrite', async () => {
    start({ initialText: 'port: 1\n', debounceMs: 150 });
    fs.writeFileSync(file, 'port: 2\n');
    fs.appendFileSync(file, 'debug: true\n');
    await settle(() => changes.length > 0);
    expect(changes).toEqual(['port: 2\ndebug: true\n']);

    fs.writeFileSync(file, 'port: 2\ndebug: true\n');
    await quiet();
    expect(changes).toHaveLength(1);
  });

  it('reports a save done by renaming a temp file over the config (how editors save)', async () => {
    start({ initialText: 'port: 1\n' });
    const temporary = path.join(directory, '.config.yaml.swp');
    fs.writeFileSync(temporary, 'port: 3\n');
    fs.renameSync(temporary, file);
    await settle(() => changes.length > 0);
    expect(changes).toEqual(['port: 3\n']);
  });

  it('learns the current text at start when not given, so an unchanged file is not reported', async () => {
    start();
    await sleep(100);
    fs.writeFileSync(file, 'port: 1\n');
    await quiet();
    expect(changes).toEqual([]);
    fs.writeFileSync(file, 'port: 4\n');
    await settle(() => changes.length > 0);
    expect(changes).toEqual(['port: 4\n']);
  });

  it('does not report text the process wrote itself (markWritten)', async () => {
    start({ initialText: 'port: 1\n' });
    watcher?.markWritten('port: 5\n');
    fs.writeFileSync(file, 'port: 5\n');
    await quiet();
    expect(changes).toEqual([]);
  });

  it('ignores an empty file (an editor truncating before it writes)', async () => {
    start({ initialText: 'port: 1\n' });
    fs.writeFileSync(file, '');
    await quiet();
    expect(changes).toEqual([]);
    fs.writeFileSync(file, 'port: 6\n');
    await settle(() => changes.length > 0);
    expect(changes).toEqual(['port: 6\n']);
  });

  it('ignores other files in the folder and stops after close()', async () => {
    start({ initialText: 'port: 1\n' });
    fs.writeFileSync(path.join(directory, 'other.yaml'), 'x: 1\n');
    await quiet();
    expect(changes).toEqual([]);
    watcher?.close();
    fs.writeFileSync(file, 'port: 7\n');
    await quiet();
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
      { fs: nodeFileSystem, debounceMs: 50, initialText: 'port: 1\n', logger: { warn: (message) => warnings.push(message) } },
    );
    fs.writeFileSync(file, 'port: 8\n');
    await settle(() => changes.length > 0);
    fs.writeFileSync(file, 'port: 9\n');
    await settle(() => changes.length > 1);
    expect(changes).toEqual(['port: 8\n', 'port: 9\n']);
    expect(warnings).toEqual(['config watcher: the change handler failed', 'config watcher: the change handler failed']);
  });
});
