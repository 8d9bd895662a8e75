/**
 * Smoke test of the composition root as shipped: bundle electron/src/main.ts with the build's own esbuild
 * options, boot it in plain Node against a fake `electron` module (no Electron runtime exists here), and
 * check that the proxy comes up, the tray and window are built, and Ctrl-C closes everything cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { isPortFree } from '../src/core/proxy-core.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
// Inside the repository, so the bundle's external imports (zod, yaml, …) resolve from node_modules.
const outdir = path.join(root, 'test-artifacts', `electron-bundle-${process.pid}`);
const sandbox = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-desktop-boot-'));
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(sandbox, { recursive: true, force: true });
});

interface FakeEvent {
  fake: string;
  [field: string]: unknown;
}

describe('the bundled main process', () => {
  it('boots, starts the proxy, builds the tray and window, and quits cleanly on SIGINT', async () => {
    const modulePath = path.join(root, 'scripts', 'electron-bundles.mjs');
    const { electronBundles } = (await import(pathToFileURL(modulePath).href)) as { electronBundles(root: string, outdir: string): BuildOptions[] };
    await Promise.all(electronBundles(root, outdir).map((options) => build({ ...options, sourcemap: false })));

    const home = path.join(sandbox, 'home');
    const userData = path.join(sandbox, 'user-data');
    mkdirSync(home, { recursive: true });
    mkdirSync(userData, { recursive: true });
    const configPath = path.join(sandbox, 'config.yaml');
    writeFileSync(configPath, `host: 127.0.0.1\nport: 0\nauth-dir: "${path.join(sandbox, 'auth')}"\napi-keys: ["sk-boot"]\n`, { mode: 0o600 });

    const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(fixtures, 'register-fake-electron.mjs')).href, path.join(outdir, 'electron', 'main.js'), '--config', configPath], {
      cwd: sandbox,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share'), CLIPROXY_DATA_DIR: path.join(sandbox, 'data'), FAKE_ELECTRON_USER_DATA: userData },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: FakeEvent[] = [];
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      for (const line of chunk.split('\n')) if (line.startsWith('{"fake"')) events.push(JSON.parse(line) as FakeEvent);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!events.some((event) => event.fake === 'window-load')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the app did not open its window:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const url = new URL(String(events.find((event) => event.fake === 'window-load')!.url));
      expect(url.pathname).toBe('/ui/');
      expect((await fetch(`${url.origin}/health`)).status).toBe(200);
      expect(events.find((event) => event.fake === 'window-created')?.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: path.join(outdir, 'electron', 'preload.cjs'),
      });
      while (!events.some((event) => event.fake === 'tray-image' && String(event.path).endsWith('tray-running.png'))) {
        if (Date.now() > deadline) throw new Error(`the tray never turned green:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const menu = events.filter((event) => event.fake === 'tray-menu').at(-1)?.labels as string[];
      expect(menu).toEqual(expect.arrayContaining(['Stop proxy', `Copy base URL (${url.origin})`, 'Log in to', 'Accounts', 'Models', 'Quit CLIProxy Desktop']));
      expect(events.filter((event) => event.fake === 'ipc-handle').map((event) => event.channel)).toHaveLength(7);
      // electron-store (bundled into main.js) wrote the settings where Electron's userData is.
      expect(JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8'))).toMatchObject({ launchAtLogin: false, trayDisplay: { kind: 'state' } });

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(events.map((event) => event.fake)).toEqual(expect.arrayContaining(['tray-destroyed', 'quit']));
      expect(await isPortFree(Number(url.port), '127.0.0.1')).toBe(true);
      expect(existsSync(path.join(home, '.config', 'cliproxy-desktop', 'config.yaml'))).toBe(false); // --config was used
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
