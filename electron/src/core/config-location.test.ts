import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFlag, locateAndEnsureConfig } from './config-location.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-config-'));
  dirs.push(dir);
  return dir;
}

describe('locateAndEnsureConfig (as cliproxyctl serve does)', () => {
  it('first run: creates the default config.yaml (0600) with fresh keys and returns them once', async () => {
    const home = tempDir();
    const cwd = tempDir();
    const located = await locateAndEnsureConfig({ argv: [], env: {}, cwd, home, platform: 'linux' });
    expect(located.path).toBe(path.join(home, '.config', 'cliproxy-desktop', 'config.yaml'));
    expect(located.source).toBe('default');
    expect(located.created?.clientKey).toMatch(/^sk-cliproxy-/);
    const text = readFileSync(located.path, 'utf8');
    expect(text).toContain(located.created!.clientKey);
    expect(statSync(located.path).mode & 0o777).toBe(0o600);
    const again = await locateAndEnsureConfig({ argv: [], env: {}, cwd, home, platform: 'linux' });
    expect(again).toEqual({ path: located.path, source: 'default', created: null });
  });

  it('uses an existing ./config.yaml like the CLI, the app setting over that, and --config over both', async () => {
    const home = tempDir();
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'config.yaml'), 'port: 8317\n');
    expect(await locateAndEnsureConfig({ argv: [], env: {}, cwd, home, platform: 'linux' })).toMatchObject({ path: path.join(cwd, 'config.yaml'), source: 'cwd', created: null });
    const chosen = path.join(home, 'chosen.yaml');
    expect(await locateAndEnsureConfig({ argv: [], env: {}, cwd, home, platform: 'linux', chosenPath: chosen })).toMatchObject({ path: chosen, source: 'settings' });
    const flagged = path.join(home, 'flag.yaml');
    expect(await locateAndEnsureConfig({ argv: ['--config', flagged], env: {}, cwd, home, platform: 'linux', chosenPath: chosen })).toMatchObject({ path: flagged, source: 'flag' });
  });

  it('honours CLIPROXY_CONFIG', async () => {
    const home = tempDir();
    const target = path.join(home, 'from-env.yaml');
    expect(await locateAndEnsureConfig({ argv: [], env: { CLIPROXY_CONFIG: target }, cwd: tempDir(), home, platform: 'linux' })).toMatchObject({ path: target, source: 'env' });
  });

  it('reads --config in both spellings', () => {
    expect(configFlag(['--hidden', '--config', '/a.yaml'])).toBe('/a.yaml');
    expect(configFlag(['--config=/b.yaml'])).toBe('/b.yaml');
    expect(configFlag(['--hidden'])).toBeUndefined();
  });
});
