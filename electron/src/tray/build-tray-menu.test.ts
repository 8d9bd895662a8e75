import { describe, expect, it, vi } from 'vitest';
import { click, findItem, ids } from '../../test/fakes.js';
import { account, bucket, credential, loginProvider, model, runningState, snapshot, status, withQuota } from '../../test/views.js';
import { buildTrayMenu, MENU_LIST_LIMIT, type TrayActions } from './build-tray-menu.js';
import { trayHealth, trayTitle, trayTooltip, type TrayState } from './tray-state.js';

function fakeActions(): TrayActions & { calls: Array<[string, ...unknown[]]> } {
  const calls: Array<[string, ...unknown[]]> = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  return {
    calls,
    start: record('start'),
    stop: record('stop'),
    startOnPort: record('startOnPort'),
    copyBaseUrl: record('copyBaseUrl'),
    copyClientKey: record('copyClientKey'),
    login: record('login'),
    setCredentialEnabled: record('setCredentialEnabled'),
    setModelEnabled: record('setModelEnabled'),
    setDisplay: record('setDisplay'),
    openDashboard: record('openDashboard'),
    setLaunchAtLogin: record('setLaunchAtLogin'),
    setNotification: record('setNotification'),
    checkForUpdates: record('checkForUpdates'),
    setAutoUpdateCheck: record('setAutoUpdateCheck'),
    quit: record('quit'),
  };
}

const claude = credential({ id: 'claude-me.json', label: 'me@example.com', group: 'claude' });
const gemini = credential({ id: 'gemini-key', label: 'AIza…1234', group: 'gemini', kind: 'api-key', disabled: true });

function stateWithAccounts(overrides: Partial<TrayState> = {}): TrayState {
  return runningState({
    snapshot: snapshot({
      credentials: [claude, gemini],
      models: [model('claude-sonnet-4', ['claude-me.json']), model('gemini-2.5-pro', ['gemini-key'])],
      accounts: [account({ id: 'claude-me.json', email: 'me@example.com' })],
      loginProviders: [loginProvider('claude', 'Claude Code', 'Claude Pro / Max'), loginProvider('codex', 'ChatGPT (Codex)')],
    }),
    ...overrides,
  });
}

