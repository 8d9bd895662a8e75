/**
 * In-process micro-benchmark of what the proxy does to a real client's request body before sending it:
 * parse, then either the same-dialect passthrough (model rewrite) or decode → IR → encode → serialise for
 * every other upstream dialect. Prints p50/p99 per request with the issue-15 budgets and PASS/MISS.
 * Run: `npm run bench:translate` (`BENCH_ITERATIONS`, default 300; `BENCH_ONLY=claude-messages>gemini` runs one
 * client→upstream pair, e.g. under `node --cpu-prof`).
 */
import { createFormatRegistry } from '../src/formats/registry.js';
import type { FormatId } from '../src/ir/index.js';
import { rewriteTopLevelModel } from '../src/pipeline/rewrite-model.js';
import { translateRequest } from '../src/pipeline/translate-request.js';
import { claudeCodeBody, codexBody, geminiCliBody } from './client-bodies.js';
import { percentile } from './statistics.js';

const TRANSLATION_BUDGET_MS = 3;
const PASSTHROUGH_BUDGET_MS = 1;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const formats = createFormatRegistry();
const dialects: FormatId[] = ['claude-messages', 'openai-chat', 'openai-responses', 'gemini'];

const clients: { name: string; format: FormatId; model: string; raw: Buffer }[] = [
  { name: 'Claude Code', format: 'claude-messages', model: 'claude-sonnet-4-5', raw: Buffer.from(JSON.stringify(claudeCodeBody())) },
  { name: 'Codex', format: 'openai-responses', model: 'gpt-5-codex', raw: Buffer.from(JSON.stringify(codexBody())) },
  { name: 'Gemini CLI', format: 'gemini', model: 'gemini-2.5-pro', raw: Buffer.from(JSON.stringify(geminiCliBody())) },
];

function once(client: (typeof clients)[number], upstream: FormatId): number {
  const started = process.hrtime.bigint();
  const body = JSON.parse(client.raw.toString('utf8')) as Record<string, unknown>;
  const entry = formats.get(client.format)!;
  let out: Buffer;
  if (upstream === client.format) {
    const raw = entry.passthroughBody?.(client.raw, body) ?? client.raw;
    out = client.format === 'gemini' ? raw : rewriteTopLevelModel(raw, 'bench-model');
  } else {
    const ir = entry.wire.decodeRequest(body);
    ir.model = client.model;
    ir.stream = true;
    const translated = translateRequest(ir, formats.get(upstream)!, { model: 'bench-model', stream: true, thinking: undefined });
    out = Buffer.from(JSON.stringify(translated.body));
  }
  if (out.length === 0) throw new Error('empty body');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

console.log(`Translation micro-benchmark, ${iterations} iterations per pair (after warm-up), ms per request:`);
console.log('| client (body size) | upstream | p50 | p99 | target | result |');
console.log('| --- | --- | --- | --- | --- | --- |');
let misses = 0;
for (const client of clients) {
  for (const upstream of dialects) {
    if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== `${client.format}>${upstream}`) continue;
    for (let index = 0; index < 50; index += 1) once(client, upstream);
    const samples: number[] = [];
    for (let index = 0; index < iterations; index += 1) samples.push(once(client, upstream));
    samples.sort((a, b) => a - b);
    const same = upstream === client.format;
    const budget = same ? PASSTHROUGH_BUDGET_MS : TRANSLATION_BUDGET_MS;
    const p50 = percentile(samples, 50);
    const pass = p50 <= budget;
    if (!pass) misses += 1;
    console.log(`| ${client.name} (${Math.round(client.raw.length / 1024)} KB) | ${upstream}${same ? ' (passthrough)' : ''} | ${p50.toFixed(2)} | ${percentile(samples, 99).toFixed(2)} | ≤ ${budget} | ${pass ? 'PASS' : 'MISS'} |`);
  }
}
console.log(misses === 0 ? 'All pairs within budget.' : `${misses} pair(s) over budget.`);
