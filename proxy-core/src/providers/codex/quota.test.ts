import { describe, expect, it } from 'vitest';
import { scriptedContext } from '../../login/__fixtures__/scripted-context.js';
import { codexQuota, codexQuotaFromHeaders } from './quota.js';

const NOW = 1_780_000_000_000;

const contextAnswering = (json: unknown, status = 200) => scriptedContext([{ status, json }], { now: NOW, host: 'chatgpt.test' });

const record = { tokens: { accessToken: 'at-1' }, label: 'me', identity: 'i', attributes: { accountId: 'acc-1' } };

describe('Codex quota', () => {
  it('reads /wham/usage: windows, code review, additional limits and reset credits', async () => {
    const { context, requests } = contextAnswering({
      plan_type: 'plus',
      rate_limit: {
        allowed: true,
        limit_reached: false,
        primary_window: { used_percent: 42, limit_window_seconds: 18_000, reset_after_seconds: 600, reset_at: 1_780_000_600 },
        secondary_window: { used_percent: 12.5, limit_window_seconds: 604_800, reset_after_seconds: 86_400 },
      },
      code_review_rate_limit: { allowed: false, limit_reached: true, primary_window: { limit_window_seconds: 604_800, reset_at: 1_780_500_000 } },
      additional_rate_limits: [{ limit_name: 'GPT-5.3 Codex Spark', metered_feature: 'codex_spark', rate_limit: { primary_window: { used_percent: 100, limit_window_seconds: 18_000, reset_at: 1_780_001_000 } } }],
      rate_limit_reset_credits: { available_count: 3 },
    });
    const buckets = await codexQuota(context, record);
    expect(requests[0]).toMatchObject({ url: 'https://chatgpt.test/usage', headers: { authorization: 'Bearer at-1', 'chatgpt-account-id': 'acc-1' } });
    expect(buckets).toEqual([
      { id: 'codex_primary', label: '5-hour limit', remainingFraction: 0.58, resetsAt: 1_780_000_600_000 },
      { id: 'codex_secondary', label: 'Weekly limit', remainingFraction: 0.875, resetsAt: NOW + 86_400_000 },
      { id: 'code_review_primary', label: 'Code review: Weekly limit', remainingFraction: 0, resetsAt: 1_780_500_000_000 },
      { id: 'codex_spark_primary', label: 'GPT-5.3 Codex Spark: 5-hour limit', remainingFraction: 0, resetsAt: 1_780_001_000_000 },
      { id: 'reset_credits', label: 'Rate-limit reset credits', remaining: 3, unit: 'credits' },
    ]);
  });

  it('a refused usage call is an error that names the call', async () => {
    const { context } = contextAnswering({ detail: 'Unauthorized' }, 401);
    await expect(codexQuota(context, record)).rejects.toThrow(/ChatGPT usage request failed \(HTTP 401/);
  });

  it('x-codex-* response headers (the Codex CLI’s names) give the same buckets', () => {
    expect(
      codexQuotaFromHeaders(
        {
          'x-codex-primary-used-percent': '25',
          'x-codex-primary-window-minutes': '300',
          'x-codex-primary-reset-after-seconds': '120',
          'x-codex-secondary-used-percent': '80',
          'x-codex-secondary-window-minutes': '10080',
          'x-codex-secondary-reset-at': '1780100000',
        },
        NOW,
      ),
    ).toEqual([
      { id: 'codex_primary', label: '5-hour limit', remainingFraction: 0.75, resetsAt: NOW + 120_000 },
      { id: 'codex_secondary', label: 'Weekly limit', remainingFraction: 0.2, resetsAt: 1_780_100_000_000 },
    ]);
    expect(codexQuotaFromHeaders({ 'content-type': 'text/event-stream' }, NOW)).toBeUndefined();
  });
});
