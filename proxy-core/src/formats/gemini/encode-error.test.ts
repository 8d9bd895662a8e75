import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../shared/errors.js';
import { geminiFormat } from './index.js';

describe('Gemini error encoding', () => {
  it('answers with the Google RPC envelope, Retry-After and RetryInfo', () => {
    const error = new ProxyError('All credentials are cooling down.', { status: 429, code: 'model_cooldown', retryAfterSeconds: 37 });
    expect(geminiFormat.encodeError(error)).toEqual({
      status: 429,
      headers: { 'retry-after': '37' },
      body: {
        error: {
          code: 429,
          message: 'All credentials are cooling down.',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }],
        },
      },
    });
  });

  it('puts a decode error (400 naming the field) in the envelope the genai SDK reads', () => {
    let caught: unknown;
    try {
      geminiFormat.decodeRequest({ contents: 'hi' });
    } catch (error) {
      caught = error;
    }
    const encoded = geminiFormat.encodeError(caught as ProxyError);
    expect(encoded.status).toBe(400);
    expect(encoded.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT', message: expect.stringContaining('`contents`') } });
  });

  it('writes a stream error as one data event with the same envelope', () => {
    const events = geminiFormat.encodeStreamError(new ProxyError('The upstream closed the stream before it finished.', { status: 502, code: 'upstream_stream_error' }));
    expect(events).toHaveLength(1);
    expect(events[0].event).toBeUndefined();
    expect(JSON.parse(events[0].data)).toMatchObject({ error: { code: 502, status: 'INTERNAL' } });
  });
});
