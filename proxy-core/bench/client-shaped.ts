/**
 * The client-shaped part of `npm run bench` (issue 15): Claude Code-, Codex- and Gemini CLI-shaped requests
 * (client-bodies.ts) sent through the proxy to each upstream dialect the bench upstream speaks, interleaved
 * with the same body sent directly to that upstream, so "added p50" is the proxy's cost in this run.
 * Budget: added p50 ≤ 3 ms translated, ≤ 1 ms same-dialect passthrough.
 */
import { claudeCodeBody, codexBody, geminiCliBody } from './client-bodies.js';
import { summarize } from './statistics.js';

export interface ClientShapedDeps {
  proxyPort: number;
  upstreamPort: number;
  /** The do-nothing proxy, measured beside same-dialect passthrough (the same body, the same upstream path). */
  floorPort?: number;
  clientKey: string;
  /** Totals (ms) of `count` sequential POSTs. */
  timeSequential(port: number, path: string, body: string, headers: Record<string, string>, count: number): Promise<number[]>;
}

const TRANSLATION_BUDGET_MS = 3;
const PASSTHROUGH_BUDGET_MS = 1;

/** The bench proxy's model for each upstream dialect, and where that upstream answers directly. */
const UPSTREAMS = [
  { dialect: 'claude-messages', model: 'claude-bench', path: '/v1/messages' },
  { dialect: 'openai-chat', model: 'bench-model', path: '/v1/chat/completions' },
  { dialect: 'gemini', model: 'gemini-bench', path: '/v1beta/models/gemini-bench:generateContent' },
] as const;

export async function clientShapedRows(deps: ClientShapedDeps, perRound = 60, rounds = 3): Promise<string[]> {
  const clients: { name: string; dialect: string; body(model: string): Record<string, unknown>; path(model: string): string; headers: Record<string, string> }[] = [
    { name: 'Claude Code', dialect: 'claude-messages', body: (model: string) => ({ ...claudeCodeBody(model), stream: false }), path: () => '/v1/messages', headers: { 'x-api-key': deps.clientKey, 'anthropic-version': '2023-06-01' } },
    { name: 'Codex', dialect: 'openai-responses', body: (model: string) => ({ ...codexBody(model), stream: false }), path: () => '/v1/responses', headers: { authorization: `Bearer ${deps.clientKey}` } },
    { name: 'Gemini CLI', dialect: 'gemini', body: () => geminiCliBody(), path: (model: string) => `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': deps.clientKey } },
  ];
  const lines = [
    '| client-shaped request (KB) → upstream | direct p50 | proxy p50 | added p50 | added p99 | floor added p50 | target | result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const client of clients) {
    for (const upstream of UPSTREAMS) {
      // BENCH_ONLY=claude-messages>gemini measures one pair (e.g. with BENCH_PROFILE).
      if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== `${client.dialect}>${upstream.dialect}`) continue;
      const body = JSON.stringify(client.body(upstream.model));
      const proxyPath = client.path(upstream.model);
      await deps.timeSequential(deps.proxyPort, proxyPath, body, client.headers, 30);
      await deps.timeSequential(deps.upstreamPort, upstream.path, body, {}, 30);
      const same = client.dialect === upstream.dialect;
      const floorPort = same ? deps.floorPort : undefined;
      const samples = { direct: [] as number[], proxy: [] as number[], floor: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        samples.direct.push(...(await deps.timeSequential(deps.upstreamPort, upstream.path, body, {}, perRound)));
        samples.proxy.push(...(await deps.timeSequential(deps.proxyPort, proxyPath, body, client.headers, perRound)));
        if (floorPort !== undefined) samples.floor.push(...(await deps.timeSequential(floorPort, upstream.path, body, {}, perRound)));
      }
      const direct = summarize(samples.direct);
      const proxy = summarize(samples.proxy);
      const budget = same ? PASSTHROUGH_BUDGET_MS : TRANSLATION_BUDGET_MS;
      const added = proxy.p50 - direct.p50;
      lines.push(
        `| ${client.name} (${Math.round(body.length / 1024)}) → ${upstream.dialect}${same ? ' (passthrough)' : ''} | ${direct.p50.toFixed(3)} | ${proxy.p50.toFixed(3)} | ${added.toFixed(3)} | ${(proxy.p99 - direct.p99).toFixed(3)} | ${samples.floor.length > 0 ? (summarize(samples.floor).p50 - direct.p50).toFixed(3) : ''} | ≤ ${budget} | ${added <= budget ? 'PASS' : 'MISS'} |`,
      );
    }
  }
  return lines;
}
