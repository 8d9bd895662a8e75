import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { BAN_MS, createManagementAuth } from './management-auth.js';

describe('management auth', () => {
  const settings = { secretKey: bcrypt.hashSync('right', 4), allowRemote: false };

  it('is 404 without a secret, remote-only refusal before the key, and accepts the key from loopback', () => {
    let now = 0;
    const auth = createManagementAuth({ now: () => now });
    expect(auth.check({ secretKey: '', allowRemote: false }, '127.0.0.1', true, 'x')).toMatchObject({ ok: false, status: 404 });
    expect(auth.check(settings, '10.0.0.2', false, 'right')).toMatchObject({ ok: false, status: 403 });
    expect(auth.check(settings, '127.0.0.1', true, 'right')).toEqual({ ok: true });
    expect(auth.check({ ...settings, secretKey: 'plain' }, '127.0.0.1', true, 'plain')).toEqual({ ok: true });
    now += 1;
  });

  it('bans an address for 30 minutes after 5 bad keys, and the ban expires', () => {
    let now = 1000;
    const bans: string[] = [];
    const auth = createManagementAuth({ now: () => now, onBan: (address) => bans.push(address) });
    for (let attempt = 1; attempt <= 4; attempt++) expect(auth.check(settings, '127.0.0.1', true, 'wrong')).toMatchObject({ status: 401 });
    expect(auth.check(settings, '127.0.0.1', true, undefined)).toMatchObject({ status: 403, banned: true });
    expect(bans).toEqual(['127.0.0.1']);
    expect(auth.check(settings, '127.0.0.1', true, 'right')).toMatchObject({ status: 403, banned: true });
    now += BAN_MS + 1;
    expect(auth.check(settings, '127.0.0.1', true, 'right')).toEqual({ ok: true });
  });

  it('accepts the per-launch local key only from loopback', () => {
    const auth = createManagementAuth({ now: () => 0 });
    const local = { secretKey: '', allowRemote: true, localKey: 'launch-key' };
    expect(auth.check(local, '127.0.0.1', true, 'launch-key')).toEqual({ ok: true });
    expect(auth.check(local, '10.0.0.5', false, 'launch-key')).toMatchObject({ ok: false, status: 401 });
  });
});
