// Builds what `npm start`, `cliproxyctl` and `npm run bench` run: esbuild bundles of the TypeScript
// sources (dependencies stay external). Fast enough (well under a second) to run before every start.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBundles } from './electron-bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = {
  'cli/cliproxyctl': 'proxy-core/src/cli/cliproxyctl.ts',
  'proxy-core/index': 'proxy-core/src/index.ts',
  'testing/index': 'proxy-core/src/testing/index.ts',
  'bench/run-bench': 'proxy-core/bench/run-bench.ts',
  'bench/bench-upstream': 'proxy-core/bench/bench-upstream.ts',
  'bench/bench-proxy': 'proxy-core/bench/bench-proxy.ts',
  'bench/bench-floor-proxy': 'proxy-core/bench/bench-floor-proxy.ts',
  'bench/translate-bench': 'proxy-core/bench/translate-bench.ts',
  'bench/startup-bench': 'proxy-core/bench/startup-bench.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, source]) => existsSync(`${root}/${source}`)));

/** Newest modification time under a folder (files only). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

// The dashboard (Vite, a few seconds): rebuilt only when renderer/ or the Vite config changed since the last build.
const rendererIndex = `${root}/dist/renderer/index.html`;
const rendererStale =
  !existsSync(rendererIndex) || Math.max(newest(`${root}/renderer`), statSync(`${root}/vite.config.ts`).mtimeMs) > statSync(rendererIndex).mtimeMs;
if (rendererStale && existsSync(`${root}/renderer/build.mjs`)) {
  const { buildRenderer } = await import('../renderer/build.mjs');
  await buildRenderer();
}

await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The desktop shell (electron/): main process (ESM) and sandboxed preload (CommonJS); see electron-bundles.mjs.
if (existsSync(`${root}/electron/src/main.ts`)) {
  await Promise.all(electronBundles(root, 'dist').map((options) => build(options)));
  // Icons the main process loads at run time (build/ itself is not packaged).
  if (existsSync(`${root}/build/tray`)) cpSync(`${root}/build/tray`, `${root}/dist/electron/tray`, { recursive: true });
  if (existsSync(`${root}/build/icon.png`)) cpSync(`${root}/build/icon.png`, `${root}/dist/electron/icon.png`);
}
