import { describe, expect, it } from 'vitest';
import { googleRetryDelayMs, parseGoogleDuration, parseGoogleRpcError } from './google-rpc-error.js';

describe('Google RPC errors', () => {
  it.each([
    ['0.847655010s', 847.65501],
    ['373.801628ms', 373.801628],
    ['37s', 37_000],
    ['1h2m3s', 3_723_000],
    ['1h', 3_600_000],
  ])('parses the duration %s', (text, ms) => {
    expect(parseGoogleDuration(text)).toBeCloseTo(ms, 6);
  });

  it('refuses text that is not a duration', () => {
    expect(parseGoogleDuration('soon')).toBeUndefined();
    expect(parseGoogleDuration('37')).toBeUndefined();
  });

  it('reads ErrorInfo reason and metadata and RetryInfo from a Code Assist 429 (also wrapped in an array)', () => {
    const body = JSON.stringify([
      {
        error: {
          code: 429,
          message: 'Resource has been exhausted (e.g. check quota).',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'cloudcode-pa.googleapis.com', metadata: { model: 'claude-sonnet-4-6', quotaResetDelay: '373.8ms' } },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.5s' },
          ],
        },
      },
    ]);
    const error = parseGoogleRpcError(body);
    expect(error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 500, metadata: { model: 'claude-sonnet-4-6' } });
    expect(error?.quotaResetDelayMs).toBeCloseTo(373.8);
    expect(googleRetryDelayMs(error)).toBe(500);
  });

  it('falls back to quotaResetDelay, then to "after Ns" / "after 1h2m3s" in the message, as the reference does', () => {
    const withReset = parseGoogleRpcError(JSON.stringify({ error: { code: 429, message: 'x', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', metadata: { quotaResetDelay: '2m0s' } }] } }));
    expect(googleRetryDelayMs(withReset)).toBe(120_000);
    expect(googleRetryDelayMs(parseGoogleRpcError(JSON.stringify({ error: { code: 429, message: 'Your quota will reset after 37s.' } })))).toBe(37_000);
    expect(googleRetryDelayMs(parseGoogleRpcError(JSON.stringify({ error: { code: 429, message: 'You have exhausted your capacity. Your quota will reset after 1h2m3s.' } })))).toBe(3_723_000);
    expect(googleRetryDelayMs(parseGoogleRpcError(JSON.stringify({ error: { code: 429, message: 'no hint' } })))).toBeUndefined();
  });

  it('is undefined for bodies that are not Google errors', () => {
    expect(parseGoogleRpcError('upstream connect error')).toBeUndefined();
    expect(parseGoogleRpcError('{"message":"x"}')).toBeUndefined();
  });
});
