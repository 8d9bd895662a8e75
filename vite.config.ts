import { defineConfig } from 'vitest/config';

// One config for the renderer build (added with the desktop app) and for Vitest.
export default defineConfig({
  test: {
    include: ['proxy-core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
