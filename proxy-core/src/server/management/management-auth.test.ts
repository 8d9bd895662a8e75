import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { BAN_MS, createManagementAuth, FIRST_DELAY_MS, type ManagementRequest } from './management-auth.js';

const hash = bcrypt.hashSync('right', 4);
const settings = { secretKey: hash, allowRemote: false };
const local = (presented: string | undefined, address = '127.0.0.1'): ManagementRequest => ({ address, isLoopback: true, presented });
const remote = (presented: string | undefined, address = '10.0.0.2'): ManagementRequest => ({ address, isLoopback: false, presented });

describe('management auth', () => {
  it('is 404 without a secret, refuses remote callers before the key, and accepts the key from loopback', async () => {
    const auth = createManagementAuth({ now: () => 0 });
    try {
      expect(await auth.check({ secretKey: '', allowRemote: false }, local('x'))).toMatchObject({ ok: false, status: 404 });
      expect(await auth.check(settings, remote('right'))).toMatchObject({ ok: false, status: 403, code: 'remote_disabled' });
      expect(await auth.check(settings, local('right'))).toEqual({ ok: true });
      expect(await auth.check({ ...settings, secretKey: 'plain' }, local('plain'))).toEqual({ ok: true });
    } finally {
      auth.close();
    }
  });

  it('does not count requests without a key or from other web pages', async () => {
    const auth = createManagementAuth({ now: () => 0, compare: async (presented, secret) => bcrypt.compareSync(presented, secret) });
    for (let attempt = 0; attempt < 20; attempt++) {
      expect(await auth.check(settings, local(undefined))).toMatchObject({ status: 401, code: 'missing_key' });
      expect(await auth.check(settings, { ...local('wrong'), crossOrigin: 'https://evil.example' })).toMatchObject({ status: 403, code: 'cross_origin' });
    }
    expect(auth.blocks()).toEqual([]);
    expect(await auth.check(settings, local('right'))).toEqual({ ok: true });
  });

  it('bans a remote address for 30 minutes after 5 wrong keys; the ban expires', async () => {
    let now = 1000;
    const blocks: string[] = [];
    const auth = createManagementAuth({ now: () => now, compare: async (presented, secret) => bcrypt.compareSync(presented, secret), onBlock: (block) => blocks.push(`${block.kind} ${block.scope}`) });
    const open = { ...settings, allowRemote: true };
    for (let attempt = 1; attempt <= 4; attempt++) expect(await auth.check(open, remote(`wrong-${attempt}`))).toMatchObject({ status: 401 });
    expect(await auth.check(open, remote('wrong-5'))).toMatchObject({ status: 403, code: 'banned' });
    expect(blocks).toEqual(['ban 10.0.0.2']);
    expect(await auth.check(open, remote('right'))).toMatchObject({ status: 403, code: 'banned' });
    expect(await auth.check(open, remote('right', '10.0.0.3'))).toEqual({ ok: true });
    now += BAN_MS + 1;
    expect(await auth.check(open, remote('right'))).toEqual({ ok: true });
  });

  it('on loopback: wrong keys from any 127/8 address share one growing delay, never a lockout', async () => {
    let now = 1000;
    const auth = createManagementAuth({ now: () => now, compare: async (presented, secret) => bcrypt.compareSync(presented, secret) });
    for (let attempt = 1; attempt <= 4; attempt++) expect(await auth.check(settings, local(`wrong-${attempt}`, `127.0.0.${attempt}`))).toMatchObject({ status: 401 });
    expect(await auth.check(settings, local('wrong-5', '127.9.9.9'))).toMatchObject({ status: 429, code: 'throttled', retryAfterSeconds: 1 });
    // Rotating the source address does not help.
    expect(await auth.check(settings, local('wrong-6', '127.0.0.77'))).toMatchObject({ status: 429 });
    expect(auth.blocks()).toEqual([{ scope: 'loopback', kind: 'delay', until: 1000 + FIRST_DELAY_MS, failures: 5 }]);
    now += FIRST_DELAY_MS;
    expect(await auth.check(settings, local('wrong-7'))).toMatchObject({ status: 429, retryAfterSeconds: 2 });
    now += 2 * FIRST_DELAY_MS;
    expect(await auth.check(settings, local('right'))).toEqual({ ok: true });
  });

  it('the per-launch local key is accepted from loopback only and is never blocked; a key verified before passes a delay', async () => {
    let now = 0;
    const auth = createManagementAuth({ now: () => now, compare: async (presented, secret) => bcrypt.compareSync(presented, secret) });
    const withLocal = { secretKey: hash, allowRemote: true, localKey: 'launch-key' };
    expect(await auth.check(withLocal, local('right'))).toEqual({ ok: true });
    for (let attempt = 1; attempt <= 6; attempt++) await auth.check(withLocal, local(`wrong-${attempt}`));
    expect(auth.blocks()).toHaveLength(1);
    expect(await auth.check(withLocal, local('launch-key'))).toEqual({ ok: true });
    expect(await auth.check(withLocal, local('right'))).toEqual({ ok: true });
    expect(await auth.check(withLocal, remote('launch-key'))).toMatchObject({ ok: false, status: 401 });
    expect(auth.clear()).toBe(2);
    expect(auth.blocks()).toEqual([]);
    now += 1;
  });

  it('hashes each distinct key once, and never more keys at once than wrong keys are still allowed', async () => {
    const compared: string[] = [];
    const releases: Array<() => void> = [];
    const auth = createManagementAuth({
      now: () => 0,
      compare: (presented) => {
        compared.push(presented);
        return new Promise((resolve) => releases.push(() => resolve(presented === 'right')));
      },
    });
    const answers = Array.from({ length: 20 }, (_, index) => auth.check(settings, local(`wrong-${index}`)));
    const same = auth.check(settings, local('wrong-0'));
    await Promise.resolve();
    expect(compared).toEqual(['wrong-0', 'wrong-1', 'wrong-2', 'wrong-3', 'wrong-4']);
    for (const release of releases) release();
    const decisions = await Promise.all([...answers, same]);
    expect(decisions.filter((decision) => !decision.ok && decision.status === 429)).toHaveLength(16);
    expect(compared).toHaveLength(5);
  });
});
