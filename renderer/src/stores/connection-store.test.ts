import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../test/fake-fetch.js';
import { ManagementApiError, type StatusResponse } from '../api/index.js';
import { createConnectionStore, KEY_STORAGE_NAME } from './connection-store.js';

const GOOD = 'the-right-key';
const verifier = () =>
  vi.fn(async (connection: { key: string | null }) => {
    if (connection.key !== GOOD) throw new ManagementApiError('invalid management key', { kind: 'unauthorized', status: 401 });
    return {} as StatusResponse;
  });

function setup(options: { stored?: string; remembered?: string; desktop?: { getManagementConnection(): Promise<{ baseUrl: string; key: string }> } } = {}) {
  const session = memoryStorage();
  const local = memoryStorage();
  if (options.stored) session.setItem(KEY_STORAGE_NAME, options.stored);
  if (options.remembered) local.setItem(KEY_STORAGE_NAME, options.remembered);
  const verify = verifier();
  const store = createConnectionStore({ origin: 'http://127.0.0.1:8317/', sessionStorage: session, localStorage: local, verify, desktop: options.desktop });
  return { store, session, local, verify };
}

describe('connection store (browser at /ui)', () => {
  it('asks for the key when none is stored, and uses the page origin as base URL', async () => {
    const { store, verify } = setup();
    await store.getState().connect();
    expect(store.getState().phase).toBe('need-key');
    expect(store.getState().baseUrl).toBe('http://127.0.0.1:8317');
    expect(verify).not.toHaveBeenCalled();
  });

  it('a right key connects and is kept for the session only, unless "remember" is ticked', async () => {
    const { store, session, local } = setup();
    await store.getState().submitKey(`  ${GOOD} `, false);
    expect(store.getState().phase).toBe('ready');
    expect(store.current()).toEqual({ baseUrl: 'http://127.0.0.1:8317', key: GOOD });
    expect(session.values.get(KEY_STORAGE_NAME)).toBe(GOOD);
    expect(local.values.size).toBe(0);

    const remembered = setup();
    await remembered.store.getState().submitKey(GOOD, true);
    expect(remembered.local.values.get(KEY_STORAGE_NAME)).toBe(GOOD);
    expect(remembered.session.values.size).toBe(0);
  });

  it('a wrong key is refused with a message, not stored, and never put in the store state', async () => {
    const { store, session } = setup();
    await store.getState().submitKey('wrong', false);
    expect(store.getState()).toMatchObject({
      phase: 'need-key',
      message:
        `The proxy did not accept this key. Use the management key printed when the proxy first started (config.yaml keeps only its hash, "$2b$…", which is not the key). Lost it? Run \`cliproxyctl reset-management-key\` on the proxy's machine for a new one.`,
    });
    expect(store.getState().message).not.toMatch(/secret-key from config.yaml/);
    expect(session.values.size).toBe(0);
    expect(store.current().key).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain('wrong');
  });

  it('reconnects with a stored key; a stale stored key is forgotten and the form comes back', async () => {
    const good = setup({ remembered: GOOD });
    await good.store.getState().connect();
    expect(good.store.getState().phase).toBe('ready');

    const stale = setup({ stored: 'old-key' });
    await stale.store.getState().connect();
    expect(stale.store.getState()).toMatchObject({ phase: 'need-key', message: expect.stringMatching(/no longer accepted/) });
    expect(stale.session.values.size).toBe(0);
  });

  it('a 401 while connected forgets the key and asks again', async () => {
    const { store, session } = setup({ stored: GOOD });
    await store.getState().connect();
    store.getState().handleUnauthorized();
    expect(store.getState().phase).toBe('need-key');
    expect(store.current().key).toBeNull();
    expect(session.values.size).toBe(0);
  });

  it('explains a disabled management API (404) and a banned address (403)', async () => {
    const session = memoryStorage();
    const failing = (error: ManagementApiError) =>
      createConnectionStore({ origin: 'http://h', sessionStorage: session, localStorage: memoryStorage(), verify: () => Promise.reject(error) });
    const disabled = failing(new ManagementApiError('not found', { kind: 'http', status: 404, code: 'disabled' }));
    await disabled.getState().submitKey('k', false);
    expect(disabled.getState().message).toBe('Management is turned off on this proxy: run `cliproxyctl reset-management-key` (or `cliproxyctl doctor --fix`) on its machine; it prints a key to enter here.');
    const banned = failing(new ManagementApiError('Too many failed attempts: banned for 30 minutes.', { kind: 'http', status: 403 }));
    await banned.getState().submitKey('k', false);
    expect(banned.getState().message).toBe('Too many failed attempts: banned for 30 minutes.');
  });

  it('a wrong key says what to use instead and how many tries are left; a lockout says how to lift it', async () => {
    const session = memoryStorage();
    const failing = (error: ManagementApiError) =>
      createConnectionStore({ origin: 'http://h', sessionStorage: session, localStorage: memoryStorage(), verify: () => Promise.reject(error) });
    const wrong = failing(new ManagementApiError('Wrong management key (2 more wrong key(s) before tries from this machine are slowed down).', { kind: 'unauthorized', status: 401, code: 'unauthorized' }));
    await wrong.getState().submitKey('k', false);
    expect(wrong.getState().message).toBe(
      'The proxy did not accept this key. Use the management key printed when the proxy first started (config.yaml keeps only its hash, "$2b$…", which is not the key). Lost it? Run `cliproxyctl reset-management-key` on the proxy\'s machine for a new one. After 2 more wrong key(s) the proxy makes this machine wait between tries; `cliproxyctl doctor --fix` lifts that.',
    );
    const throttled = failing(new ManagementApiError('Too many wrong management keys from this machine (5): wait 4 s before the next try … Lift it with `cliproxyctl doctor --fix`.', { kind: 'http', status: 429, code: 'throttled' }));
    await throttled.getState().submitKey('k', false);
    expect(throttled.getState().message).toContain('Lift it with `cliproxyctl doctor --fix`');
  });
});

describe('connection store (inside Electron)', () => {
  it('takes base URL and key from window.desktop and never shows the form', async () => {
    const desktop = { getManagementConnection: vi.fn(async () => ({ baseUrl: 'http://127.0.0.1:9999/', key: GOOD })) };
    const { store } = setup({ desktop });
    await store.getState().connect();
    expect(store.getState()).toMatchObject({ phase: 'ready', mode: 'desktop', baseUrl: 'http://127.0.0.1:9999' });
    expect(store.current().key).toBe(GOOD);
  });

  it('on a 401 asks the app once more, then gives up with an explanation', async () => {
    let key = GOOD;
    const desktop = { getManagementConnection: vi.fn(async () => ({ baseUrl: 'http://127.0.0.1:9999', key })) };
    const { store } = setup({ desktop });
    await store.getState().connect();
    key = 'rotated-but-wrong';
    store.getState().handleUnauthorized();
    await vi.waitFor(() => expect(store.getState().phase).toBe('failed'));
    expect(desktop.getManagementConnection).toHaveBeenCalledTimes(2);
    expect(store.getState().message).toMatch(/did not accept/);
  });
});
