import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { ErrorInput } from '../provider-definition.js';
import { classifyAntigravityError, decideAntigravity429 } from './errors.js';

const credential: Credential = {
  id: 'antigravity-a@example.com.json',
  authIndex: 'x',
  provider: 'antigravity',
  group: 'antigravity',
  kind: 'oauth',
  label: 'a@example.com',
  priority: 0,
  headers: {},
  models: [],
  excludedModels: [],
  disabled: false,
  secret: 'ya29.x',
  source: { type: 'file', path: '/x', fileName: 'antigravity-a@example.com.json' },
  account: { file: 'antigravity-a@example.com.json', project: 'p', endpoints: { api: 'https://daily.test', apiFallback: 'https://prod.test' } },
};

const rpc = (status: number, reason?: string, retryDelay?: string, message = 'Resource has been exhausted (e.g. check quota).') =>
  JSON.stringify({
    error: {
      code: status,
      message,
      status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE',
      details: [
        ...(reason ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] : []),
        ...(retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : []),
      ],
    },
  });
const input = (status: number, body: string, variant: number): ErrorInput => ({ credential, model: 'claude-sonnet-4-6', status, headers: {}, body, now: 0, variant });

describe('Antigravity 429 decisions', () => {
  it.each([
    [rpc(429, 'QUOTA_EXHAUSTED'), 'quota-exhausted'],
    [rpc(429, 'RATE_LIMIT_EXCEEDED', '2.9s'), 'instant-retry'],
    [rpc(429, 'RATE_LIMIT_EXCEEDED', '3s'), 'short-cooldown'],
    [rpc(429, 'RATE_LIMIT_EXCEEDED', '299s'), 'short-cooldown'],
    [rpc(429, 'RATE_LIMIT_EXCEEDED', '300s'), 'quota-exhausted'],
    [rpc(429, 'RATE_LIMIT_EXCEEDED'), 'soft-retry'],
    [rpc(429, undefined, undefined, 'Quota exhausted for today'), 'quota-exhausted'],
    [rpc(429), 'soft-retry'],
    ['not json', 'soft-retry'],
  ])('%s → %s', (body, kind) => {
    expect(decideAntigravity429(body).kind).toBe(kind);
  });
});

describe('Antigravity error classification across hosts (variant = host, then a retry round)', () => {
  it('any 429 and a 503 without capacity on the daily host try the prod host at once', () => {
    expect(classifyAntigravityError(input(429, rpc(429, 'QUOTA_EXHAUSTED'), 0))).toEqual({ retrySameCredential: {} });
    expect(classifyAntigravityError(input(503, rpc(503, undefined, undefined, 'No capacity available for model x'), 0))).toEqual({ retrySameCredential: {} });
  });

  it('on prod: a rate limit under 3 s waits it out (+0.8 s) once; after the retry round it cools briefly', () => {
    expect(classifyAntigravityError(input(429, rpc(429, 'RATE_LIMIT_EXCEEDED', '0.5s'), 1))).toEqual({ retrySameCredential: { delayMs: 1300 } });
    const last = classifyAntigravityError(input(429, rpc(429, 'RATE_LIMIT_EXCEEDED', '0.5s'), 3));
    expect(last?.retrySameCredential).toBeUndefined();
    expect(last?.failure).toMatchObject({ reason: 'quota', retryAfterMs: 500 });
  });

  it('on prod: QUOTA_EXHAUSTED and long rate limits cool this model with the reset Google names; short ones cool for their delay', () => {
    expect(classifyAntigravityError(input(429, rpc(429, 'QUOTA_EXHAUSTED', '3600s'), 1))?.failure).toMatchObject({ reason: 'quota', retryAfterMs: 3_600_000, message: expect.stringContaining('QUOTA_EXHAUSTED') });
    expect(classifyAntigravityError(input(429, rpc(429, 'RATE_LIMIT_EXCEEDED', '60s'), 1))?.failure).toMatchObject({ reason: 'quota', retryAfterMs: 60_000, message: expect.stringContaining('short cooldown') });
    expect(classifyAntigravityError(input(429, rpc(429, 'QUOTA_EXHAUSTED'), 1))?.failure?.wholeCredential).toBeUndefined();
  });

  it('no capacity anywhere: one delayed retry round, then a transient cooldown; other statuses use the generic rules', () => {
    const noCapacity = rpc(503, undefined, undefined, 'No capacity available for model x');
    expect(classifyAntigravityError(input(503, noCapacity, 1))).toEqual({ retrySameCredential: { delayMs: 250 } });
    expect(classifyAntigravityError(input(503, noCapacity, 3))?.failure).toMatchObject({ reason: 'transient' });
    expect(classifyAntigravityError(input(503, rpc(503, undefined, undefined, 'backend error'), 0))).toBeUndefined();
    expect(classifyAntigravityError(input(500, '{}', 0))).toBeUndefined();
  });

  it('a file with its own base_url has one host: every 429 is decided there', () => {
    const single = { ...credential, baseUrl: 'https://gateway.test' };
    expect(classifyAntigravityError({ ...input(429, rpc(429, 'QUOTA_EXHAUSTED'), 0), credential: single })?.failure).toMatchObject({ reason: 'quota' });
  });
});
