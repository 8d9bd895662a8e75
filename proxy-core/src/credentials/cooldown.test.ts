import { describe, expect, it } from 'vitest';
import { createCooldownStore } from './cooldown.js';

const MINUTE = 60_000;

describe('cooldown store', () => {
  it('cools one (credential, model) pair for the reference durations', () => {
    const store = createCooldownStore();
    const now = 1_000_000;
    expect(store.fail('a', 'm1', { reason: 'unauthorized', status: 401, message: 'bad key' }, now).until).toBe(now + 30 * MINUTE);
    expect(store.fail('a', 'm2', { reason: 'not_found', status: 404, message: '' }, now).until).toBe(now + 12 * 60 * MINUTE);
    expect(store.fail('a', 'm3', { reason: 'transient', status: 503, message: '' }, now).until).toBe(now + MINUTE);
    expect(store.blockedUntil('a', 'm1', now + 1)).toBe(now + 30 * MINUTE);
    expect(store.blockedUntil('a', 'other-model', now + 1)).toBe(0);
    expect(store.blockedUntil('b', 'm1', now + 1)).toBe(0);
  });

  it('honours Retry-After for 429s and otherwise backs off exponentially, reset by a success', () => {
    const store = createCooldownStore();
    expect(store.fail('a', 'm', { reason: 'quota', status: 429, retryAfterMs: 37_000, message: '' }, 0).until).toBe(37_000);
    const durations = [1, 2, 3].map(() => store.fail('b', 'm', { reason: 'quota', status: 429, message: '' }, 0).until);
    expect(durations).toEqual([1000, 2000, 4000]);
    store.succeed('b', 'm');
    expect(store.blockedUntil('b', 'm', 0)).toBe(0);
    expect(store.fail('b', 'm', { reason: 'quota', status: 429, message: '' }, 0).until).toBe(1000);
  });

  it('caps the quota backoff at 30 minutes', () => {
    const store = createCooldownStore();
    let until = 0;
    for (let index = 0; index < 40; index++) until = store.fail('a', 'm', { reason: 'quota', message: '' }, 0).until;
    expect(until).toBe(30 * MINUTE);
  });

  it('expires entries, can cool a whole credential, and clears on demand', () => {
    const store = createCooldownStore();
    store.fail('a', 'm', { reason: 'transient', message: '' }, 0);
    expect(store.blockedUntil('a', 'm', MINUTE + 1)).toBe(0);
    store.fail('a', 'x', { reason: 'unauthorized', message: '', wholeCredential: true }, 0);
    expect(store.blockedUntil('a', 'anything', 10)).toBe(30 * MINUTE);
    expect(store.list(10, 'a')).toHaveLength(1);
    expect(store.clear('a')).toBe(1);
    expect(store.blockedUntil('a', 'anything', 10)).toBe(0);
  });

  it('a per-model and a whole-credential cooldown overlap: the pair stays blocked until the later one, in either order', () => {
    const now = 1_000_000;
    const second = { reason: 'quota', status: 429, retryAfterMs: 1000, message: 'slow down' } as const;
    const halfHour = { reason: 'unauthorized', status: 401, message: 'key revoked', wholeCredential: true } as const;

    const modelFirst = createCooldownStore();
    modelFirst.fail('a', 'm', second, now);
    modelFirst.fail('a', 'm', halfHour, now);
    const credentialFirst = createCooldownStore();
    credentialFirst.fail('a', 'm', halfHour, now);
    credentialFirst.fail('a', 'm', second, now);

    for (const store of [modelFirst, credentialFirst]) {
      expect(store.blockedUntil('a', 'm', now + 1)).toBe(now + 30 * MINUTE);
      expect(store.entryFor('a', 'm', now + 1)).toMatchObject({ model: '*', reason: 'unauthorized', until: now + 30 * MINUTE });
      // After the 1 s model cooldown has ended the whole-credential one still holds.
      expect(store.blockedUntil('a', 'm', now + 5000)).toBe(now + 30 * MINUTE);
      expect(store.blockedUntil('a', 'm', now + 30 * MINUTE)).toBe(0);
    }
  });

  it('a long per-model cooldown outlasts a short whole-credential one, in either order', () => {
    const now = 0;
    const modelHalfHour = { reason: 'unauthorized', status: 403, message: 'model forbidden' } as const;
    const credentialSecond = { reason: 'quota', status: 429, retryAfterMs: 1000, message: 'slow down', wholeCredential: true } as const;
    const orders = [
      [modelHalfHour, credentialSecond],
      [credentialSecond, modelHalfHour],
    ];
    for (const [first, second] of orders) {
      const store = createCooldownStore();
      store.fail('a', 'm', first, now);
      store.fail('a', 'm', second, now);
      expect(store.blockedUntil('a', 'm', now + 1)).toBe(30 * MINUTE);
      expect(store.blockedUntil('a', 'other', now + 1)).toBe(1000);
      expect(store.blockedUntil('a', 'other', now + 1000)).toBe(0);
    }
  });
});
