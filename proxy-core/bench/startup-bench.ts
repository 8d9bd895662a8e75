/**
 * `npm run bench:startup`: how long `cliproxyctl serve` takes until `/health` answers 200, first start (a
 * fresh home: the config file, client key and usage database are created) and warm (the same home again),
 * each in a new process, as users start it. Target (issue 15): warm < 1 s.
 * `BENCH_STARTUP_RUNS` (default 3) rounds of one cold and two warm starts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WARM_TARGET_MS = 1000;
const cli = fileURLToPath(new URL('../cli/cliproxyctl.js', import.meta.url));
const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
  });
}

async function startOnce(home: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') };
  delete env.CLIPROXY_CONFIG;
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { env, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  try {
    // Poll until it answers (no fixed sleep: one check per event-loop turn).
    while ((await healthStatus(port)) !== 200) {
      if (child.exitCode !== null) throw new Error(`cliproxyctl serve exited with ${child.exitCode}: ${stderr}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const cold: number[] = [];
const warm: number[] = [];
for (let run = 0; run < runs; run++) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-startup-'));
  try {
    cold.push(await startOnce(home));
    warm.push(await startOnce(home), await startOnce(home));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const warmMedian = median(warm);
process.stdout.write(
  [
    `cliproxyctl serve until /health answers (${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores), ms`,
    '',
    '| start | runs | median | fastest | slowest | target | result |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| first start (fresh home) | ${cold.length} | ${median(cold).toFixed(0)} | ${Math.min(...cold).toFixed(0)} | ${Math.max(...cold).toFixed(0)} | | |`,
    `| warm (same home) | ${warm.length} | ${warmMedian.toFixed(0)} | ${Math.min(...warm).toFixed(0)} | ${Math.max(...warm).toFixed(0)} | < ${WARM_TARGET_MS} | ${warmMedian < WARM_TARGET_MS ? 'PASS' : 'MISS'} |`,
    '',
  ].join('\n'),
);
