import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import { classifyCopilotError } from './classify-error.js';

const input = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  credential: { id: 'github-copilot-octo.json' } as Credential,
  model: 'claude-sonnet-4-5',
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  now: 1_000_000,
  variant: 0,
});

describe('Copilot errors', () => {
  it('403: the model cools on this account as not entitled, with what to do', () => {
    const result = classifyCopilotError(input(403, { error: { message: 'Access to model claude-sonnet-4.5 is disabled by your organization', code: 'forbidden' } }));
    expect(result?.failure).toEqual({
      reason: 'payment_required',
      status: 403,
      message:
        "GitHub Copilot refused claude-sonnet-4-5 for this account (not entitled: Access to model claude-sonnet-4.5 is disabled by your organization). Enable the model in the Copilot settings (github.com/settings/copilot) or check the organisation's policy and the seat.",
    });
  });

  it('429: a quota cooldown for the Retry-After time', () => {
    const result = classifyCopilotError(input(429, { error: { message: 'Sorry, you have been rate-limited.', code: 'rate_limited' } }, { 'retry-after': '90' }));
    expect(result?.failure).toEqual({ reason: 'quota', status: 429, retryAfterMs: 90_000, message: 'GitHub Copilot rate-limited this account: Sorry, you have been rate-limited.' });
  });

  it('premium requests used up (quota_exceeded): the whole account cools and the client sees 429', () => {
    const result = classifyCopilotError(input(402, { error: { message: 'You have no quota', code: 'quota_exceeded' } }));
    expect(result).toMatchObject({ status: 429, failure: { reason: 'quota', wholeCredential: true, retryAfterMs: 3_600_000 } });
  });

  it('other statuses follow the generic rules', () => {
    expect(classifyCopilotError(input(500, 'upstream error'))).toBeUndefined();
    expect(classifyCopilotError(input(400, { error: { message: 'bad', code: 'invalid_request_body' } }))).toBeUndefined();
  });
});
