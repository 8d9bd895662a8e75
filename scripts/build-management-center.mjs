#!/usr/bin/env node
// Builds the reference's Management Center web panel (router-for-me/Cli-Proxy-API-Management-Center) from its public
// source into a cache folder, for scripts/test-management-center.mjs. Not part of `npm test`: the build installs the
// panel's npm dependencies (a few hundred MB). The source is a git checkout given as $CLIPROXY_PANEL_SOURCE (a clone or
// a bare mirror) or cloned from GitHub; the output is $CLIPROXY_PANEL_DIR/management.html
// (default ~/.cache/cliproxy-desktop/management-center). `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cacheDir = process.env.CLIPROXY_PANEL_DIR ?? path.join(os.homedir(), '.cache', 'cliproxy-desktop', 'management-center');
const source = process.env.CLIPROXY_PANEL_SOURCE ?? 'https://github.com/router-for-me/Cli-Proxy-API-Management-Center.git';
const output = path.join(cacheDir, 'management.html');
const checkout = path.join(cacheDir, 'src');

function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}  (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} failed (exit ${result.status}); fix the error above and run this script again.`);
    process.exit(1);
  }
}

if (existsSync(output) && !process.argv.includes('--force')) {
  console.log(`already built: ${output} (pass --force to rebuild)`);
  process.exit(0);
}
mkdirSync(cacheDir, { recursive: true });
if (!existsSync(path.join(checkout, 'package.json'))) {
  rmSync(checkout, { recursive: true, force: true });
  run('git', ['clone', '--depth', '1', source.startsWith('/') ? `file://${source}` : source, checkout], cacheDir);
}
run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], checkout);
// `vite build` alone: the panel's own `tsc` step checks its sources, which is the panel's business, not ours.
run(path.join(checkout, 'node_modules', '.bin', 'vite'), ['build'], checkout);
copyFileSync(path.join(checkout, 'dist', 'index.html'), output);
console.log(`built ${output}`);
