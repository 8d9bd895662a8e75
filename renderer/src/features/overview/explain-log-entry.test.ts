import { describe, expect, it } from 'vitest';
import { explainLogEntry } from './explain-log-entry.js';

describe('recent problems in plain language', () => {
  it('splits the headline from the upstream detail, adds what it means, and shows times as local clock times', () => {
    const until = new Date(2026, 10, 23, 14, 20).toISOString();
    const explained = explainLogEntry({ seq: 1, time: 0, level: 'warn', message: `claude sk-a…0001 failed for claude-sonnet-4-5; cooling until ${until}: HTTP 429 rate limited` });
    expect(explained.title).toBe('claude sk-a…0001 failed for claude-sonnet-4-5; cooling until 14:20');
    expect(explained.detail).toMatch(/^The upstream is rate limiting this account.* — HTTP 429 rate limited$/);
  });

  it('keeps a message without detail as it is', () => {
    expect(explainLogEntry({ seq: 1, time: 0, level: 'error', message: 'something odd happened' })).toEqual({ title: 'something odd happened', detail: null });
  });
  it('explains a management lockout and a wrong management key with how to recover', () => {
    expect(explainLogEntry({ seq: 2, time: 0, level: 'warn', message: 'management: 5 wrong keys from this machine; the next try waits until 2026-12-08T01:02:03.000Z' }).detail).toContain('"Lift the lockout" on the Troubleshooting page (or `cliproxyctl doctor --fix`) ends it.');
    expect(explainLogEntry({ seq: 3, time: 0, level: 'warn', message: 'management auth failed from 127.0.0.1: Wrong management key (4 more wrong key(s) before tries from this machine are slowed down).' }).detail).toMatch(/^A program sent a wrong management key/);
  });
});

describe('a 401 is explained by who refused', () => {
  it('a wrong client key is the calling program\'s key, not an upstream refusal', () => {
    const explained = explainLogEntry({
      seq: 3,
      time: 0,
      level: 'warn',
      message: 'POST /v1/chat/completions 401 2ms',
      fields: { method: 'POST', path: '/v1/chat/completions', status: 401, attempts: 0, error: 'Invalid API key sk-w…ong1: it is not in api-keys. Check for typos or stray spaces.', code: 'invalid_api_key' },
    });
    expect(explained).toEqual({
      title: 'POST /v1/chat/completions 401 2ms',
      detail:
        "A program sent this proxy a client key that is not in api-keys (or no key). Your upstream accounts are fine: fix the key in that program's settings (copy it from the Overview page). — Invalid API key sk-w…ong1: it is not in api-keys. Check for typos or stray spaces.",
    });
    expect(explained.detail).not.toMatch(/upstream refused/);
  });

  it('recognises a missing client key from a log line without an error code by its message and the absent account', () => {
    const explained = explainLogEntry({ seq: 4, time: 0, level: 'warn', message: 'POST /v1/messages 401 1ms', fields: { path: '/v1/messages', status: 401, error: 'Missing API key: send it as x-api-key, using one of the keys in api-keys.' } });
    expect(explained.detail).toMatch(/^A program sent this proxy a client key that is not in api-keys/);
  });

  it('a 401 after an account was tried is still the upstream refusing that account', () => {
    const explained = explainLogEntry({
      seq: 5,
      time: 0,
      level: 'warn',
      message: 'POST /v1/messages 401 180ms',
      fields: { path: '/v1/messages', status: 401, credential: 'claude sk-a…0001', attempts: 1, error: 'HTTP 401 invalid x-api-key', code: 'upstream_error' },
    });
    expect(explained.detail).toBe('The upstream refused the key or login. Check the key on the Accounts page, or log in again.');
  });
});
