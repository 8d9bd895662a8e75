import { nearestRank } from './percentile.js';

/** One provider's row in `GET /v1/metrics/providers` (inventory-server.md §1.6, with the latency fields filled). */
export interface ProviderMetricsEntry {
  request_count: number;
  success_count: number;
  failure_count: number;
  /** 1 when there were no requests, as the reference does. */
  success_rate: number;
  total_tokens: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
}

export interface ProviderMetrics {
  record(sample: { provider: string; ok: boolean; totalTokens: number; latencyMs: number }): void;
  snapshot(): Record<string, ProviderMetricsEntry>;
}

interface Tally {
  requests: number;
  successes: number;
  tokens: number;
  /** The last `windowSize` latencies, written round-robin. */
  latencies: Float64Array;
  written: number;
}

/** Per-provider counters since start; latency percentiles over each provider's last `windowSize` requests. */
export function createProviderMetrics(options: { windowSize?: number } = {}): ProviderMetrics {
  const windowSize = Math.max(1, Math.floor(options.windowSize ?? 1000));
  const tallies = new Map<string, Tally>();

  return {
    record({ provider, ok, totalTokens, latencyMs }) {
      let tally = tallies.get(provider);
      if (!tally) {
        tally = { requests: 0, successes: 0, tokens: 0, latencies: new Float64Array(windowSize), written: 0 };
        tallies.set(provider, tally);
      }
      tally.requests += 1;
      if (ok) tally.successes += 1;
      if (Number.isFinite(totalTokens) && totalTokens > 0) tally.tokens += totalTokens;
      tally.latencies[tally.written % windowSize] = Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0;
      tally.written += 1;
    },
    snapshot() {
      const result: Record<string, ProviderMetricsEntry> = {};
      for (const [provider, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
        const sorted = tally.latencies.slice(0, Math.min(tally.written, windowSize)).sort();
        result[provider] = {
          request_count: tally.requests,
          success_count: tally.successes,
          failure_count: tally.requests - tally.successes,
          success_rate: tally.requests === 0 ? 1 : tally.successes / tally.requests,
          total_tokens: tally.tokens,
          latency_p50_ms: Math.round(nearestRank(sorted, 50) ?? 0),
          latency_p95_ms: Math.round(nearestRank(sorted, 95) ?? 0),
        };
      }
      return result;
    },
  };
}
