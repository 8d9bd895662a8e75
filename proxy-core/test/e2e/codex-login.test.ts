import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { cliEnvironment } from './cli-harness.js';
import { runCli } from '../../src/cli/main.js';
import type { LoginView } from '../../src/server/management/contract.js';
import { authDir, browserLogin, eventually, management } from './accounts-harness.js';
import { body, hash8, waitForPort1455 } from './codex-harness.js';
import { beforeAll } from 'vitest';
import { createTestClock, type FakeCodex } from '../../src/testing/index.js';
import type { TestProxy } from './harness.js';
import { useCodexRig } from './codex-harness.js';

// ChatGPT (Codex) subscriptions: logins (browser on 1455, pasted, device) and tokens (refresh with rotation, 401, needs-relogin, old files).
/** Device-login poll intervals (5 s, OpenAI's default, and 10 s after a slow_down) pass when a test advances it. */
const clock = createTestClock({ hold: (ms) => ms >= 5000 });
const rig = useCodexRig({ clock });
const { accounts, openai, tokenRequests, seedAccount } = rig;
let fake: FakeCodex;
let proxy: TestProxy;
beforeAll(() => {
  fake = rig.fake;
  proxy = rig.proxy;
});

describe('Codex login', () => {
  it('browser flow on the registered port 1455: exact authorize parameters, form token exchange, codex-<hash>-<email>-<plan>.json', async () => {
    await waitForPort1455();
    const { login, page } = await browserLogin(proxy, fake.oauth, { provider: 'codex' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in');
    expect(login.callbackUrl).toBe('http://localhost:1455/auth/callback');
    const expectedFile = `codex-${hash8(fake.account.accountId)}-codex-user@example.com-plus.json`;
    expect(login).toMatchObject({ status: 'done', provider: 'codex', account: { label: 'codex-user@example.com', file: expectedFile } });

    const authorize = fake.oauth.requests.find((request) => request.path === '/oauth/authorize')!;
    expect(authorize.query).toMatchObject({
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      response_type: 'code',
      redirect_uri: 'http://localhost:1455/auth/callback',
      scope: 'openid email profile offline_access',
      code_challenge_method: 'S256',
      prompt: 'login',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
    });
    expect(authorize.query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [exchange] = tokenRequests();
    expect(exchange.encoding).toBe('form');
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', redirect_uri: 'http://localhost:1455/auth/callback' });
    expect(exchange.body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    const file = path.join(authDir(proxy), expectedFile);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(saved).sort()).toEqual(['access_token', 'account_id', 'email', 'expired', 'id_token', 'last_refresh', 'refresh_token', 'type']);
    expect(saved).toMatchObject({ type: 'codex', email: 'codex-user@example.com', account_id: fake.account.accountId });
    expect(Date.parse(saved.expired)).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    const [account] = await accounts();
    expect(account).toMatchObject({ provider: 'codex', plan: 'plus', state: 'active' });
    expect(account.models).toContain('gpt-5.3-codex-spark');
  });

  it('port 1455 busy: the login falls back to pasting the address; a wrong state is refused, the right one finishes it', async () => {
    const blocker: Server = createServer();
    const owned = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(1455, '127.0.0.1', () => resolve(true));
    });
    try {
      const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'codex' })).body;
      expect(started.flow).toBe('manual');
      expect(started.message).toContain('Port 1455 is in use');
      expect(started.message).toContain('copy that whole address');
      const callback = new URL(await fake.oauth.approve(started.url));
      expect(callback.origin + callback.pathname).toBe('http://localhost:1455/auth/callback');

      const forged = new URL(callback);
      forged.searchParams.set('state', 'someone-elses-state');
      const wrong = await management(proxy, 'POST', `/logins/${started.id}/callback`, { url: forged.toString() });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body)).toMatch(/state does not match/);
      expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('waiting');

      const done = await management<LoginView>(proxy, 'POST', `/logins/${started.id}/callback`, { url: callback.toString() });
      expect(done.body).toMatchObject({ status: 'done', account: { label: 'codex-user@example.com' } });
    } finally {
      if (owned) await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('device flow: OpenAI’s usercode, pending polls (403) until approved, then the code exchange with the device redirect', async () => {
    fake.deviceIntervalSeconds = 5;
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'codex', flow: 'device' })).body;
    expect(started).toMatchObject({ flow: 'device', status: 'waiting', url: fake.endpoints.deviceVerification });
    expect(started.userCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{6}$/);
    const usercode = fake.upstream.requests.find((request) => request.path === '/api/accounts/deviceauth/usercode')!;
    expect(usercode.body).toEqual({ client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
    const polls = () => fake.upstream.requests.filter((request) => request.path === '/api/accounts/deviceauth/token');

    // The proxy waits the interval OpenAI asked for before each poll.
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    expect(polls()).toHaveLength(0);
    clock.advance(5000);
    await fake.upstream.waitFor(() => polls().length === 1);
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    expect((await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body.status).toBe('waiting');
    fake.approveDevice(started.userCode!);
    clock.advance(5000);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status !== 'waiting' && view.status !== 'exchanging');
    expect(done).toMatchObject({ status: 'done', account: { label: 'codex-user@example.com' } });
    expect(polls()).toHaveLength(2);
    expect(body(polls()[0])).toMatchObject({ user_code: started.userCode });
    const [exchange] = tokenRequests();
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: 'https://auth.openai.com/deviceauth/callback' });
    expect(exchange.body.code_verifier).toBeTruthy();
    expect(clock.held()).toEqual([]);
  });

  it('device flow: a slow_down answer makes the next poll wait 5 s longer', async () => {
    fake.deviceIntervalSeconds = 5;
    fake.slowDownPolls = 1;
    const started = (await management<LoginView>(proxy, 'POST', '/logins', { provider: 'codex', flow: 'device' })).body;
    const polls = () => fake.upstream.requests.filter((request) => request.path === '/api/accounts/deviceauth/token');
    expect(await clock.waitForHeld(1)).toEqual([5000]);
    clock.advance(5000);
    await fake.upstream.waitFor(() => polls().length === 1);
    expect(await clock.waitForHeld(1)).toEqual([10_000]);
    fake.approveDevice(started.userCode!);
    clock.advance(10_000);
    const done = await eventually(async () => (await management<LoginView>(proxy, 'GET', `/logins/${started.id}`)).body, (view) => view.status === 'done' || view.status === 'error');
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(polls()).toHaveLength(2);
    expect(fake.slowDownPolls).toBe(0);
  });
});

