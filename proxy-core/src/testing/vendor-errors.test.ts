import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from './index.js';

describe('vendorError shapes', () => {
  it('OpenAI: 429 is type "requests", code rate_limit_exceeded, with retry-after and rate-limit headers', () => {
    expect(vendorError('openai', 429, 'Rate limit reached', { retryAfterSeconds: 20 })).toEqual({
      kind: 'json',
      status: 429,
      headers: {
        'x-request-id': expect.stringMatching(/^req_[0-9a-f]{32}$/),
        'retry-after': '20',
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '20s',
      },
      body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    expect(vendorError('openai', 429, 'quota', { code: 'insufficient_quota' })).toMatchObject({ body: { error: { type: 'insufficient_quota', code: 'insufficient_quota' } } });
    expect(vendorError('openai', 503, 'busy')).toMatchObject({ body: { error: { type: 'server_error', code: null } } });
  });

  it('Anthropic: rate_limit_error for 429, overloaded_error for 529, code replaces the type', () => {
    const limited = vendorError('claude', 429, 'Number of requests has exceeded your rate limit', { retryAfterSeconds: 7 });
    expect(limited).toMatchObject({
      status: 429,
      headers: { 'retry-after': '7', 'anthropic-ratelimit-requests-remaining': '0', 'request-id': expect.stringMatching(/^req_/) },
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } },
    });
    expect(vendorError('claude', 529, 'Overloaded')).toMatchObject({ body: { error: { type: 'overloaded_error' } } });
    expect(vendorError('claude', 400, 'nope', { code: 'billing_error' })).toMatchObject({ body: { error: { type: 'billing_error' } } });
    expect(limited.kind === 'json' && limited.headers?.['retry-after']).toBe('7');
  });

  it('Gemini: RESOURCE_EXHAUSTED with RetryInfo, ErrorInfo for a code, no retry-after header', () => {
    const limited = vendorError('gemini', 429, 'Resource has been exhausted (e.g. check quota).', { retryAfterSeconds: 37, code: 'RATE_LIMIT_EXCEEDED' });
    expect(limited.kind === 'json' && limited.body).toEqual({
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    });
    expect(limited.kind === 'json' && limited.headers?.['retry-after']).toBeUndefined();
    expect(vendorError('gemini', 503, 'The model is overloaded.')).toMatchObject({ body: { error: { code: 503, status: 'UNAVAILABLE' } } });
  });
});

describe('vendorError through the official SDKs', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(() => fake.close());

  it('the openai SDK reads status, code, type and retry-after', async () => {
    fake.script({ path: '/chat/completions' }, vendorError('openai', 429, 'Rate limit reached', { retryAfterSeconds: 3 }), { times: 1 });
    const client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const failure = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    const error = failure as InstanceType<typeof OpenAI.RateLimitError>;
    expect([error.status, error.code, error.type, error.headers.get('retry-after')]).toEqual([429, 'rate_limit_exceeded', 'requests', '3']);
  });

  it('the Anthropic SDK reads an overloaded 529 and a rate-limited 429', async () => {
    fake.script({ path: '/messages' }, vendorError('claude', 529, 'Overloaded'), { times: 1 });
    fake.script({ path: '/messages', apiKey: 'limited' }, vendorError('claude', 429, 'Slow down', { retryAfterSeconds: 5 }), { times: 1 });
    const call = (apiKey: string) =>
      new Anthropic({ baseURL: fake.url, apiKey, maxRetries: 0 }).messages.create({ model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    const limited = await call('limited');
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } });
    const overloaded = await call('other');
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ error: { type: 'overloaded_error' } });
  });
});
