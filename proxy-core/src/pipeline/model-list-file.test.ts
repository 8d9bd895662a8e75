import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createModelListFile } from './model-list-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-model-lists-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('model-lists.json', () => {
  it('saves privately and loads back what it saved', async () => {
    const file = path.join(dir, 'model-lists.json');
    const store = createModelListFile(file);
    await store.save({ version: 1, lists: { 'claude:1': { okAt: 5, models: [{ id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8' }] } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ version: 1, lists: { 'claude:1': { okAt: 5, models: [{ id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8' }] } } });
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('treats a missing, damaged or foreign file as no lists', async () => {
    const file = path.join(dir, 'model-lists.json');
    const store = createModelListFile(file);
    expect(await store.load()).toBeUndefined();
    writeFileSync(file, '{"version": 1, "lists": ');
    expect(await store.load()).toBeUndefined();
    writeFileSync(file, JSON.stringify({ version: 1, lists: { a: { okAt: 1, models: [{ id: '' }] } } }));
    expect(await store.load()).toBeUndefined();
  });
});