describe('Codex tokens', () => {
  it('refreshes a token about to expire before using it; the rotated refresh token and new id_token are written back', async () => {
    const old = seedAccount({ email: 'expiring@example.com' }, { expiresInMs: 20_000 });
    await eventually(accounts, (list) => list.length === 1);
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    const refresh = tokenRequests().find((request) => request.body.grant_type === 'refresh_token')!;
    expect(refresh.encoding).toBe('form');
    expect(refresh.body).toEqual({ client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', grant_type: 'refresh_token', refresh_token: old.refreshToken, scope: 'openid profile email' });
    const [request] = fake.apiRequests();
    expect(request.headers.authorization).not.toBe(`Bearer ${old.accessToken}`);
    const saved = JSON.parse(readFileSync(path.join(authDir(proxy), old.file), 'utf8'));
    expect(`Bearer ${saved.access_token}`).toBe(request.headers.authorization);
    expect(saved.refresh_token).not.toBe(old.refreshToken);
    expect(saved.refresh_token).toMatch(/^rt-/);
    expect(saved.id_token).not.toBe(old.idToken);
    expect(saved.account_id).toBe(old.account.accountId);
  });

  it('background refresh runs 5 days ahead of expiry', async () => {
    const old = seedAccount({ email: 'lead@example.com' }, { expiresInMs: 2 * 86_400_000 });
    await eventually(accounts, (list) => list.length === 1);
    await proxy.proxy.accounts.tick();
    const [account] = await accounts();
    expect(account.token.lastRefresh).toMatchObject({ ok: true });
    expect(Date.parse(account.token.expiresAt!)).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    expect(tokenRequests().some((request) => request.body.refresh_token === old.refreshToken)).toBe(true);
  });

  it('an upstream 401 refreshes once and retries with the new token', async () => {
    const old = seedAccount({ email: 'revoked-access@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.oauth.invalidateAccessToken(old.accessToken);
    const completion = await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
    const tokens = fake.apiRequests().map((request) => request.headers.authorization);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(`Bearer ${old.accessToken}`);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('refresh_token_reused (another program rotated the token first) marks the account as needing a new login', async () => {
    const old = seedAccount({ email: 'reused@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    // The Codex CLI on the same machine refreshed with the same refresh token: OpenAI rotated it away.
    const stolen = await fetch(fake.endpoints.token, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', refresh_token: old.refreshToken }) });
    expect(stolen.status).toBe(200);
    fake.oauth.invalidateAccessToken(old.accessToken);
    const error = await openai()
      .chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: InstanceType<typeof OpenAI.APIError>) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const [account] = await accounts();
    expect(account.state).toBe('needs-relogin');
    expect(account.stateMessage).toBe(
      'Log in again: The OpenAI token refresh failed (HTTP 401, refresh_token_reused: Your refresh token has already been used to generate a new access token. Please try signing in again.).',
    );
  });

  it('invalid_grant (access revoked) also needs a new login, and no refresh is retried afterwards', async () => {
    const old = seedAccount({ email: 'revoked@example.com' });
    await eventually(accounts, (list) => list.length === 1);
    fake.oauth.invalidateAccessToken(old.accessToken);
    fake.oauth.revokeRefreshTokens();
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
    expect((await accounts())[0].state).toBe('needs-relogin');
    const before = tokenRequests().length;
    const second = await openai()
      .chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: Error) => caught);
    expect(second).toBeInstanceOf(OpenAI.APIError);
    expect(tokenRequests().length).toBe(before);
  });

  it('an older CLIProxyAPI file named codex-<email>.json loads as it is and is not rewritten', async () => {
    const seeded = seedAccount({ email: 'legacy@example.com', plan: 'pro' }, { fileName: 'codex-legacy@example.com.json' });
    const file = path.join(authDir(proxy), seeded.file);
    const before = readFileSync(file, 'utf8');
    const [account] = await eventually(accounts, (list) => list.length === 1);
    expect(account).toMatchObject({ file: 'codex-legacy@example.com.json', plan: 'pro', email: 'legacy@example.com' });
    await openai().chat.completions.create({ model: 'gpt-5.5', messages: [{ role: 'user', content: 'hi' }] });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('cliproxyctl import', () => {
  it('the Codex CLI’s ~/.codex/auth.json becomes a codex-*.json account that the running proxy serves', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'codex-import-'));
    try {
      const seeded = fake.seed({ email: 'cli-user@example.com', plan: 'pro' });
      mkdirSync(path.join(home, '.codex'));
      writeFileSync(
        path.join(home, '.codex', 'auth.json'),
        JSON.stringify({ OPENAI_API_KEY: null, tokens: { id_token: seeded.idToken, access_token: seeded.accessToken, refresh_token: seeded.refreshToken, account_id: seeded.account.accountId }, last_refresh: new Date().toISOString() }),
      );
      const { env, output } = cliEnvironment(home, ['import', path.join(home, '.codex', 'auth.json'), '--provider', 'codex', '--config', proxy.configPath, '--json']);
      const code = await runCli(env);
      expect(code, output.stdout + output.stderr).toBe(0);
      const file = `codex-${hash8(seeded.account.accountId)}-cli-user@example.com-pro.json`;
      expect(JSON.parse(output.stdout).details.imported).toEqual([expect.objectContaining({ provider: 'codex', account: 'cli-user@example.com', file: path.join(authDir(proxy), file) })]);
      const [account] = await eventually(accounts, (list) => list.length === 1);
      expect(account).toMatchObject({ file, plan: 'pro' });
      await openai().chat.completions.create({ model: 'gpt-5.3-codex-spark', messages: [{ role: 'user', content: 'hi' }] });
      const [request] = fake.apiRequests();
      expect(request.headers).toMatchObject({ authorization: `Bearer ${seeded.accessToken}`, 'chatgpt-account-id': seeded.account.accountId });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
