import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandGeminiCliProjects, geminiCliFile, geminiCliFileName, parseGeminiCliFile } from './account-file.js';

const fixture = () => JSON.parse(readFileSync(new URL('./__fixtures__/gemini-user@example.com-all.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('Gemini CLI auth file', () => {
  it('reads CLIProxyAPI’s file: nested token, expiry with an offset, a comma list of projects', () => {
    const record = parseGeminiCliFile(fixture());
    expect(record).toMatchObject({
      tokens: { accessToken: 'ya29.a0AfH6SMBexample', refreshToken: '1//0gexample-refresh', expiresAt: Date.parse('2026-12-01T09:15:30.123Z') },
      email: 'user@example.com',
      label: 'user@example.com',
      projects: ['proj-alpha', 'proj-beta'],
      identity: 'user@example.com|proj-alpha,proj-beta',
      attributes: { auto: 'false', checked: 'true' },
    });
  });

  it('writes the same layout back, keeping fields it does not know (prefix, proxy_url, token extras)', () => {
    const previous = fixture();
    const record = parseGeminiCliFile(previous);
    const renewed = { ...record, tokens: { ...record.tokens, accessToken: 'ya29.new', expiresAt: Date.parse('2026-12-01T12:00:00Z'), refreshedAt: Date.parse('2026-12-01T11:00:00Z') } };
    const file = geminiCliFile(renewed, previous);
    expect(file).toMatchObject({ type: 'gemini', prefix: 'work', proxy_url: 'socks5://127.0.0.1:1080', project_id: 'proj-alpha,proj-beta', email: 'user@example.com', auto: false, checked: true });
    expect(file.token).toEqual({ ...(previous.token as object), access_token: 'ya29.new', expiry: '2026-12-01T12:00:00.000Z' });
    expect(parseGeminiCliFile(file).tokens.accessToken).toBe('ya29.new');
  });

  it('names files like the reference: -<project>, -all for several projects', () => {
    const record = parseGeminiCliFile(fixture());
    expect(geminiCliFileName(record)).toBe('gemini-user@example.com-all.json');
    expect(geminiCliFileName({ ...record, projects: ['proj-alpha'] })).toBe('gemini-user@example.com-proj-alpha.json');
  });

  it('refuses a file without a token, saying what to do', () => {
    expect(() => parseGeminiCliFile({ type: 'gemini', email: 'x@example.com' })).toThrow(/log in again/);
  });

  it('ALL that was never resolved is no project (the login must set one up)', () => {
    expect(parseGeminiCliFile({ ...fixture(), project_id: 'ALL' }).projects).toEqual([]);
  });

  it('switch-project on: one credential per project; off: the first project only', () => {
    const record = parseGeminiCliFile(fixture());
    expect(expandGeminiCliProjects(record, { switchProject: true })).toEqual([
      { key: 'proj-alpha', label: 'user@example.com (proj-alpha)', project: 'proj-alpha' },
      { key: 'proj-beta', label: 'user@example.com (proj-beta)', project: 'proj-beta' },
    ]);
    expect(expandGeminiCliProjects(record, { switchProject: false })).toEqual([{ key: '', label: 'user@example.com (proj-alpha)', project: 'proj-alpha' }]);
    expect(expandGeminiCliProjects({ ...record, projects: ['solo'] }, { switchProject: true })).toEqual([{ key: '', label: 'user@example.com', project: 'solo' }]);
  });
});
