import { describe, expect, it } from 'vitest';
import { devicePollState, oauthErrorCode, type OAuthResponse } from './oauth-http.js';

const answer = (status: number, json: unknown, headers: Record<string, string> = {}): OAuthResponse => ({ status, headers, text: JSON.stringify(json), json });

// RFC 8628 §3.5 poll answers, as Qwen, Kimi and xAI send them (one shared reading in login/oauth-http.ts).
describe('devicePollState', () => {
  it('keeps waiting on authorization_pending, slows down on slow_down or HTTP 429, and lets tokens through', () => {
    expect(devicePollState(answer(400, { error: 'authorization_pending' }), 'Kimi')).toEqual({ status: 'pending' });
    expect(devicePollState(answer(400, { error: 'slow_down' }), 'Kimi')).toEqual({ status: 'slow-down' });
    expect(devicePollState(answer(429, {}), 'Kimi')).toEqual({ status: 'slow-down' });
    expect(devicePollState(answer(200, { access_token: 'a' }), 'Kimi')).toBeUndefined();
  });

  it('an expired code or a refused sign-in says so with the vendor and the next step; other errors name the status and code', () => {
    expect(() => devicePollState(answer(400, { error: 'expired_token' }), 'Qwen')).toThrow(
      expect.objectContaining({ message: 'The Qwen device code expired before it was approved.', code: 'expired', nextStep: 'Start the login again.' }),
    );
    expect(() => devicePollState(answer(400, { error: 'access_denied' }), 'xAI')).toThrow(expect.objectContaining({ message: 'The sign-in was refused on the xAI page.', code: 'access_denied' }));
    expect(() => devicePollState(answer(500, { error: { code: 'server_busy', message: 'try later' } }), 'Kimi')).toThrow(
      expect.objectContaining({ message: 'The Kimi device login failed (HTTP 500, server_busy: try later).' }),
    );
  });

  it('reads the error code from RFC 6749 strings and vendor objects alike', () => {
    expect(oauthErrorCode(answer(400, { error: 'invalid_grant' }))).toBe('invalid_grant');
    expect(oauthErrorCode(answer(400, { error: { type: 'slow_down' } }))).toBe('slow_down');
    expect(oauthErrorCode(answer(400, 'not json'))).toBeUndefined();
  });
});
