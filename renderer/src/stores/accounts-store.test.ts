import { describe, expect, it, vi } from 'vitest';
import { createFakeFetch, json, type FakeCall } from '../../test/fake-fetch.js';
import { createManagementClient, type AccountView, type LoginView } from '../api/index.js';
import { createAccountsStore } from './accounts-store.js';
import { createToastStore } from './toast-store.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');

const account = (overrides: Partial<AccountView> = {}): AccountView => ({
  id: 'claude-me@example.com.json',
  provider: 'claude',
  providerName: 'Claude Code',
  label: 'me@example.com',
  email: 'me@example.com',
  file: 'claude-me@example.com.json',
  enabled: true,
  state: 'active',
  stateMessage: 'Ready.',
  plan: null,
  projects: [],
  token: { expiresAt: new Date(NOW + 3_600_000).toISOString(), lastRefreshAt: null, lastRefresh: null, nextRefreshAt: null },
  quota: { buckets: [], fetchedAt: null, source: null, error: null },
  cooldowns: [],
  models: ['claude-sonnet-4-6'],
  lastUsedAt: null,
  ...overrides,
});

const login = (overrides: Partial<LoginView> = {}): LoginView => ({
  id: 'login-1',
  provider: 'claude',
  providerName: 'Claude Code',
  flow: 'browser',
  status: 'waiting',
  url: 'https://claude.example/oauth/authorize?state=s1',
  userCode: null,
  callbackUrl: 'http://localhost:54545/callback',
  tunnelCommand: 'ssh -L 54545:127.0.0.1:54545 host',
  message: 'Open the link and approve access; this page updates by itself.',
  startedAt: new Date(NOW).toISOString(),
  expiresAt: new Date(NOW + 600_000).toISOString(),
  account: null,
  error: null,
  ...overrides,
});

const PROVIDERS = {
  providers: [
    { id: 'claude', name: 'Claude Code', hint: 'Claude Pro / Max', flows: ['browser', 'manual'], defaultCallbackPort: 54545, anyCallbackPort: true, options: [], hasQuota: true },
    { id: 'gemini-cli', name: 'Gemini CLI', hint: 'Google account', flows: ['browser', 'manual'], defaultCallbackPort: 8085, anyCallbackPort: true, options: ['projectId'], hasQuota: true },
  ],
};

