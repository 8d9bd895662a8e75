import { describe, expect, it } from 'vitest';
import { createRedactor } from '../observability/index.js';
import type { AccountEntry } from './account-entry.js';
import { createAccountRefresher } from './account-refresher.js';

describe('account refresher', () => {
  it('keeps a vendor refresh error with every secret masked (management and the UI show it)', async () => {
    const redactor = createRedactor();
    redactor.setSecrets(['plain-refresh-token-value-0001']);
    const refresher = createAccountRefresher({
      clock: { now: () => 1000 } as never,
      log: () => undefined,
      context: () => ({}) as never,
      persist: async () => undefined,
      scrub: (text) => redactor.redact(text),
    });
    const entry = {
      file: 'claude-a.json',
      provider: { id: 'claude', displayName: 'Claude Code' },
      record: { label: 'a@example.com', tokens: { expiresAt: 0 } },
      support: { refresh: async () => Promise.reject(new Error('token endpoint said: refresh token plain-refresh-token-value-0001 is invalid; access token sk-ant-oat01-abcdefghijklmnopqrstuvwxyz revoked')) },
    } as unknown as AccountEntry;
    await expect(refresher.refresh(entry, 'test')).rejects.toThrow();
    expect(entry.lastRefresh?.error).toContain('token endpoint said: refresh token ');
    expect(entry.lastRefresh?.error).not.toContain('plain-refresh-token-value-0001');
    expect(entry.lastRefresh?.error).not.toContain('abcdefghijklmnop');
  });
});
