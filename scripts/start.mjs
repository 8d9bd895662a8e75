// `npm start`: the desktop app where an Electron runtime and a display exist; otherwise the proxy
// headless (same config, same dashboard at /ui), announced in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chooseLaunch, findElectronRuntime } from './launch-mode.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron runtime, downloading it on first use with the installer's output captured (one line on failure). */
function electronRuntime() {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { problem: 'The electron package is not installed (npm install)' };
  }
  return findElectronRuntime({
    electronDir,
    env: process.env,
    io: {
      exists: existsSync,
      readFile: (file) => readFileSync(file, 'utf8'),
      download: () => {
        process.stdout.write('Downloading the Electron runtime (first start)…\n');
        const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { status: result.status, output: `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}` };
      },
    },
  });
}

const desktopEntry = existsSync(`${root}/dist/electron/main.js`) ? `${root}/dist/electron/main.js` : undefined;
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
// Resolving `electron` downloads its runtime on first use; only try that when a window could be shown.
const runtime = desktopEntry && hasDisplay ? electronRuntime() : undefined;
const mode = chooseLaunch({
  platform: process.platform,
  env: process.env,
  electronBinary: runtime?.binary,
  electronProblem: runtime?.problem,
  desktopEntry,
});

const args = process.argv.slice(2);
const child =
  mode.kind === 'desktop'
    ? spawn(mode.binary, [mode.entry, ...args], { stdio: 'inherit' })
    : (process.stdout.write(`${mode.reason}: running the proxy headless (dashboard at /ui on the proxy's address).\n`),
      spawn(process.execPath, [`${root}/bin/cliproxyctl.mjs`, 'serve', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