/** Timers the test fires by hand: `tick()` runs what is due. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  return {
    setTimeout: (callback: () => void) => {
      const id = next++;
      pending.set(id, callback);
      return id;
    },
    clearTimeout: (id: unknown) => void pending.delete(id as number),
    get pending() {
      return pending.size;
    },
    async tick() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, callback] of due) callback();
      await flush();
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(handler: (call: FakeCall) => Response | Promise<Response>, options: { remote?: boolean } = {}) {
  const fake = createFakeFetch(handler);
  const client = createManagementClient({ fetch: fake.fetch, connection: () => ({ baseUrl: 'http://127.0.0.1:8317', key: 'k' }) });
  const toasts = createToastStore({ setTimeout: () => 0 });
  const timers = manualTimers();
  const changed = vi.fn();
  const store = createAccountsStore({ client, toasts, clock: { now: () => NOW }, timers, isRemote: () => options.remote ?? false, onAccountsChanged: changed });
  const lastToast = () => toasts.getState().toasts.at(-1);
  const route = (call: FakeCall) => `${call.method} ${call.url.pathname.replace('/v0/management', '')}`;
  return { store, fake, timers, changed, lastToast, route };
}

describe('accounts store: logins', () => {
  it('Gemini CLI: choosing a project restarts the login for that project and cancels the first one', async () => {
    const starts: unknown[] = [];
    const { store, fake, route } = setup(async (call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') {
        starts.push(JSON.parse(call.body ?? '{}'));
        return json(login({ id: `login-${starts.length}`, provider: 'gemini-cli', providerName: 'Gemini CLI' }), 201);
      }
      if (what.startsWith('DELETE /logins/')) return json(login({ status: 'cancelled' }));
      return json(login());
    });
    await store.getState().load();
    await store.getState().startLogin('gemini-cli');
    expect(store.getState().login).toMatchObject({ options: ['projectId'], projectId: null });
    await store.getState().chooseProject(' my-project ');
    expect(starts).toEqual([expect.not.objectContaining({ projectId: expect.anything() }), expect.objectContaining({ provider: 'gemini-cli', projectId: 'my-project' })]);
    expect(store.getState().login).toMatchObject({ projectId: 'my-project', view: { id: 'login-2' } });
    expect(fake.calls.some((call) => route(call) === 'DELETE /logins/login-1')).toBe(true);
  });

  it('Kiro: an IAM Identity Center start URL and region restart the login with them, survive a retry, and empty goes back to Builder ID', async () => {
    const starts: Array<Record<string, unknown>> = [];
    const kiro = { id: 'kiro', name: 'Kiro', hint: 'AWS', flows: ['device'], defaultCallbackPort: null, anyCallbackPort: false, options: ['startUrl', 'region'], hasQuota: false };
    const { store, route } = setup(async (call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json({ providers: [kiro] });
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') {
        starts.push(JSON.parse(call.body ?? '{}'));
        return json(login({ id: `login-${starts.length}`, provider: 'kiro', providerName: 'Kiro', flow: 'device' }), 201);
      }
      if (what.startsWith('DELETE /logins/')) return json(login({ status: 'cancelled' }));
      return json(login());
    });
    await store.getState().load();
    await store.getState().startLogin('kiro');
    expect(store.getState().login).toMatchObject({ options: ['startUrl', 'region'], identityCenter: null });
    await store.getState().chooseIdentityCenter(' https://my-org.awsapps.com/start ', ' eu-west-1 ');
    await store.getState().retryLogin();
    await store.getState().chooseIdentityCenter('', 'eu-west-1');
    expect(starts).toEqual([
      { provider: 'kiro', flow: 'device' },
      { provider: 'kiro', flow: 'device', startUrl: 'https://my-org.awsapps.com/start', region: 'eu-west-1' },
      { provider: 'kiro', flow: 'device', startUrl: 'https://my-org.awsapps.com/start', region: 'eu-west-1' },
      { provider: 'kiro', flow: 'device' },
    ]);
    expect(store.getState().login).toMatchObject({ identityCenter: null, view: { id: 'login-4' } });
  });

  it('starts the provider’s default flow, polls about once a second while waiting, and refreshes the accounts when done', async () => {
    let polls = 0;
    const { store, fake, timers, changed, lastToast, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: polls >= 2 ? [account()] : [] });
      if (what === 'POST /logins') return json(login(), 201);
      if (what === 'GET /logins/login-1') {
        polls++;
        return json(polls < 2 ? login() : login({ status: 'done', message: 'Logged in as me@example.com.', account: { id: 'claude-me@example.com.json', label: 'me@example.com', file: 'claude-me@example.com.json' } }));
      }
      return json({ error: `unexpected ${what}` }, 500);
    });
    await store.getState().load();
    await store.getState().startLogin('claude');
    expect(JSON.parse(fake.calls.find((call) => call.method === 'POST')!.body!)).toEqual({ provider: 'claude', flow: 'browser' });
    expect(store.getState().login).toMatchObject({ providerName: 'Claude Code', flow: 'browser', flows: ['browser', 'manual'], view: { status: 'waiting' } });
    expect(timers.pending).toBe(1);

    await timers.tick();
    expect(store.getState().login?.view?.status).toBe('waiting');
    await timers.tick();
    expect(store.getState().login?.view).toMatchObject({ status: 'done', account: { label: 'me@example.com' } });
    expect(timers.pending).toBe(0);
    expect(lastToast()).toMatchObject({ tone: 'success', message: 'Claude Code: logged in as me@example.com.' });
    expect(changed).toHaveBeenCalled();
    await flush();
    expect(store.getState().accounts.data).toHaveLength(1);
  });

  it('paste mode: the pasted code finishes the login; a refused paste shows the proxy’s words and the login keeps waiting', async () => {
    let pasted = 0;
    const { store, fake, timers, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') return json(login({ id: 'login-2', flow: 'manual', callbackUrl: 'https://platform.claude.com/oauth/code/callback', tunnelCommand: null }), 201);
      if (what === 'DELETE /logins/login-1') return json(login({ status: 'cancelled' }));
      if (what === 'POST /logins/login-2/callback') {
        pasted++;
        return pasted === 1
          ? json({ error: 'This sign-in link is not for this login: The state does not match the login in progress.' }, 400)
          : json(login({ id: 'login-2', flow: 'manual', status: 'done', account: { id: 'a', label: 'me@example.com', file: 'a.json' } }));
      }
      if (what === 'GET /logins/login-2') return json(login({ id: 'login-2', flow: 'manual' }));
      return json(login(), 201);
    });
    await store.getState().load();
    await store.getState().chooseFlow('manual'); // no panel yet: nothing happens
    expect(store.getState().login).toBeNull();

    await store.getState().startLogin('claude', { flow: 'manual' });
    expect(store.getState().login?.flow).toBe('manual');
    await store.getState().submitCallback('   ');
    expect(store.getState().login?.pasteError).toMatch(/Paste the address/);
    expect(fake.calls.some((call) => call.url.pathname.endsWith('/callback'))).toBe(false);

    await store.getState().submitCallback('code-1#wrong-state');
    expect(store.getState().login).toMatchObject({ submitting: false, pasteError: expect.stringMatching(/state does not match/), view: { status: 'waiting' } });
    await store.getState().submitCallback(' code-1#s1 ');
    expect(JSON.parse(fake.calls.filter((call) => call.url.pathname.endsWith('/callback')).at(-1)!.body!)).toEqual({ url: 'code-1#s1' });
    expect(store.getState().login).toMatchObject({ submitting: false, pasteError: null, view: { status: 'done' } });
    expect(timers.pending).toBe(0);
    // Only choosing a flow in the panel changes the remembered choice.
    expect(store.getState().preferredFlow).toEqual({});
  });

  it('switching the flow cancels the waiting login and starts the other one; the choice is remembered', async () => {
    const { store, fake, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') {
        const body = JSON.parse(call.body!);
        return json(login({ id: body.flow === 'manual' ? 'login-m' : 'login-b', flow: body.flow }), 201);
      }
      if (what.startsWith('DELETE /logins/')) return json(login({ status: 'cancelled' }));
      return json({}, 404);
    });
    await store.getState().load();
    await store.getState().startLogin('claude');
    await store.getState().chooseFlow('manual');
    expect(fake.calls.map(route)).toContain('DELETE /logins/login-b');
    expect(store.getState().login).toMatchObject({ flow: 'manual', view: { id: 'login-m' } });
    expect(store.getState().preferredFlow).toEqual({ claude: 'manual' });
    store.getState().closeLogin();
    await flush();
    expect(fake.calls.map(route)).toContain('DELETE /logins/login-m');
    await store.getState().startLogin('claude');
    expect(store.getState().login?.flow).toBe('manual');
    store.getState().dispose();
  });

  it('opened from another machine, paste mode is the default', async () => {
    const { store, fake } = setup((call) => (call.url.pathname.endsWith('/login-providers') ? json(PROVIDERS) : call.method === 'POST' ? json(login({ flow: 'manual' }), 201) : json({ accounts: [] })), { remote: true });
    await store.getState().load();
    await store.getState().startLogin('claude');
    expect(JSON.parse(fake.calls.find((call) => call.method === 'POST')!.body!).flow).toBe('manual');
    store.getState().dispose();
  });

  it('an error ends polling with the next step; "Try again" starts a fresh login; cancel while starting drops the late answer', async () => {
    let started = 0;
    let release: (response: Response) => void = () => undefined;
    const { store, fake, timers, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') {
        started++;
        if (started === 3) return new Promise<Response>((resolve) => (release = resolve));
        return json(login({ id: `login-${started}` }), 201);
      }
      if (what === 'GET /logins/login-1') return json(login({ status: 'error', error: { code: 'access_denied', message: 'The sign-in was refused: access_denied.', nextStep: 'Start the login again and approve access.' } }));
      if (what.startsWith('DELETE')) return json(login({ status: 'cancelled' }));
      return json(login({ id: 'login-2' }));
    });
    await store.getState().load();
    await store.getState().startLogin('claude');
    await timers.tick();
    expect(store.getState().login?.view).toMatchObject({ status: 'error', error: { nextStep: 'Start the login again and approve access.' } });
    expect(timers.pending).toBe(0);

    await store.getState().retryLogin();
    expect(store.getState().login?.view).toMatchObject({ id: 'login-2', status: 'waiting' });

    const third = store.getState().startLogin('claude');
    await flush();
    expect(store.getState().login?.view).toBeNull();
    await store.getState().cancelLogin();
    expect(store.getState().login).toBeNull();
    release(json(login({ id: 'login-3' }), 201));
    await third;
    await flush();
    expect(store.getState().login).toBeNull();
    expect(fake.calls.map(route)).toEqual(expect.arrayContaining(['DELETE /logins/login-2', 'DELETE /logins/login-3']));
    expect(timers.pending).toBe(0);
  });

  it('a login that cannot start says why; a proxy that stops answering is reported while polling goes on', async () => {
    let down = false;
    const { store, timers, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what === 'GET /accounts') return json({ accounts: [] });
      if (what === 'POST /logins') return JSON.parse(call.body!).provider === 'nope' ? json({ error: '"nope" is not a provider you can log in to.' }, 400) : json(login(), 201);
      if (down) return Promise.reject(new TypeError('fetch failed'));
      return json(login());
    });
    await store.getState().load();
    await store.getState().startLogin('nope');
    expect(store.getState().login).toMatchObject({ view: null, startError: { message: '"nope" is not a provider you can log in to.' } });
    expect(timers.pending).toBe(0);

    await store.getState().startLogin('claude');
    down = true;
    await timers.tick();
    expect(store.getState().login).toMatchObject({ pollError: expect.stringMatching(/Cannot reach the proxy/), view: { status: 'waiting' } });
    expect(timers.pending).toBe(1);
    down = false;
    await timers.tick();
    expect(store.getState().login?.pollError).toBeNull();
    store.getState().dispose();
    expect(timers.pending).toBe(0);
  });

  it('checks the login request against the contract before sending it', async () => {
    const { store, fake } = setup((call) => (call.url.pathname.endsWith('/login-providers') ? json(PROVIDERS) : json({ accounts: [] })));
    await store.getState().load();
    await store.getState().startLogin('claude', { callbackPort: 70_000 });
    expect(store.getState().login?.startError?.message).toMatch(/Invalid request: callbackPort/);
    expect(fake.calls.some((call) => call.method === 'POST')).toBe(false);
  });
});

describe('accounts store: account actions', () => {
  it('"Refresh quota" asks the vendor (refresh=true) and puts the new buckets on the account; a vendor error is a warning', async () => {
    let fail = false;
    const { store, fake, lastToast, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /accounts') return json({ accounts: [account()] });
      if (what === 'GET /login-providers') return json(PROVIDERS);
      if (what.endsWith('/quota')) {
        return json(
          fail
            ? { buckets: [], fetchedAt: null, source: null, error: 'The usage endpoint answered 503.' }
            : { buckets: [{ id: 'five_hour', label: '5-hour limit', remainingFraction: 0.75, remaining: null, limit: null, unit: null, resetsAt: new Date(NOW + 7_200_000).toISOString(), models: [] }], fetchedAt: new Date(NOW).toISOString(), source: 'vendor', error: null },
        );
      }
      return json({}, 404);
    });
    await store.getState().load();
    const target = store.getState().accounts.data![0];
    const pending = store.getState().refreshQuota(target);
    expect(store.getState().isBusy(target.id, 'quota')).toBe(true);
    await pending;
    expect(store.getState().isBusy(target.id, 'quota')).toBe(false);
    const quotaCall = fake.calls.find((call) => call.url.pathname.endsWith('/quota'))!;
    expect(quotaCall.url.pathname).toBe('/v0/management/accounts/claude-me%40example.com.json/quota');
    expect(quotaCall.url.searchParams.get('refresh')).toBe('true');
    expect(store.getState().accounts.data![0].quota.buckets[0]).toMatchObject({ id: 'five_hour', remainingFraction: 0.75 });
    expect(lastToast()).toMatchObject({ tone: 'success' });
    fail = true;
    await store.getState().refreshQuota(target);
    expect(lastToast()).toMatchObject({ tone: 'warning', message: expect.stringContaining('The usage endpoint answered 503.') });
  });

  it('"Refresh token" shows the result: a refused refresh token turns the account into needs-relogin with an error toast', async () => {
    const dead = account({ state: 'needs-relogin', stateMessage: 'Log in again: invalid_grant.', token: { expiresAt: null, lastRefreshAt: null, lastRefresh: { ok: false, at: new Date(NOW).toISOString(), error: 'invalid_grant' }, nextRefreshAt: null } });
    const { store, lastToast, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /accounts') return json({ accounts: [account()] });
      if (what.endsWith('/refresh')) return json(dead);
      return json(PROVIDERS);
    });
    await store.getState().load();
    await store.getState().refreshToken(store.getState().accounts.data![0]);
    expect(store.getState().accounts.data![0].state).toBe('needs-relogin');
    expect(lastToast()).toMatchObject({ tone: 'error', message: 'me@example.com: Log in again: invalid_grant.' });
  });

  it('the enable switch flips at once, writes PATCH /credentials/:id and is put back when the proxy refuses', async () => {
    let refuse = false;
    const { store, fake, changed, lastToast, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /accounts') return json({ accounts: [account()] });
      if (call.method === 'PATCH') return refuse ? json({ error: 'No credential with id "x".' }, 404) : json({ ok: true, persisted: true, credential: {} });
      return json(PROVIDERS);
    });
    await store.getState().load();
    const target = store.getState().accounts.data![0];
    const pending = store.getState().setEnabled(target, false);
    expect(store.getState().accounts.data![0]).toMatchObject({ enabled: false, state: 'disabled' });
    await pending;
    const patch = fake.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url.pathname).toBe('/v0/management/credentials/claude-me%40example.com.json');
    expect(JSON.parse(patch.body!)).toEqual({ disabled: true });
    expect(changed).toHaveBeenCalled();
    expect(lastToast()).toMatchObject({ tone: 'success', message: 'me@example.com disabled.' });

    refuse = true;
    await store.getState().setEnabled(target, false);
    expect(store.getState().accounts.data![0].enabled).toBe(true);
    expect(lastToast()).toMatchObject({ tone: 'error', message: 'No credential with id "x".' });
  });

  it('"Clear cooldown" ends the proxy’s cooldowns for the account and reloads', async () => {
    const { store, fake, changed, lastToast, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /accounts') return json({ accounts: [account()] });
      if (call.method === 'DELETE') return json({ ok: true, cleared: 1 });
      return json(PROVIDERS);
    });
    await store.getState().load();
    await store.getState().clearCooldown(store.getState().accounts.data![0]);
    expect(fake.calls.find((call) => call.method === 'DELETE')!.url.pathname).toBe('/v0/management/credentials/claude-me%40example.com.json/cooldowns');
    expect(changed).toHaveBeenCalled();
    expect(lastToast()).toMatchObject({ tone: 'success', message: expect.stringMatching(/Cooldown of me@example.com cleared/) });
  });

  it('delete removes the account file (DELETE /auth-files?name=…) and the row', async () => {
    let deleted = false;
    const { store, fake, route } = setup((call) => {
      const what = route(call);
      if (what === 'GET /accounts') return json({ accounts: deleted ? [] : [account()] });
      if (call.method === 'DELETE') {
        deleted = true;
        return json({ status: 'ok' });
      }
      return json(PROVIDERS);
    });
    await store.getState().load();
    await store.getState().remove(store.getState().accounts.data![0]);
    const call = fake.calls.find((item) => item.method === 'DELETE')!;
    expect(call.url.pathname).toBe('/v0/management/auth-files');
    expect(call.url.searchParams.get('name')).toBe('claude-me@example.com.json');
    expect(store.getState().accounts.data).toEqual([]);
  });

  it('providers are fetched once a minute at most; accounts on every load', async () => {
    const { store, fake, route } = setup((call) => (route(call) === 'GET /accounts' ? json({ accounts: [] }) : json(PROVIDERS)));
    await store.getState().load();
    await store.getState().load();
    expect(fake.calls.filter((call) => route(call) === 'GET /login-providers')).toHaveLength(1);
    expect(fake.calls.filter((call) => route(call) === 'GET /accounts')).toHaveLength(2);
  });

  it('an older proxy without /accounts is "not available", so the page keeps the plain table', async () => {
    const { store } = setup(() => json({ error: { message: 'Unknown route GET /v0/management/accounts.', code: 'route_not_found' } }, 404));
    await store.getState().load();
    expect(store.getState().accounts.error?.notAvailable).toBe(true);
    expect(store.getState().providers.error?.notAvailable).toBe(true);
  });
});
