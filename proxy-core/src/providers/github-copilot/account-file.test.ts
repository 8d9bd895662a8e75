import { describe, expect, it } from 'vitest';
import { copilotFile, copilotFileName, parseCopilotFile } from './account-file.js';

// A file as CLIProxyAPIPlus / cliproxyapi-plusplus write it (sdk/auth/github_copilot.go).
const forkFile = { type: 'github-copilot', username: 'Octo-Dev', access_token: 'gho_abc123', token_type: 'bearer', scope: 'user:email', timestamp: 1_765_000_000_000, api_token_expires_at: 1_765_001_500 };

describe('github-copilot auth files', () => {
  it('a fork file loads with the GitHub token as the refresh token and no Copilot token yet (minted on first use)', () => {
    const record = parseCopilotFile(forkFile);
    expect(record.tokens).toEqual({ accessToken: '', refreshToken: 'gho_abc123', expiresAt: 0, refreshedAt: 1_765_000_000_000 });
    expect(record).toMatchObject({ label: 'Octo-Dev', identity: 'github:octo-dev', attributes: { username: 'Octo-Dev', tokenType: 'bearer', scope: 'user:email' } });
    expect(copilotFileName(record)).toBe('github-copilot-Octo-Dev.json');
  });

  it('writes the fork fields back unchanged (GitHub token in access_token), plus the current Copilot token, and reads them again', () => {
    const record = parseCopilotFile(forkFile);
    const minted = { ...record, tokens: { ...record.tokens, accessToken: 'tid=1;exp=2', expiresAt: 1_765_003_000_000 }, attributes: { ...record.attributes, apiBase: 'https://api.business.githubcopilot.com' } };
    const file = copilotFile(minted, forkFile);
    expect(file).toEqual({ ...forkFile, api_token_expires_at: 1_765_003_000, copilot_token: 'tid=1;exp=2', copilot_api: 'https://api.business.githubcopilot.com' });
    const again = parseCopilotFile(file);
    expect(again.tokens).toMatchObject({ accessToken: 'tid=1;exp=2', refreshToken: 'gho_abc123', expiresAt: 1_765_003_000_000 });
    expect(again.attributes.apiBase).toBe('https://api.business.githubcopilot.com');
  });

  it('a file without access_token says how to log in again', () => {
    expect(() => parseCopilotFile({ type: 'github-copilot', username: 'x' })).toThrow('it has no access_token (the GitHub token); log in again with: cliproxyctl login --provider github-copilot');
  });
});
