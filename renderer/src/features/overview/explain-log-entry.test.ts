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
