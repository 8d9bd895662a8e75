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
});
