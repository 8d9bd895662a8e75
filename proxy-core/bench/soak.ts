import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { summarize, type Summary } from './statistics.js';

/**
 * Bounded load and soak against the proxy on loopback: a burst of many concurrent streams, then a steady mix of
 * non-stream and stream requests for a fixed time (or count, whichever ends first). Reports throughput, latency
 * percentiles, errors, and the proxy process's RSS and open file descriptors before and after — a leak of
 * sockets, timers or memory shows as figures that do not come back down.
 */
export interface SoakOptions {
  port: number;
  /** The proxy's process id (RSS and fds are read from /proc/<pid>; Linux only). */
  pid: number;
  headers: Record<string, string>;
  bodies: { nonStream: string; stream: string };
  /** Load burst: this many streams, `burstConcurrency` at a time. */
  burstTotal: number;
  burstConcurrency: number;
  /** Soak: this long, at most this many requests, `soakConcurrency` at a time. */
  soakSeconds: number;
  soakMaxRequests: number;
  soakConcurrency: number;
}

export interface ProcessFigures {
  rssMiB: number | null;
  openFds: number | null;
}

export interface PhaseResult {
  requests: number;
  errors: number;
  wallMs: number;
  perSecond: number;
  latency: Summary;
}

export interface SoakResult {
  before: ProcessFigures;
  afterBurst: ProcessFigures;
  afterSoak: ProcessFigures;
  /** After the bench closed its connections and the proxy had a moment to let go of them. */
  settled: ProcessFigures;
  burst: PhaseResult;
  soak: PhaseResult;
}

export function processFigures(pid: number): ProcessFigures {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return { rssMiB: Number.isFinite(rssKiB) ? rssKiB / 1024 : null, openFds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return { rssMiB: null, openFds: null };
  }
}

function timedRequest(agent: http.Agent, options: SoakOptions, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const outgoing = http.request(
      { host: '127.0.0.1', port: options.port, path: '/v1/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers } },
      (response) => {
        response.resume();
        response.once('end', () => (response.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`HTTP ${response.statusCode}`))));
        response.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

async function phase(agent: http.Agent, options: SoakOptions, concurrency: number, more: (started: number) => boolean, bodyFor: (index: number) => string): Promise<PhaseResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const worker = async () => {
    while (more(started)) {
      const index = started++;
      try {
        latencies.push(await timedRequest(agent, options, bodyFor(index)));
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - begin;
  return { requests: started, errors, wallMs, perSecond: (latencies.length / wallMs) * 1000, latency: summarize(latencies) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(options.burstConcurrency, options.soakConcurrency) });
  try {
    const before = processFigures(options.pid);
    const burst = await phase(agent, options, options.burstConcurrency, (started) => started < options.burstTotal, () => options.bodies.stream);
    const afterBurst = processFigures(options.pid);
    const deadline = performance.now() + options.soakSeconds * 1000;
    const soak = await phase(
      agent,
      options,
      options.soakConcurrency,
      (started) => started < options.soakMaxRequests && performance.now() < deadline,
      (index) => (index % 2 === 0 ? options.bodies.nonStream : options.bodies.stream),
    );
    const afterSoak = processFigures(options.pid);
    agent.destroy();
    // The proxy sees our sockets close; the bench upstream closes idle kept-alive sockets after Node's 5 s.
    await pause(6000);
    return { before, afterBurst, afterSoak, settled: processFigures(options.pid), burst, soak };
  } finally {
    agent.destroy();
  }
}

export function soakLines(result: SoakResult, options: SoakOptions): string[] {
  const figure = (value: number | null, digits = 0) => (value === null ? 'n/a' : value.toFixed(digits));
  const phaseRow = (label: string, phaseResult: PhaseResult) =>
    `| ${label} | ${phaseResult.requests} | ${phaseResult.errors} | ${(phaseResult.wallMs / 1000).toFixed(1)} | ${phaseResult.perSecond.toFixed(0)} | ${phaseResult.latency.p50.toFixed(2)} | ${phaseResult.latency.p99.toFixed(2)} |`;
  const processRow = (label: string, figures: ProcessFigures) => `| ${label} | ${figure(figures.rssMiB, 1)} | ${figure(figures.openFds)} |`;
  return [
    '',
    `Load and soak through the proxy (burst: ${options.burstTotal} streams at ${options.burstConcurrency} concurrent; soak: ${options.soakSeconds} s or ${options.soakMaxRequests} requests at ${options.soakConcurrency} concurrent, half streams)`,
    '',
    '| phase | requests | errors | seconds | requests/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    phaseRow('burst', result.burst),
    phaseRow('soak', result.soak),
    '',
    '| proxy process | RSS MiB | open fds |',
    '| --- | --- | --- |',
    processRow('before', result.before),
    processRow('after burst', result.afterBurst),
    processRow('after soak', result.afterSoak),
    processRow('6 s after the clients left', result.settled),
  ];
}
