import { describe, expect, it } from 'vitest';
import { parsePastedCallback } from './parse-callback.js';
import { normalizeProvider } from './provider-aliases.js';
import { challengeFor, createPkce } from './pkce.js';

describe('pasted callbacks', () => {
  it('reads the whole address, a query string, code#state and a bare code', () => {
    expect(parsePastedCallback('http://localhost:54545/callback?code=abc&state=xyz')).toEqual({ code: 'abc', state: 'xyz', error: undefined, errorDescription: undefined });
    expect(parsePastedCallback('  ?code=abc&state=xyz ')).toMatchObject({ code: 'abc', state: 'xyz' });
    expect(parsePastedCallback('abc#xyz')).toEqual({ code: 'abc', state: 'xyz' });
    expect(parsePastedCallback('abc')).toEqual({ code: 'abc' });
    expect(parsePastedCallback('https://platform.claude.com/oauth/code/callback?code=abc%23xyz')).toMatchObject({ code: 'abc', state: 'xyz' });
  });

  it('keeps the vendor’s error, and refuses text that carries nothing', () => {
    expect(parsePastedCallback('http://localhost:1455/auth/callback?error=access_denied&error_description=nope&state=s')).toMatchObject({ error: 'access_denied', errorDescription: 'nope', state: 's' });
    expect(parsePastedCallback('')).toBeUndefined();
    expect(parsePastedCallback('two words')).toBeUndefined();
    expect(parsePastedCallback('http://localhost:1455/auth/callback')).toBeUndefined();
  });
});

describe('provider names', () => {
  it('normalises the names people type to one id, and explains the ones there is no login for', () => {
    expect(normalizeProvider('Claude-Code').id).toBe('claude');
    expect(normalizeProvider('gemini').id).toBe('gemini-cli');
    expect(normalizeProvider('droid-cli').id).toBe('gemini-cli');
    expect(normalizeProvider('ChatGPT').id).toBe('codex');
    expect(normalizeProvider('roo_code')).toMatchObject({ id: 'roo', known: true });
    expect(normalizeProvider('roocode').unsupportedHint).toMatch(/Roo Code is a client/);
    expect(normalizeProvider('something')).toEqual({ id: 'something', known: false });
  });
});

describe('PKCE', () => {
  it('S256 challenge of a 43-character verifier (RFC 7636 appendix B vector)', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const pkce = createPkce();
    expect(pkce.verifier).toHaveLength(43);
    expect(pkce.challenge).toBe(challengeFor(pkce.verifier));
  });
});
