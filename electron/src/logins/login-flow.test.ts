import { describe, expect, it, vi } from 'vitest';
import { login } from '../../test/views.js';
import type { LoginView } from '../core/proxy-core.js';
import { createTranslator } from '../i18n/index.js';
import { createLoginFlow, type LoginFlowDeps } from './login-flow.js';

/** A fake management client: POST /logins answers `start`, each GET /logins/:id the next of `polls`. */
function setup(start: LoginView | Error, polls: Array<LoginView | Error>, overrides: Partial<LoginFlowDeps> = {}) {
  const requests: string[] = [];
  const opened: string[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const copied: string[] = [];
  const events: string[] = [];
  const client = {
    startLogin: vi.fn(async (provider: string) => {
      requests.push(`POST /logins ${provider}`);
      if (start instanceof Error) throw start;
      return start;
    }),
    login: vi.fn(async (id: string) => {
      requests.push(`GET /logins/${id}`);
      const next = polls.shift();
      if (!next) throw new Error('no more scripted answers');
      if (next instanceof Error) throw next;
      return next;
    }),
  };
  const refresh = vi.fn(async () => void events.push('refresh'));
  const flow = createLoginFlow({
    client,
    openExternal: async (url) => void opened.push(url),
    showAccounts: () => void events.push('show-accounts'),
    copyText: (text) => void copied.push(text),
    notify: (message) => {
      events.push('notify');
      notifications.push(message);
    },
    refresh,
    sleep: async () => undefined,
    now: () => Date.now(),
    ...overrides,
  });
  return { flow, requests, opened, notifications, copied, events, refresh, client };
}

describe('createLoginFlow', () => {
  it('opens the browser, shows Accounts, polls until done, refreshes the tray, then says who is logged in', async () => {
    const waiting = login({ id: 'L1', status: 'waiting' });
    const { flow, requests, opened, notifications, events } = setup(waiting, [
      login({ id: 'L1', status: 'waiting' }),
      login({ id: 'L1', status: 'exchanging' }),
      login({ id: 'L1', status: 'done', account: { id: 'claude-me.json', label: 'me@example.com', file: 'claude-me.json' } }),
    ]);
    const final = await flow.start('claude');
    expect(final?.status).toBe('done');
    expect(opened).toEqual(['https://claude.ai/oauth/authorize?state=abc']);
    expect(requests).toEqual(['POST /logins claude', 'GET /logins/L1', 'GET /logins/L1', 'GET /logins/L1']);
    expect(events).toEqual(['show-accounts', 'refresh', 'notify']);
    expect(notifications).toEqual([{ title: 'Logged in to Claude', body: 'me@example.com is ready to use.' }]);
    expect(flow.inProgress()).toEqual([]);
  });

  it('reports a failed login with the proxy\'s explanation and next step', async () => {
    const { flow, notifications } = setup(login({ id: 'L2' }), [
      login({ id: 'L2', status: 'error', error: { code: 'state_mismatch', message: 'The browser came back from a different login.', nextStep: 'Start the login again.' } }),
    ]);
    await flow.start('claude');
    expect(notifications).toEqual([{ title: 'Login to Claude failed', body: 'The browser came back from a different login. Start the login again.' }]);
  });

  it('says so when the login could not start, without opening anything', async () => {
    const { flow, opened, notifications } = setup(new Error('POST /v0/management/logins failed with HTTP 400: unknown provider "nope"'), []);
    expect(await flow.start('nope')).toBeNull();
    expect(opened).toEqual([]);
    expect(notifications).toEqual([{ title: 'The login could not start', body: 'POST /v0/management/logins failed with HTTP 400: unknown provider "nope"' }]);
  });

  it('never opens an address that is not http(s)', async () => {
    const { flow, opened } = setup(login({ id: 'L3', url: 'file:///etc/passwd' }), [login({ id: 'L3', status: 'cancelled' })]);
    await flow.start('claude');
    expect(opened).toEqual([]);
  });

  it('device flow: puts the code on the clipboard and tells the user to type it', async () => {
    const { flow, copied, notifications } = setup(login({ id: 'D1', flow: 'device', userCode: 'WXYZ-1234', url: 'https://github.com/login/device', providerName: 'GitHub Copilot' }), [
      login({ id: 'D1', status: 'done', providerName: 'GitHub Copilot' }),
    ]);
    await flow.start('copilot');
    expect(copied).toEqual(['WXYZ-1234']);
    expect(notifications[0].title).toBe('Enter WXYZ-1234 on the GitHub Copilot page');
  });

  it('a second "Log in" for the same provider re-opens the page instead of starting another login', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { flow, requests, opened } = setup(login({ id: 'L4' }), [login({ id: 'L4', status: 'done' })], { sleep: () => gate });
    const first = flow.start('claude');
    await vi.waitFor(() => expect(flow.inProgress()).toEqual(['claude']));
    await flow.start('claude');
    expect(opened).toHaveLength(2);
    expect(requests.filter((request) => request.startsWith('POST'))).toHaveLength(1);
    release();
    await first;
    expect(flow.inProgress()).toEqual([]);
  });

  it('gives up after repeated failed status checks and says the proxy stopped answering', async () => {
    const failure = new Error('Cannot reach the proxy');
    const { flow, notifications, requests } = setup(login({ id: 'L5' }), [failure, failure, failure], { maxPollFailures: 3 });
    const final = await flow.start('claude');
    expect(final?.status).toBe('error');
    expect(requests.filter((request) => request.startsWith('GET'))).toHaveLength(3);
    expect(notifications[0].body).toContain('The proxy stopped answering about this login');
  });

  it('stops polling a login whose expiry passed long ago and reports it expired', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const start = login({ id: 'L6', expiresAt: new Date(now + 1000).toISOString() });
    const polls = Array.from({ length: 10 }, () => login({ id: 'L6', status: 'waiting' }));
    const { flow, notifications } = setup(start, polls, {
      now: () => now,
      sleep: async () => {
        now += 30_000;
      },
    });
    expect((await flow.start('claude'))?.status).toBe('expired');
    expect(notifications[0].title).toBe('Login to Claude expired');
  });

  it('speaks the chosen language: a device code and the outcome in Simplified Chinese', async () => {
    const start = login({ id: 'L9', status: 'waiting', userCode: 'ABCD-1234', providerName: 'Codex' });
    const { flow, notifications } = setup(start, [login({ id: 'L9', status: 'cancelled', providerName: 'Codex' })], { translate: () => createTranslator('zh-CN') });
    await flow.start('codex');
    expect(notifications).toEqual([
      { title: '请在 Codex 页面输入 ABCD-1234', body: '代码已复制到剪贴板，页面已在浏览器中打开。' },
      { title: '已取消登录 Codex', body: '准备好后，可在托盘菜单中重新开始。' },
    ]);
  });
});
