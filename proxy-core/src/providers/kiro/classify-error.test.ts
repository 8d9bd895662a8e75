import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import { classifyKiroError } from './classify-error.js';

const input = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ credential: {} as Credential, model: 'claude-sonnet-4-5', status, headers, body: JSON.stringify(body), now: 0, variant: 0 });

describe('Kiro error classification', () => {
  it('403 TEMPORARILY_SUSPENDED rests the whole account for 24 h', () => {
    const result = classifyKiroError(input(403, { message: 'Your account is TEMPORARILY_SUSPENDED', reason: 'TEMPORARILY_SUSPENDED' }))!;
    expect(result.failure).toMatchObject({ reason: 'quota', status: 403, retryAfterMs: 86_400_000, wholeCredential: true });
  });
  it('403 about the bearer token asks for the token to be renewed', () => {
    expect(classifyKiroError(input(403, { message: 'The bearer token included in the request is invalid.' }))!.failure).toMatchObject({ reason: 'unauthorized', wholeCredential: true });
  });
  it('402 monthly limit → quota, and the client sees 429', () => {
    const result = classifyKiroError(input(402, { message: 'You have reached the limit for monthly requests.', reason: 'MONTHLY_REQUEST_COUNT' }))!;
    expect(result).toMatchObject({ status: 429, failure: { reason: 'quota', wholeCredential: true } });
    expect(result.message).toBe("This Kiro account's credits are used up (MONTHLY_REQUEST_COUNT: You have reached the limit for monthly requests.); requests go to the next account until the monthly reset.");
  });
  it('429 honours Retry-After up to 5 minutes', () => {
    expect(classifyKiroError(input(429, { message: 'Rate exceeded' }, { 'retry-after': '900' }))!.failure).toMatchObject({ reason: 'quota', retryAfterMs: 300_000 });
    expect(classifyKiroError(input(429, { message: 'Rate exceeded' }))!.failure).toMatchObject({ retryAfterMs: 60_000 });
  });
  it('400 improperly formed request is the request’s fault: no cooldown', () => {
    expect(classifyKiroError(input(400, { __type: 'com.amazon.aws.codewhisperer#ValidationException', message: 'Improperly formed request.' }))).toMatchObject({ failure: null, status: 400 });
  });
  it('other statuses use the generic rules', () => {
    expect(classifyKiroError(input(500, { message: 'boom' }))).toBeUndefined();
  });
});
