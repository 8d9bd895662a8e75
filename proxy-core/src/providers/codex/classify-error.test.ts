import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import { classifyCodexError } from './classify-error.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const credential = { id: 'codex-a.json', kind: 'oauth', label: 'a@example.com', provider: 'codex', group: 'codex' } as Credential;
const classify = (status: number, body: unknown) =>
  classifyCodexError({ credential, model: 'gpt-5.5', status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body), now: NOW, variant: 0 });

describe('classifyCodexError', () => {
  it('usage_limit_reached: the whole account until resets_at, else resets_in_seconds', () => {
    const resetsAt = NOW / 1000 + 7200;
    const byTime = classify(429, { error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: 'plus', resets_at: resetsAt, resets_in_seconds: 60 } });
    expect(byTime?.failure).toMatchObject({ reason: 'quota', status: 429, retryAfterMs: 7_200_000, wholeCredential: true });
    expect(byTime?.message).toMatch(/usage limit \(plus plan\).*2026-12-01T14:00:00\.000Z/);
    const bySeconds = classify(429, { error: { type: 'usage_limit_reached', resets_in_seconds: 900 } });
    expect(bySeconds?.failure).toMatchObject({ retryAfterMs: 900_000, wholeCredential: true });
    // A reset time already past falls back to the seconds.
    expect(classify(429, { error: { type: 'usage_limit_reached', resets_at: NOW / 1000 - 5, resets_in_seconds: 30 } })?.failure).toMatchObject({ retryAfterMs: 30_000 });
  });

  it('a plain rate limit is left to the generic rules', () => {
    expect(classify(429, { error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'slow down' } })).toBeUndefined();
    expect(classify(500, { error: { message: 'boom' } })).toBeUndefined();
  });

  it('"Selected model is at capacity": a 429, this model only, short', () => {
    const result = classify(400, { error: { message: 'Selected model is at capacity. Please try a different model.' } });
    expect(result).toMatchObject({ status: 429, failure: { reason: 'transient', status: 429 } });
    expect(result?.failure).not.toHaveProperty('wholeCredential');
  });

  it('a model the plan lacks (HTTP detail or in-stream event with its status): cooled for that model, next account', () => {
    const detail = classify(400, { detail: "The 'gpt-5.3-codex-spark' model is not supported when using Codex with a ChatGPT account." });
    expect(detail).toMatchObject({ status: 400, failure: { reason: 'model_not_supported', status: 400 } });
    expect(detail?.message).toMatch(/gpt-5\.5 is not available to a@example\.com/);
    const event = classify(502, { type: 'error', status: 400, error: { type: 'invalid_request_error', message: "The 'gpt-5.4' model is not supported when using Codex with a ChatGPT account." } });
    expect(event).toMatchObject({ status: 400, failure: { reason: 'model_not_supported' } });
    // The event's own status is used for other errors too.
    expect(classify(502, { type: 'error', status: 401, error: { type: 'invalid_request_error', message: 'nope' } })).toMatchObject({ status: 401, failure: { reason: 'unauthorized' } });
  });

  it('context too large (code, message or 413): a 400 request error, no failover', () => {
    for (const [status, body] of [
      [400, { error: { code: 'context_length_exceeded', message: 'Your input exceeds the context window of this model.' } }],
      [400, { error: { code: 'context_too_large' } }],
      [413, 'Payload Too Large'],
      [400, { error: { type: 'invalid_request_error', message: 'This model’s maximum context length is 272000 tokens.' } }],
    ] as const) {
      const result = classify(status, body);
      expect(result, JSON.stringify(body)).toMatchObject({ failure: null, status: 400 });
      expect(result?.message).toMatch(/context_too_large/);
    }
  });

  it('401 variants: auth failure of the credential', () => {
    for (const [status, body] of [
      [401, { error: { message: 'Provided authentication token is expired.', code: 'token_expired' } }],
      [400, { error: { code: 'refresh_token_reused', message: 'already used' } }],
      [403, { detail: 'Your authentication token is invalid or expired token' }],
      [400, { error: { code: 'invalid_api_key' } }],
    ] as const) {
      expect(classify(status, body), JSON.stringify(body)).toMatchObject({ status: 401, failure: { reason: 'unauthorized', status: 401 } });
    }
  });

  it('errors inside a 200 stream: status from status_code, else type or code; routed like the HTTP error', () => {
    const failed = (error: Record<string, unknown>) => classify(502, { type: 'response.failed', response: { id: 'r', status: 'failed', error } });
    expect(failed({ code: 'server_error', message: 'busy' })).toMatchObject({ status: 502, failure: { reason: 'transient', status: 502 } });
    expect(failed({ status_code: 503, message: 'overloaded' })).toMatchObject({ status: 503, failure: { reason: 'transient' } });
    expect(failed({ type: 'rate_limit_error', message: 'slow' })).toMatchObject({ status: 429, failure: { reason: 'quota' } });
    expect(failed({ type: 'permission_error', message: 'no' })).toMatchObject({ status: 403, failure: { reason: 'payment_required' } });
    expect(failed({ code: 'model_not_found', message: 'which?' })).toMatchObject({ status: 404, failure: { reason: 'not_found' } });
    expect(failed({ type: 'invalid_request_error', message: 'bad tool' })).toMatchObject({ status: 400, failure: null });
    const event = classify(502, { type: 'error', error: { type: 'usage_limit_reached', resets_in_seconds: 60 } });
    expect(event).toMatchObject({ status: 429, failure: { reason: 'quota', wholeCredential: true, retryAfterMs: 60_000 } });
    // The top-level event shape (`{type: "error", code, message}`) of the OpenAI API.
    expect(classify(502, { type: 'error', code: 'rate_limit_exceeded', message: 'Rate limit reached' })).toMatchObject({ status: 429, failure: { reason: 'quota' } });
  });

  it('a stream cut before response.completed: 408, the request’s problem', () => {
    const result = classify(502, { error: { message: 'The upstream closed the stream before response.completed.' } });
    expect(result).toMatchObject({ status: 408, failure: null });
    expect(result?.message).toMatch(/stream disconnected before completion/);
  });
});
