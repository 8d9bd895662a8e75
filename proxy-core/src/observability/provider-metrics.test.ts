import { describe, expect, it } from 'vitest';
import { createProviderMetrics } from './index.js';

describe('provider metrics', () => {
  it('counts requests, successes, failures and tokens per provider with latency percentiles', () => {
    const metrics = createProviderMetrics();
    for (let index = 1; index <= 20; index += 1) {
      metrics.record({ provider: 'claude', ok: index !== 7, totalTokens: 10, latencyMs: index * 100 });
    }
    metrics.record({ provider: 'gemini', ok: false, totalTokens: 0, latencyMs: 42 });
    expect(metrics.snapshot()).toEqual({
      claude: {
        request_count: 20,
        success_count: 19,
        failure_count: 1,
        success_rate: 0.95,
        total_tokens: 200,
        latency_p50_ms: 1000,
        latency_p95_ms: 1900,
      },
      gemini: { request_count: 1, success_count: 0, failure_count: 1, success_rate: 0, total_tokens: 0, latency_p50_ms: 42, latency_p95_ms: 42 },
    });
  });

  it('is empty before any request', () => {
    expect(createProviderMetrics().snapshot()).toEqual({});
  });

  it('takes latency percentiles over the last windowSize requests only, but counts all of them', () => {
    const metrics = createProviderMetrics({ windowSize: 4 });
    for (const latencyMs of [5000, 5000, 5000, 10, 20, 30, 40]) metrics.record({ provider: 'codex', ok: true, totalTokens: 1, latencyMs });
    const codex = metrics.snapshot().codex;
    expect(codex.request_count).toBe(7);
    expect([codex.latency_p50_ms, codex.latency_p95_ms]).toEqual([20, 40]);
  });
});
