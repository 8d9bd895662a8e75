import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { clientShapedRows } from './client-shaped.js';
import { runSoak, soakLines, type SoakOptions } from './soak.js';
import { percentile, summarize, type Summary } from './statistics.js';

/**
 * `npm run bench`: the proxy against direct calls to the same loopback upstream, in one run, interleaved
 * (direct, proxy, direct, proxy…) so machine noise hits both sides alike; then a bounded load burst and soak
 * against a fresh proxy process (RSS and open fds before and after). Prints tables.
 * `BENCH_PARTS=compare`, `clients` (real clients' request shapes) or `soak` runs those parts; `BENCH_SOAK_SECONDS` (default 60),
 * `BENCH_SOAK_MAX_REQUESTS` (default 200000) bound the soak.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const CLIENT_KEY = 'bench-client-key';

function child(file: string, env: Record<string, string>, execArgv: string[] = []): Promise<{ process: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const processHandle = fork(`${here}${file}`, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    processHandle.once('message', (message) => resolve({ process: processHandle, port: (message as { port: number }).port }));
    processHandle.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

interface Timing {
  total: number;
  firstByte: number;
}

function request(port: number, path: string, body: string, headers: Record<string, string>): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let firstByte = 0;
    const outgoing = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (response) => {
        response.on('data', () => {
          if (firstByte === 0) firstByte = Number(process.hrtime.bigint() - start) / 1e6;
        });
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode} from ${path}`));
          else resolve({ total: Number(process.hrtime.bigint() - start) / 1e6, firstByte });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Milliseconds for one whole GET (the body read to the end). */
function timedGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const outgoing = http.get({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`HTTP ${response.statusCode} from ${path}`))));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
  });
}

/** The dashboard's troubleshooting page lists every check with a cheap status; it must answer within 5 s. */
const DIAGNOSTICS_BUDGET_MS = 5000;

interface Target {
  name: string;
  port: number;
  path: string;
  headers: Record<string, string>;
}

async function sequential(target: Target, body: string, count: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let index = 0; index < count; index++) timings.push(await request(target.port, target.path, body, target.headers));
  return timings;
}

async function concurrent(target: Target, body: string, total: number, concurrency: number): Promise<{ wallMs: number; perSecond: number }> {
  const start = performance.now();
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await request(target.port, target.path, body, target.headers);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  return { wallMs, perSecond: (total / wallMs) * 1000 };
}

/** Runs `rounds` alternating batches of both targets and pools the samples. */
async function interleaved(direct: Target, proxied: Target, body: string, perRound: number, rounds: number, pick: (timing: Timing) => number) {
  const samples = { direct: [] as number[], proxy: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const timing of await sequential(direct, body, perRound)) samples.direct.push(pick(timing));
    for (const timing of await sequential(proxied, body, perRound)) samples.proxy.push(pick(timing));
  }
  return { direct: summarize(samples.direct), proxy: summarize(samples.proxy) };
}

/** Two bodies against one target, alternating batches; pooled totals. */
async function interleavedBodies(target: Target, first: string, second: string, perRound: number, rounds: number) {
  const samples = { first: [] as number[], second: [] as number[] };
  await sequential(target, first, 50);
  await sequential(target, second, 50);
  for (let round = 0; round < rounds; round++) {
    for (const timing of await sequential(target, first, perRound)) samples.first.push(timing.total);
    for (const timing of await sequential(target, second, perRound)) samples.second.push(timing.total);
  }
  return { first: summarize(samples.first), second: summarize(samples.second) };
}

function row(label: string, direct: Summary, proxy: Summary): string {
  const added = (key: 'p50' | 'p99') => (proxy[key] - direct[key]).toFixed(3);
  return `| ${label} | ${direct.p50.toFixed(3)} | ${proxy.p50.toFixed(3)} | ${added('p50')} | ${direct.p99.toFixed(3)} | ${proxy.p99.toFixed(3)} | ${added('p99')} |`;
}

