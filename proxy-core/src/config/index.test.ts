import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyConfigChanges,
  defaultConfigDir,
  ensureConfigFile,
  loadConfigFile,
  resolveConfigPath,
  validateConfigText,
  watchConfigFile,
  writeFileAtomic,
  type ConfigWatcher,
} from './index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('config: first start, a UI edit, then a hand edit', () => {
  let home: string | undefined;
  let watcher: ConfigWatcher | undefined;
  afterEach(() => {
    watcher?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('creates, loads, saves without reporting its own write, and reloads on an outside edit', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-home-'));
    const defaultDir = defaultConfigDir({ platform: 'linux', env: {}, home });
    const { path: file, source } = resolveConfigPath({ env: {}, cwd: home, defaultDir, exists: fs.existsSync });
    expect(source).toBe('default');

    const created = await ensureConfigFile(file, { fs: fs.promises });
    expect(created.created).toBe(true);
    const loaded = await loadConfigFile(file, { readFile: fs.promises.readFile, home });
    expect(loaded.config.authDir).toBe(path.join(home, '.cli-proxy-api'));
    if (created.created) expect(loaded.config.apiKeys).toEqual([created.clientKey]);

    const reloads: string[] = [];
    /** What the watcher finished reading, so "not reported" is checked after it looked at the file. */
    const reads: string[] = [];
    const readFile = async (filePath: string, encoding: 'utf8') => {
      const text = await fs.promises.readFile(filePath, encoding);
      reads.push(text);
      return text;
    };
    watcher = watchConfigFile(file, (text) => reloads.push(text), {
      fs: { watch: fs.watch, readFile },
      initialText: loaded.text,
      debounceMs: 50,
    });

    // A change made in the UI: edit, validate, mark as our own, save.
    const edited = applyConfigChanges(loaded.text, [{ path: ['routing', 'strategy'], value: 'fill-first' }]);
    const validation = validateConfigText(edited, file, { home });
    expect(validation.ok && validation.loaded.config.routingStrategy).toBe('fill-first');
    watcher.markWritten(edited);
    expect(await writeFileAtomic(file, edited, { fs: fs.promises })).toEqual({ persisted: true });
    expect(fs.readFileSync(file, 'utf8')).toContain('# How requests spread over several accounts');
    const readDeadline = Date.now() + 3000;
    while (!reads.includes(edited) && Date.now() < readDeadline) await sleep(20);
    expect(reads).toContain(edited);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reloads).toEqual([]);

    // The user edits the file by hand.
    const handEdited = fs.readFileSync(file, 'utf8').replace('port: 8317', 'port: 9000');
    fs.writeFileSync(file, handEdited);
    const deadline = Date.now() + 3000;
    while (reloads.length === 0 && Date.now() < deadline) await sleep(20);
    expect(reloads).toEqual([handEdited]);
  });
});
