import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../providers/registry.js';
import { loadAccounts } from './account-loader.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function authDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-loader-'));
  dirs.push(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  return dir;
}

const claude = (token: string, hoursLeft: number) => ({ type: 'claude', access_token: token, refresh_token: `r-${token}`, email: 'same@example.com', account_uuid: 'u-1', expired: new Date(Date.now() + hoursLeft * 3_600_000).toISOString() });
const load = (dir: string, previous = new Map()) =>
  loadAccounts({ authDir: dir, providers: createProviderRegistry(), previous, endpoints: () => (name) => `https://${name}.example`, switchProject: true, proxyUrl: '', onReadError: () => undefined });

describe('loading auth-dir', () => {
  it('of three files of one account the newest token wins, and both older copies point at it', async () => {
    const dir = authDir({ 'claude-a.json': claude('old', 1), 'claude-b.json': claude('middle', 2), 'claude-c.json': claude('newest', 3) });
    const loaded = await load(dir);
    expect([...loaded.entries.keys()]).toEqual(['claude-c.json']);
    expect(Object.fromEntries(loaded.shadowed)).toEqual({ 'claude-a.json': 'claude-c.json', 'claude-b.json': 'claude-c.json' });
    expect(loaded.credentials).toEqual([expect.objectContaining({ id: 'claude-c.json', kind: 'oauth', provider: 'claude', label: 'same@example.com' })]);
    expect(loaded.credentials[0].account?.endpoints.api).toBe('https://api.example');
  });

  it('broken and foreign files are listed with the reason, never thrown on; other types are left alone', async () => {
    const dir = authDir({ 'claude-x.json': { type: 'claude', email: 'x@example.com' }, 'junk.json': '{oops', 'cursor-y.json': { type: 'cursor', access_token: 'k' } });
    const loaded = await load(dir);
    expect(loaded.credentials).toEqual([]);
    expect(loaded.problems.get('claude-x.json')).toMatch(/no access_token/);
    expect(loaded.problems.get('junk.json')).toMatch(/not valid JSON/);
    expect(loaded.problems.has('cursor-y.json')).toBe(false);
  });

  it('a token replaced from outside (a new login) is reported as renewed; refresh results carry over otherwise', async () => {
    const dir = authDir({ 'claude-a.json': claude('first', 2) });
    const first = await load(dir);
    first.entries.get('claude-a.json')!.needsRelogin = { at: 1, message: 'revoked' };
    const same = await load(dir, first.entries);
    expect(same.renewed).toEqual([]);
    expect(same.entries.get('claude-a.json')!.needsRelogin).toEqual({ at: 1, message: 'revoked' });
    writeFileSync(path.join(dir, 'claude-a.json'), JSON.stringify(claude('second', 8)));
    const renewed = await load(dir, same.entries);
    expect(renewed.renewed).toEqual(['claude-a.json']);
    expect(renewed.entries.get('claude-a.json')!.needsRelogin).toBeUndefined();
  });
});
