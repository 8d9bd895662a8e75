import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const rendererOutDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));
/** The proxy the dev server (`npx vite`) forwards API calls to. */
const devProxyTarget = 'http://127.0.0.1:8317';

// One config for the renderer build (`renderer/build.mjs` → `buildRenderer()`) and for Vitest. The renderer's
// root only applies outside test mode so Vitest keeps resolving `test.include` from the repository root.
export default defineConfig(({ mode }) => ({
  ...(mode === 'test'
    ? {}
    : {
        root: rendererRoot,
        base: '/ui/',
        plugins: [react()],
        build: {
          outDir: rendererOutDir,
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: false,
          // No inline scripts or styles: the dashboard is served with a strict CSP (script-src/style-src 'self').
          modulePreload: { polyfill: false },
          assetsInlineLimit: 0,
          // One chunk served from this computer (or the LAN); React, i18next and both languages' catalogues
          // make it ~550 kB minified (~170 kB gzip), so warn only well above that.
          chunkSizeWarningLimit: 800,
        },
        server: {
          proxy: Object.fromEntries(['/v0', '/v1', '/health'].map((prefix) => [prefix, { target: devProxyTarget, changeOrigin: false }])),
        },
      }),
  test: {
    include: ['proxy-core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Snapshots (the golden matrix) are never written by `npm test`, CI or not: a missing or changed golden file
    // fails the run. `npm run test:update-golden` (vitest --update) writes them for review.
    update: 'none',
    reporters: ['default'],
  },
}));
