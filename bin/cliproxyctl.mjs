#!/usr/bin/env node
// Runs the built CLI (npm install builds it in `prepare`; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/cliproxyctl.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('cliproxyctl is not built yet: run `npm install` (or `npm run build`) in the project folder.\n');
  process.exit(1);
}
await import(entry);
