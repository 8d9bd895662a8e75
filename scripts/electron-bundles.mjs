// esbuild options for the desktop shell (electron/), shared by scripts/build.mjs and the bundle smoke test.
// The main process is ESM like the rest; `electron` and package.json's runtime dependencies stay external
// (electron-builder ships those), while dev-only packages it uses (electron-store) are bundled in. The
// preload runs sandboxed, where only CommonJS and `require('electron')` work: one self-contained .cjs file.
import { readFileSync } from 'node:fs';

/** @param {string} root repository root; @param {string} outdir where `electron/main.js` and `electron/preload.cjs` go */
export function electronBundles(root, outdir) {
  const { dependencies = {} } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  const shared = { absWorkingDir: root, bundle: true, sourcemap: 'linked', logLevel: 'warning' };
  return [
    {
      ...shared,
      entryPoints: { 'electron/main': 'electron/src/main.ts' },
      outdir,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['electron', ...Object.keys(dependencies)],
    },
    {
      ...shared,
      entryPoints: ['electron/src/preload.ts'],
      outfile: `${outdir}/electron/preload.cjs`,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    },
  ];
}
