import { isLoopbackAddress } from '../shared/network.js';
import { clearCanaryCooldowns, runCanary } from './canary.js';
import type { CheckDefinition, CheckOutcome } from './check-definition.js';
import type { DiagnosticsContext } from './context.js';

async function runKeepalive(context: DiagnosticsContext): Promise<CheckOutcome> {
  const config = context.config().loaded?.config;
  if (!config) return { status: 'unknown', summary: 'Not known until config.yaml loads.', evidence: {} };
  const { keepaliveSeconds, bootstrapRetries } = config.streaming;
  const exposed = !isLoopbackAddress(config.host) && config.host !== 'localhost';
  const evidence = { keepaliveSeconds, bootstrapRetries, host: config.host, headersSent: 'content-type: text/event-stream; cache-control: no-cache; x-accel-buffering: no', flush: 'per event' };
  const advice = 'Behind nginx/Caddy/a load balancer turn response buffering off (proxy_buffering off) and raise idle timeouts; compare one stream:false and one stream:true request (the stream canary).';
  if (exposed && keepaliveSeconds === 0) {
    return {
      status: 'warn',
      summary: `The proxy listens on ${config.host} (likely behind a reverse proxy) with stream keep-alives off: a long silent "thinking" pause can be cut by an idle timeout.`,
      evidence,
      remediation: `Set streaming.keepalive-seconds: 15 in config.yaml. ${advice}`,
    };
  }
  return {
    status: 'pass',
    summary: `Streams are flushed per event with X-Accel-Buffering: no; keep-alive comments ${keepaliveSeconds > 0 ? `every ${keepaliveSeconds} s` : 'are off (fine on this machine)'}.`,
    evidence,
    remediation: advice,
  };
}

async function runThinking(context: DiagnosticsContext): Promise<CheckOutcome> {
  const debug = context.proxy ? context.proxy.logLevel() === 'debug' : (context.config().loaded?.config.debug ?? false);
  const evidence: Record<string, unknown> = { debug, lines: 'thinking: original config = what the client asked (body or model(suffix)); thinking: processed config = what is sent upstream after clamping to the model' };
  if (!debug) {
    return {
      status: 'unknown',
      summary: 'Debug logging is off, so the "thinking: original config / processed config" lines that show what happened to thinking controls are not written.',
      evidence,
      applies: false,
      remediation: 'Set debug: true (Settings), send the request again, then run this check: it compares the two lines.',
    };
  }
  if (!context.proxy) return { status: 'unknown', summary: 'Debug logging is on; the thinking lines are in the running proxy\'s log (Logs page, search "thinking:").', evidence };
  const original = context.proxy.logs.entries({ contains: 'thinking: original config', limit: 50 });
  const processed = new Map(context.proxy.logs.entries({ contains: 'thinking: processed config', limit: 50 }).map((entry) => [entry.requestId, entry]));
  const pairs = original.map((entry) => ({ requestId: entry.requestId, requested: entry.fields ?? null, sent: processed.get(entry.requestId)?.fields ?? null }));
  const dropped = pairs.filter((pair) => isSet(pair.requested?.config) && !isSet(pair.sent?.config));
  evidence.translatedRequests = pairs.length;
  evidence.latest = pairs.at(-1) ?? null;
  evidence.dropped = dropped.slice(-5);
  if (pairs.length === 0) return { status: 'unknown', summary: 'Debug logging is on, but no translated request was logged yet (the lines appear only when a request is translated between dialects).', evidence };
  if (dropped.length > 0) {
    return {
      status: 'warn',
      summary: `${dropped.length} of the last ${pairs.length} translated request(s) asked for thinking but none was sent upstream (the model does not support it, or the level was not recognised).`,
      evidence,
      remediation: 'Use a thinking suffix or level the model supports (e.g. model(high) or a budget within its range), and check the model\'s thinking support on the Models page.',
    };
  }
  return { status: 'pass', summary: `The last ${pairs.length} translated request(s) kept their thinking settings (see latest in the evidence).`, evidence };
}

