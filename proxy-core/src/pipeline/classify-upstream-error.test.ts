import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import { classifyUpstreamError, extractUpstreamMessage, parseRetryAfterMs } from './classify-upstream-error.js';

const credential = { id: 'claude:abc', group: 'claude', label: 'sk-a…wxyz' } as Credential;

describe('classifyUpstreamError', () => {
  it('cools credentials on 401/403/404/429/5xx and says which account and what the upstream said', () => {
    const unauthorized = classifyUpstreamError(credential, 'm', 401, {}, '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 0);
    expect(unauthorized.failure?.reason).toBe('unauthorized');
    expect(unauthorized.error.message).toContain('claude account sk-a…wxyz');
    expect(unauthorized.error.message).toContain('invalid x-api-key');
    expect(classifyUpstreamError(credential, 'm', 403, {}, '', 0).failure?.reason).toBe('payment_required');
    expect(classifyUpstreamError(credential, 'm', 404, {}, '', 0).failure?.reason).toBe('not_found');
    expect(classifyUpstreamError(credential, 'm', 503, {}, '', 0).failure?.reason).toBe('transient');
    const limited = classifyUpstreamError(credential, 'm', 429, { 'retry-after': '12' }, '{"error":{"message":"slow down"}}', 0);
    expect(limited.failure).toMatchObject({ reason: 'quota', retryAfterMs: 12_000 });
    expect(limited.error.retryAfterSeconds).toBe(12);
  });

  it('never fails over on request errors, except "model not supported" on this account', () => {
    expect(classifyUpstreamError(credential, 'm', 400, {}, '{"error":{"type":"invalid_request_error","message":"max_tokens too big"}}', 0).failure).toBeUndefined();
    expect(classifyUpstreamError(credential, 'm', 422, {}, '{}', 0).failure).toBeUndefined();
    expect(classifyUpstreamError(credential, 'm', 500, {}, '{"error":{"status":"UNKNOWN"}}', 0).failure).toBeUndefined();
    expect(classifyUpstreamError(credential, 'm', 400, {}, '{"error":{"message":"model_not_supported: not available for your plan"}}', 0).failure?.reason).toBe(
      'model_not_supported',
    );
    expect(classifyUpstreamError(credential, 'm', 400, {}, '{}', 0).error.scope).toBe('request');
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds, HTTP dates, Anthropic reset headers, Google RetryInfo and OpenAI durations', () => {
    expect(parseRetryAfterMs({ 'retry-after': '3' }, '', 0)).toBe(3000);
    expect(parseRetryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, '', 0)).toBe(10_000);
    expect(parseRetryAfterMs({ 'anthropic-ratelimit-requests-reset': new Date(5000).toISOString() }, '', 0)).toBe(5000);
    expect(parseRetryAfterMs({}, '{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}', 0)).toBe(37_000);
    expect(parseRetryAfterMs({ 'x-ratelimit-reset-requests': '1m30s' }, '', 0)).toBe(90_000);
    expect(parseRetryAfterMs({}, '', 0)).toBeUndefined();
  });
});

describe('extractUpstreamMessage', () => {
  it('finds the message in each vendor shape', () => {
    expect(extractUpstreamMessage('{"error":{"message":"openai says"}}')).toBe('openai says');
    expect(extractUpstreamMessage('{"type":"error","error":{"type":"x","message":"anthropic says"}}')).toBe('anthropic says');
    expect(extractUpstreamMessage('[{"error":{"code":429,"message":"google says"}}]')).toBe('google says');
    expect(extractUpstreamMessage('{"error":"plain"}')).toBe('plain');
    expect(extractUpstreamMessage('gateway timeout')).toBe('gateway timeout');
  });
});
