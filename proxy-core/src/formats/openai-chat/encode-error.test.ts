import { describe, expect, it } from 'vitest';
import { ProxyError, invalidRequest } from '../../shared/errors.js';
import { decodeRequest } from './decode-request.js';
import { openAiChatFormat } from './index.js';

describe('error encoding (OpenAI shape)', () => {
  it('renders a decode failure as a 400 invalid_request_error naming the param', () => {
    let error: unknown;
    try {
      decodeRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] });
    } catch (caught) {
      error = caught;
    }
    const encoded = openAiChatFormat.encodeError(error as ProxyError);
    expect(encoded.status).toBe(400);
    expect(encoded.body).toEqual({
      error: {
        message: '`messages[0].content[0].text` must be a string (the text of this part).',
        type: 'invalid_request_error',
        code: 'invalid_request',
        param: 'messages[0].content[0].text',
      },
    });
  });

  it('adds Retry-After and our details to a cooldown error', () => {
    const encoded = openAiChatFormat.encodeError(
      new ProxyError('All credentials for gpt-5 are cooling down.', {
        status: 429,
        code: 'model_cooldown',
        retryAfterSeconds: 12.2,
        details: { reset_seconds: 13 },
      }),
    );
    expect(encoded.headers['retry-after']).toBe('13');
    expect(encoded.body).toEqual({
      error: { message: 'All credentials for gpt-5 are cooling down.', type: 'rate_limit_error', code: 'model_cooldown', param: null, reset_seconds: 13 },
    });
  });

  it('renders a mid-stream error as one data event with an error object', () => {
    const events = openAiChatFormat.encodeStreamError(invalidRequest('bad'));
    expect(events).toHaveLength(1);
    expect(events[0].event).toBeUndefined();
    expect(JSON.parse(events[0].data)).toEqual({ error: { message: 'bad', type: 'invalid_request_error', code: 'invalid_request', param: null } });
  });
});