function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && !(typeof value === 'object' && Object.keys(value as object).length === 0);
}

const DAY = 86_400_000;

async function runUsage(context: DiagnosticsContext): Promise<CheckOutcome> {
  const proxy = context.proxy!;
  const config = proxy.runtime.current().config;
  const now = context.now();
  const summary = proxy.usage.summary({ from: now - 7 * DAY, to: now });
  const recent = proxy.usage.recent({ limit: 500 });
  const zeroTokens = recent.filter((record) => record.status < 400 && record.totalTokens === 0).length;
  const warnings = proxy.usage.warnings?.() ?? [];
  const evidence = {
    usageStatisticsEnabled: config.usageStatisticsEnabled,
    last7Days: { requests: summary.requests, failures: summary.failures, totalTokens: summary.totalTokens, estimatedRequests: summary.estimatedRequests },
    estimatedShare: summary.requests > 0 ? Math.round((summary.estimatedRequests / summary.requests) * 100) / 100 : null,
    recentSuccessesWithZeroTokens: zeroTokens,
    databaseWarnings: warnings,
  };
  if (!config.usageStatisticsEnabled) {
    return { status: 'warn', summary: 'Usage statistics are off (usage-statistics-enabled: false): requests are not counted.', evidence, remediation: 'Set usage-statistics-enabled: true in config.yaml (Settings).' };
  }
  if (warnings.length > 0) return { status: 'warn', summary: `The usage database reports a problem: ${warnings[0]}`, evidence, remediation: 'Check the disk space and permissions of the data folder.' };
  if (zeroTokens > 0) {
    return { status: 'warn', summary: `${zeroTokens} recent successful request(s) were counted with 0 tokens.`, evidence, remediation: 'Run the stream canary to compare stream and non-stream usage, and report the model and provider.' };
  }
  if (summary.requests === 0) return { status: 'pass', summary: 'Usage counting is on; no request in the last 7 days yet.', evidence };
  return {
    status: 'pass',
    summary: `${summary.requests} request(s) counted in the last 7 days${summary.estimatedRequests > 0 ? `, ${summary.estimatedRequests} with estimated tokens because the upstream reported none` : ''}.`,
    evidence,
  };
}

export const streamingChecks: readonly CheckDefinition[] = [
  {
    id: 'stream-parity',
    title: 'Stream vs non-stream canary',
    symptom: 'Streaming never emits [DONE], hangs or truncates; works with stream:false only; usage stays 0; Roo/Gemini 3 Pro shows no response',
    cause: 'The stream path drops the terminal marker, the upstream closes early, a reverse proxy buffers, or usage metadata is missing',
    needs: 'client',
    onDemand: true,
    run: runCanary,
    fix: { id: 'clear-canary-cooldowns', label: 'Clear cooldowns and run again', needs: 'proxy', apply: clearCanaryCooldowns },
  },
  {
    id: 'streaming-keepalive',
    title: 'Streaming through reverse proxies',
    symptom: 'Streaming hangs or truncation; chunks arrive all at once',
    cause: 'Reverse proxy buffering or idle timeouts between the client and the proxy',
    needs: 'files',
    run: runKeepalive,
  },
  {
    id: 'thinking-logging',
    title: 'Thinking controls reach the upstream',
    symptom: 'Cannot control thinking length (Gemini via an OpenAI-compatible client); includeThoughts appears ignored',
    cause: 'Thinking controls were dropped or normalised before dispatch',
    needs: 'files',
    run: runThinking,
  },
  {
    id: 'usage-counting',
    title: 'Usage counting',
    symptom: 'Usage statistics remain 0 after many requests',
    cause: 'Statistics are off, the upstream omitted usage metadata, or the usage database cannot be written',
    needs: 'proxy',
    run: runUsage,
  },
];
