import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../shared/errors.js';
import { claudeMessagesFormat } from './index.js';

describe('Claude error encoding', () => {
  it('uses the Anthropic envelope with the error type of the status', () => {
    const encoded = claudeMessagesFormat.encodeError(new ProxyError('Too many requests; retry in 30s.', { status: 429, code: 'model_cooldown', retryAfterSeconds: 30 }));
    expect(encoded).toEqual({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Too many requests; retry in 30s.' } },
    });
  });

  it('renders a mid-stream error as one `event: error`', () => {
    const events = claudeMessagesFormat.encodeStreamError(new ProxyError('Overloaded.', { status: 529, code: 'upstream_error' }));
    expect(events).toEqual([{ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded."}}' }]);
  });
});
