// Builds the dashboard (renderer/) with Vite into dist/renderer, using the `vite.config.ts` at the repository
// root. `scripts/build.mjs` calls `buildRenderer()`; `node renderer/build.mjs` runs it directly.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ outDir?: string, logLevel?: 'info' | 'warn' | 'error' | 'silent' }} [options]
 *   `outDir` overrides dist/renderer (the end-to-end test builds into a temporary folder).
 * @returns {Promise<{ outDir: string }>}
 */
export async function buildRenderer(options = {}) {
  const { build } = await import('vite');
  const outDir = options.outDir ?? path.join(repositoryRoot, 'dist', 'renderer');
  // Vite picks React's development or production build from NODE_ENV. A caller may have it set to
  // something else (Vitest sets "test"), which would ship the development build: force it for the build.
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(repositoryRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: options.logLevel ?? 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousNodeEnv;
  }
  return { outDir };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  const { outDir } = await buildRenderer({ logLevel: 'info' });
  console.log(`renderer built into ${path.relative(process.cwd(), outDir) || outDir} in ${Date.now() - started} ms`);
}