describe('buildTrayMenu', () => {
  it('starts with the status line and offers the main actions in order', () => {
    const menu = buildTrayMenu(stateWithAccounts(), fakeActions());
    expect(menu[0]).toMatchObject({ id: 'status', label: 'Running on 127.0.0.1:8317 · 2 of 2 credentials on', enabled: false });
    expect(ids(menu).filter((id) => !id.includes(':'))).toEqual([
      'status', 'stop', 'copy-base-url', 'copy-client-key', 'login', 'accounts', 'models', 'open-dashboard', 'display', 'notifications', 'launch-at-login', 'updates', 'auto-update', 'quit',
    ]);
    expect(findItem(menu, 'copy-base-url')).toMatchObject({ label: 'Copy base URL (http://127.0.0.1:8317)', enabled: true });
  });

  it('shows each account as a checkbox that reflects and flips its enabled state', () => {
    const actions = fakeActions();
    const menu = buildTrayMenu(stateWithAccounts(), actions);
    expect(findItem(menu, 'credential:claude-me.json')).toMatchObject({ type: 'checkbox', checked: true, label: 'me@example.com (claude)' });
    expect(findItem(menu, 'credential:gemini-key')).toMatchObject({ type: 'checkbox', checked: false });
    click(menu, 'credential:claude-me.json');
    click(menu, 'credential:gemini-key');
    expect(actions.calls).toEqual([
      ['setCredentialEnabled', 'claude-me.json', false],
      ['setCredentialEnabled', 'gemini-key', true],
    ]);
  });

  it('marks accounts that need a new login or are cooling down', () => {
    const state = stateWithAccounts();
    state.snapshot!.accounts = [account({ id: 'claude-me.json', state: 'needs-relogin' })];
    state.snapshot!.credentials = [claude, { ...gemini, disabled: false, state: 'cooling' }];
    const menu = buildTrayMenu(state, fakeActions());
    expect(findItem(menu, 'credential:claude-me.json')?.label).toBe('me@example.com (claude) · log in again');
    expect(findItem(menu, 'credential:gemini-key')?.label).toBe('AIza…1234 (gemini) · cooling down');
  });

  it('marks models an account\'s live list names (the Models page shows every source)', () => {
    const state = stateWithAccounts();
    state.snapshot!.models = [
      { ...model('claude-opus-4-8', ['claude-me.json']), sources: ['live'] },
      { ...model('claude-sonnet-4', ['claude-me.json']), sources: ['live', 'built-in'] },
      { ...model('team-model', ['claude-me.json']), sources: ['configured'] },
      model('claude-opus-4', ['claude-me.json']),
    ];
    const menu = buildTrayMenu(state, fakeActions());
    expect(findItem(menu, 'model:claude-opus-4-8')?.label).toBe('claude-opus-4-8 (1 account · live list)');
    expect(findItem(menu, 'model:claude-sonnet-4')?.label).toBe('claude-sonnet-4 (1 account · live list)');
    expect(findItem(menu, 'model:team-model')?.label).toBe('team-model (1 account)');
    expect(findItem(menu, 'model:claude-opus-4')?.label).toBe('claude-opus-4 (1 account)');
  });

  it('shows each model as a checkbox: served ones ticked, switched-off ones unticked, in id order', () => {
    const actions = fakeActions();
    const state = stateWithAccounts();
    state.snapshot!.hiddenModels = [{ id: 'claude-opus-4', groups: ['claude'] }];
    const menu = buildTrayMenu(state, actions);
    expect(ids(menu).filter((id) => id.startsWith('model:'))).toEqual(['model:claude-opus-4', 'model:claude-sonnet-4', 'model:gemini-2.5-pro']);
    expect(findItem(menu, 'model:claude-sonnet-4')).toMatchObject({ type: 'checkbox', checked: true, label: 'claude-sonnet-4 (1 account)' });
    expect(findItem(menu, 'model:gemini-2.5-pro')).toMatchObject({ type: 'checkbox', checked: true, label: 'gemini-2.5-pro (0 of 1 accounts on)' });
    expect(findItem(menu, 'model:claude-opus-4')).toMatchObject({ type: 'checkbox', checked: false, label: 'claude-opus-4 (off)' });
    click(menu, 'model:claude-sonnet-4');
    click(menu, 'model:claude-opus-4');
    expect(actions.calls).toEqual([
      ['setModelEnabled', 'claude-sonnet-4', false],
      ['setModelEnabled', 'claude-opus-4', true],
    ]);
  });

  it('counts switched-off models against the list limit, and lists a model served again only once', () => {
    const served = Array.from({ length: MENU_LIST_LIMIT }, (_, index) => model(`m${String(index).padStart(2, '0')}`, []));
    const state = runningState({ snapshot: snapshot({ models: served, hiddenModels: [{ id: 'm00', groups: ['claude'] }, { id: 'zz-off', groups: ['claude'] }] }) });
    const menu = buildTrayMenu(state, fakeActions());
    expect(ids(menu).filter((id) => id.startsWith('model:'))).toHaveLength(MENU_LIST_LIMIT);
    expect(findItem(menu, 'model:m00')?.checked).toBe(true);
    expect(findItem(menu, 'models:more')?.label).toBe('1 more in the dashboard…');
  });

  it('offers one "Log in to" entry per provider and marks the one in progress', () => {
    const actions = fakeActions();
    const menu = buildTrayMenu(stateWithAccounts({ loginsInProgress: ['codex'] }), actions);
    expect(findItem(menu, 'login:claude')?.label).toBe('Claude Code (Claude Pro / Max)');
    expect(findItem(menu, 'login:codex')?.label).toBe('ChatGPT (Codex) (logging in…)');
    click(menu, 'login:claude');
    expect(actions.calls).toEqual([['login', 'claude']]);
  });

  it('while stopped: Start, and everything that needs the proxy is disabled', () => {
    const actions = fakeActions();
    const menu = buildTrayMenu(runningState({ proxy: { kind: 'stopped', byUser: true }, snapshot: null }), actions);
    expect(menu[0].label).toBe('Proxy stopped');
    expect(findItem(menu, 'stop')).toBeUndefined();
    for (const id of ['copy-base-url', 'copy-client-key', 'open-dashboard']) expect(findItem(menu, id)?.enabled, id).toBe(false);
    expect(findItem(menu, 'login:none')?.label).toBe('Start the proxy to log in');
    click(menu, 'start');
    expect(actions.calls).toEqual([['start']]);
  });

  it('after a port conflict: says who holds the port and offers the free one, for this run or saved', () => {
    const actions = fakeActions();
    const conflict = { host: '127.0.0.1', port: 8317, owner: { pid: 4242, command: 'node server.js' }, suggestedPort: 8318 };
    const menu = buildTrayMenu(
      runningState({ proxy: { kind: 'port-conflict', conflict, message: 'Port 8317 on 127.0.0.1 is already in use by "node server.js" (process 4242).' }, snapshot: null }),
      actions,
    );
    expect(menu[0].label).toContain('process 4242');
    click(menu, 'start-on-port');
    click(menu, 'start-on-port-save');
    expect(actions.calls).toEqual([
      ['startOnPort', 8318, false],
      ['startOnPort', 8318, true],
    ]);
  });

  it('shows a compact quota summary, tightest account first', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const state = stateWithAccounts();
    state.snapshot!.accounts = [
      withQuota(account({ id: 'a', email: 'a@x.io' }), [bucket({ id: 'weekly', label: 'Weekly', remainingFraction: 0.8 })]),
      withQuota(account({ id: 'b', email: 'b@x.io' }), [
        bucket({ id: 'five-hour', label: '5-hour', remainingFraction: 0.08, resetsAt: new Date(now + 80 * 60_000).toISOString() }),
        bucket({ id: 'weekly', label: 'Weekly', remainingFraction: 0.5 }),
      ]),
      account({ id: 'c' }),
    ];
    const menu = buildTrayMenu(state, fakeActions());
    expect(ids(menu).filter((id) => id.startsWith('quota:'))).toEqual(['quota:title', 'quota:b', 'quota:a']);
    expect(findItem(menu, 'quota:b')?.label).toBe('Claude b@x.io: 5-hour 8% (resets in 1h 20m)');
  });

  it('lets the user choose what the tray shows', () => {
    const actions = fakeActions();
    const state = stateWithAccounts({ display: { kind: 'requests-today' } });
    state.snapshot!.accounts = [withQuota(account({ id: 'b', email: 'b@x.io' }), [bucket({ id: 'w', label: 'Weekly', remainingFraction: 0.5 })])];
    const menu = buildTrayMenu(state, actions);
    expect(findItem(menu, 'display:requests-today')).toMatchObject({ type: 'radio', checked: true });
    expect(findItem(menu, 'display:state')).toMatchObject({ checked: false });
    click(menu, 'display:account:b');
    expect(actions.calls).toEqual([['setDisplay', { kind: 'account-quota', accountId: 'b' }]]);
  });

  it('launch at login is a checkbox that flips the current setting', () => {
    const actions = fakeActions();
    const menu = buildTrayMenu(stateWithAccounts({ launchAtLogin: true }), actions);
    expect(findItem(menu, 'launch-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    click(menu, 'launch-at-login');
    click(menu, 'quit');
    expect(actions.calls).toEqual([['setLaunchAtLogin', false], ['quit']]);
  });

  it('each notification kind can be switched off from the tray', () => {
    const actions = fakeActions();
    const state = stateWithAccounts();
    state.notifications = { ...state.notifications, 'quota-low': false };
    const menu = buildTrayMenu(state, actions);
    expect(findItem(menu, 'notifications:quota-low')).toMatchObject({ type: 'checkbox', checked: false, label: 'Quota below 10%' });
    expect(findItem(menu, 'notifications:needs-relogin')).toMatchObject({ checked: true });
    click(menu, 'notifications:quota-low');
    click(menu, 'notifications:proxy-stopped');
    expect(actions.calls).toEqual([
      ['setNotification', 'quota-low', true],
      ['setNotification', 'proxy-stopped', false],
    ]);
  });

  it('cuts long account lists short with a way to the dashboard', () => {
    const actions = fakeActions();
    const many = Array.from({ length: MENU_LIST_LIMIT + 5 }, (_, index) => credential({ id: `c${index}` }));
    const menu = buildTrayMenu(runningState({ snapshot: snapshot({ credentials: many }) }), actions);
    expect(ids(menu).filter((id) => id.startsWith('credential:'))).toHaveLength(MENU_LIST_LIMIT);
    expect(findItem(menu, 'credentials:more')?.label).toBe('5 more in the dashboard…');
    click(menu, 'credentials:more');
    expect(actions.calls).toEqual([['openDashboard', 'accounts']]);
  });

  it('is a pure function of the state (same state, same labels)', () => {
    const state = stateWithAccounts();
    const labels = (menu: ReturnType<typeof buildTrayMenu>) => JSON.stringify(menu, (key, value) => (key === 'click' ? undefined : value));
    expect(labels(buildTrayMenu(state, fakeActions()))).toBe(labels(buildTrayMenu(state, fakeActions())));
  });
});

describe('tray health, title and tooltip', () => {
  it('is running when all is well, degraded when credentials fail, stopped when the proxy is not running', () => {
    expect(trayHealth(stateWithAccounts())).toBe('running');
    const cooling = stateWithAccounts();
    cooling.snapshot!.status = status({ cooling: 1 });
    expect(trayHealth(cooling)).toBe('degraded');
    const relogin = stateWithAccounts();
    relogin.snapshot!.accounts = [account({ id: 'x', state: 'needs-relogin' })];
    expect(trayHealth(relogin)).toBe('degraded');
    expect(buildTrayMenu(relogin, fakeActions()).map((item) => item.label).slice(0, 2)).toEqual([
      'Degraded on 127.0.0.1:8317 · 2 of 2 credentials on',
      '1 account needs a new login',
    ]);
    expect(trayHealth(runningState({ snapshot: snapshot({ error: 'Cannot reach the proxy' }) }))).toBe('degraded');
    expect(trayHealth(runningState({ proxy: { kind: 'failed', message: 'The proxy did not start: bad yaml' } }))).toBe('stopped');
  });

  it('a user-disabled credential does not make the proxy degraded', () => {
    const state = stateWithAccounts();
    state.snapshot!.status = status({ disabled: 1, enabled: 1 });
    expect(trayHealth(state)).toBe('running');
  });

  it('shows requests today or one account\'s quota, as the user chose', () => {
    expect(trayTitle(stateWithAccounts({ snapshot: snapshot({ requestsToday: 412 }), display: { kind: 'requests-today' } }))).toBe('412 today');
    const quota = stateWithAccounts({ display: { kind: 'account-quota', accountId: 'b' } });
    quota.snapshot!.accounts = [withQuota(account({ id: 'b', email: 'b@x.io' }), [bucket({ id: 'five-hour', label: '5-hour', remainingFraction: 0.62 })])];
    expect(trayTitle(quota)).toBe('Claude 5-hour 62%');
    expect(trayTooltip(quota)).toBe('CLIProxy Desktop: Running on 127.0.0.1:8317 · 2 of 2 credentials on\nClaude b@x.io: 5-hour 62%');
    expect(trayTitle(stateWithAccounts())).toBe('');
    // The chosen account was removed: nothing stale is shown.
    expect(trayTitle({ ...quota, display: { kind: 'account-quota', accountId: 'gone' } })).toBe('');
  });

  it('does not call any action while building', () => {
    const actions = fakeActions();
    const spy = vi.fn();
    buildTrayMenu(stateWithAccounts(), { ...actions, quit: spy });
    expect(actions.calls).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
  });
});
