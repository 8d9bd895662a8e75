// Builds what `npm start`, `cliproxyctl` and `npm run bench` run: esbuild bundles of the TypeScript
// sources (dependencies stay external). Fast enough (well under a second) to run before every start.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = {
  'cli/cliproxyctl': 'proxy-core/src/cli/cliproxyctl.ts',
  'proxy-core/index': 'proxy-core/src/index.ts',
  'bench/run-bench': 'proxy-core/bench/run-bench.ts',
  'bench/bench-upstream': 'proxy-core/bench/bench-upstream.ts',
  'bench/bench-proxy': 'proxy-core/bench/bench-proxy.ts',
  'bench/bench-floor-proxy': 'proxy-core/bench/bench-floor-proxy.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, source]) => existsSync(`${root}/${source}`)));

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
