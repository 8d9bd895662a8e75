// `npm start`: the desktop app where an Electron runtime and a display exist; otherwise the proxy
// headless (same config, same dashboard at /ui), announced in one line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chooseLaunch } from './launch-mode.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const desktopEntry = existsSync(`${root}/dist/electron/main.js`) ? `${root}/dist/electron/main.js` : undefined;
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
// Resolving `electron` downloads its runtime on first use; only try that when a window could be shown.
const mode = chooseLaunch({
  platform: process.platform,
  env: process.env,
  electronBinary: desktopEntry && hasDisplay ? electronBinary() : undefined,
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