const upstream = await child('bench-upstream.js', { BENCH_CHUNKS: '20' });
// BENCH_PROFILE=<dir> writes a V8 CPU profile of the proxy process there (open it in Chrome DevTools).
const profileDir = process.env.BENCH_PROFILE;
const proxy = await child('bench-proxy.js', { BENCH_UPSTREAM_URL: `http://127.0.0.1:${upstream.port}` }, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
const floor = await child('bench-floor-proxy.js', { BENCH_UPSTREAM_URL: `http://127.0.0.1:${upstream.port}` });
const chatBody = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 64 });
const streamBody = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 64, stream: true });
const direct: Target = { name: 'direct', port: upstream.port, path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-bench-upstream' } };
const proxied: Target = { name: 'proxy', port: proxy.port, path: '/v1/chat/completions', headers: { authorization: `Bearer ${CLIENT_KEY}` } };
const floorTarget: Target = { name: 'floor', port: floor.port, path: '/v1/chat/completions', headers: {} };

const parts = new Set((process.env.BENCH_PARTS ?? 'compare,clients,soak').split(',').map((part) => part.trim()));

async function compare(): Promise<void> {
  await sequential(direct, chatBody, 300);
  await sequential(proxied, chatBody, 300);
  await sequential(proxied, streamBody, 100);
  const nonStream = await interleaved(direct, proxied, chatBody, 250, 8, (timing) => timing.total);
  await sequential(floorTarget, chatBody, 300);
  const floorStream = await interleaved(direct, floorTarget, chatBody, 250, 4, (timing) => timing.total);
  const firstByte = await interleaved(direct, proxied, streamBody, 100, 5, (timing) => timing.firstByte);
  const streamTotal = await interleaved(direct, proxied, streamBody, 100, 5, (timing) => timing.total);
  const loads = { direct: [] as Array<{ wallMs: number; perSecond: number }>, proxy: [] as Array<{ wallMs: number; perSecond: number }>, floor: [] as Array<{ wallMs: number; perSecond: number }> };
  for (let round = 0; round < 3; round++) {
    loads.direct.push(await concurrent(direct, streamBody, 1000, 50));
    loads.proxy.push(await concurrent(proxied, streamBody, 1000, 50));
    loads.floor.push(await concurrent(floorTarget, streamBody, 1000, 50));
  }
  // Translation: a Claude Code-shaped request (system, tools) answered by a Claude upstream as is, and by a
  // Gemini upstream through the IR (decode Claude → encode Gemini, decode Gemini stream → encode Claude).
  const claudeHeaders = { 'x-api-key': CLIENT_KEY, 'anthropic-version': '2023-06-01' };
  const claudeBody = (model: string, stream: boolean) =>
    JSON.stringify({
      model,
      max_tokens: 1024,
      stream,
      system: [{ type: 'text', text: 'You are a helpful coding assistant. Answer briefly.', cache_control: { type: 'ephemeral' } }],
      tools: Array.from({ length: 12 }, (_, index) => ({
        name: `tool_${index}`,
        description: `Tool number ${index} for the benchmark`,
        input_schema: { type: 'object', properties: { path: { type: 'string', description: 'a path' }, recursive: { type: 'boolean' }, depth: { type: 'integer', minimum: 0 } }, required: ['path'], additionalProperties: false },
      })),
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
  const claudeTarget: Target = { name: 'proxy', port: proxy.port, path: '/v1/messages', headers: claudeHeaders };
  const translatedRequest = await interleavedBodies(claudeTarget, claudeBody('claude-bench', false), claudeBody('gemini-bench', false), 250, 4);
  const translatedStream = await interleavedBodies(claudeTarget, claudeBody('claude-bench', true), claudeBody('gemini-bench', true), 100, 4);

  const diagnostics: number[] = [];
  for (let index = 0; index < 5; index++) diagnostics.push(await timedGet(proxy.port, '/v0/management/diagnostics', { authorization: 'Bearer bench-management-key' }));
  const slowestDiagnostics = Math.max(...diagnostics);

  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const directWall = median(loads.direct.map((load) => load.wallMs));
  const proxyWall = median(loads.proxy.map((load) => load.wallMs));

  const lines = [
    `Proxy vs direct on 127.0.0.1 (${new Date().toISOString()}, node ${process.version}, ${(await import('node:os')).cpus().length} cores)`,
    '',
    '| measurement (ms) | direct p50 | proxy p50 | added p50 | direct p99 | proxy p99 | added p99 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('non-stream chat, passthrough (2000 sequential)', nonStream.direct, nonStream.proxy),
    row('same through a do-nothing Node proxy (the floor, 1000)', floorStream.direct, floorStream.proxy),
    row('stream time to first byte, passthrough (500 sequential)', firstByte.direct, firstByte.proxy),
    row('stream total (20 chunks), passthrough (500 sequential)', streamTotal.direct, streamTotal.proxy),
    '',
    '| 50 concurrent 20-chunk streams, 1000 streams, median of 3 | wall ms | streams/s |',
    '| --- | --- | --- |',
    `| direct | ${directWall.toFixed(0)} | ${median(loads.direct.map((load) => load.perSecond)).toFixed(0)} |`,
    `| proxy | ${proxyWall.toFixed(0)} | ${median(loads.proxy.map((load) => load.perSecond)).toFixed(0)} |`,
    `| do-nothing Node proxy (floor) | ${median(loads.floor.map((load) => load.wallMs)).toFixed(0)} | ${median(loads.floor.map((load) => load.perSecond)).toFixed(0)} |`,
    `| proxy / direct | ${(proxyWall / directWall).toFixed(2)}× | |`,
    `| floor / direct | ${(median(loads.floor.map((load) => load.wallMs)) / directWall).toFixed(2)}× | |`,
    '',
    '| Claude client, 12 tools (ms) | passthrough to Claude p50 | translated to Gemini p50 | translation cost p50 | per chunk |',
    '| --- | --- | --- | --- | --- |',
    `| non-stream request | ${translatedRequest.first.p50.toFixed(3)} | ${translatedRequest.second.p50.toFixed(3)} | ${(translatedRequest.second.p50 - translatedRequest.first.p50).toFixed(3)} | |`,
    `| stream, 20 chunks | ${translatedStream.first.p50.toFixed(3)} | ${translatedStream.second.p50.toFixed(3)} | ${(translatedStream.second.p50 - translatedStream.first.p50).toFixed(3)} | ${((translatedStream.second.p50 - translatedStream.first.p50) / 20).toFixed(4)} |`,
    '',
    '| management | median ms | slowest of 5 ms | budget ms |',
    '| --- | --- | --- | --- |',
    `| GET /v0/management/diagnostics (every check's cheap status) | ${median(diagnostics).toFixed(1)} | ${slowestDiagnostics.toFixed(1)} | ${DIAGNOSTICS_BUDGET_MS} |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (slowestDiagnostics > DIAGNOSTICS_BUDGET_MS) {
    process.stderr.write(`The troubleshooting list took ${slowestDiagnostics.toFixed(0)} ms, over its ${DIAGNOSTICS_BUDGET_MS} ms budget.\n`);
    process.exitCode = 1;
  }
}

/** Real clients' request shapes through every upstream dialect (issue 15's budgets). */
async function clients(): Promise<void> {
  const lines = await clientShapedRows({
    proxyPort: proxy.port,
    upstreamPort: upstream.port,
    floorPort: floor.port,
    clientKey: CLIENT_KEY,
    timeSequential: async (port, path, body, headers, count) => (await sequential({ name: 'client-shaped', port, path, headers }, body, count)).map((timing) => timing.total),
  });
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

/** A fresh proxy process, so "before" is a proxy that has served nothing. */
async function soak(): Promise<void> {
  const fresh = await child('bench-proxy.js', { BENCH_UPSTREAM_URL: `http://127.0.0.1:${upstream.port}` });
  try {
    const options: SoakOptions = {
      port: fresh.port,
      pid: fresh.process.pid ?? 0,
      headers: { authorization: `Bearer ${CLIENT_KEY}` },
      bodies: { nonStream: chatBody, stream: streamBody },
      burstTotal: 2000,
      burstConcurrency: 200,
      soakSeconds: Number(process.env.BENCH_SOAK_SECONDS ?? 60),
      soakMaxRequests: Number(process.env.BENCH_SOAK_MAX_REQUESTS ?? 200_000),
      soakConcurrency: 32,
    };
    const result = await runSoak(options);
    process.stdout.write(`${soakLines(result, options).join('\n')}\n`);
  } finally {
    fresh.process.disconnect();
  }
}

try {
  if (parts.has('compare')) await compare();
  if (parts.has('clients')) await clients();
  if (parts.has('soak')) await soak();
} finally {
  proxy.process.disconnect();
  floor.process.disconnect();
  upstream.process.kill();
  agent.destroy();
}
