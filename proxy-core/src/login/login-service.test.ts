import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRecord } from '../credentials/account.js';
import { createHttpClient } from '../pipeline/http-client.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createSystemClock, type Clock } from '../shared/clock.js';
import { createTestClock } from '../testing/test-clock.js';
import { startFakeOAuth, type FakeOAuthServer } from '../testing/fake-oauth.js';
import { loginOnlyProvider } from './__fixtures__/login-only-provider.js';
import { createLoginService, type LoginService } from './login-service.js';
import type { AccountContext, LoginContext } from './login-types.js';
import { createOAuthHttp, jsonObject, tokenEndpointError } from './oauth-http.js';
import { OAuthError } from './oauth-error.js';

// The login framework on its own: a test provider speaking plain RFC 6749 / RFC 8628 against the fake server.
const httpClient = createHttpClient();
const http = createOAuthHttp(httpClient);
let oauth: FakeOAuthServer;
let service: LoginService;
const saved: AccountRecord[] = [];

const record = (body: Record<string, unknown>): AccountRecord => ({
  tokens: { accessToken: String(body.access_token), refreshToken: String(body.refresh_token), expiresAt: Date.now() + Number(body.expires_in) * 1000 },
  label: 'tester@example.com',
  identity: 'tester',
  attributes: {},
});

function testProvider(): ProviderDefinition {
  const endpoint = (name: string) => ({ authorize: oauth.endpoints.authorize, token: oauth.endpoints.token, device: oauth.endpoints.deviceCode })[name]!;
  return loginOnlyProvider('test', 'Test Vendor', {
    browser: {
      kind: 'authorization-code',
      pkce: true,
      callback: { port: 0, path: '/cb', host: '127.0.0.1', anyPort: true },
      authorizeUrl: ({ redirectUri, state, codeChallenge }) =>
        `${endpoint('authorize')}?${new URLSearchParams({ client_id: 'client-1', response_type: 'code', redirect_uri: redirectUri, state, code_challenge: codeChallenge!, code_challenge_method: 'S256' })}`,
      async exchange({ context, code, redirectUri, codeVerifier }) {
        const response = await context.http.request({ url: endpoint('token'), form: { grant_type: 'authorization_code', client_id: 'client-1', code, redirect_uri: redirectUri, code_verifier: codeVerifier! } });
        return record(jsonObject(response, 'The exchange'));
      },
    },
    device: {
      kind: 'device-code',
      async start(context: LoginContext) {
        const body = jsonObject(await context.http.request({ url: endpoint('device'), form: { client_id: 'client-1' } }), 'The device request');
        return { handle: { deviceCode: String(body.device_code) }, userCode: String(body.user_code), verificationUri: String(body.verification_uri), intervalSeconds: Number(body.interval), expiresInSeconds: Number(body.expires_in) };
      },
      async poll(context, authorization) {
        const response = await context.http.request({ url: endpoint('token'), form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: 'client-1', device_code: authorization.handle.deviceCode } });
        if (response.status === 400) {
          const code = (response.json as { error?: string }).error;
          if (code === 'authorization_pending') return { status: 'pending' };
          if (code === 'slow_down') return { status: 'slow-down' };
          throw tokenEndpointError(response, 'The device login');
        }
        return { status: 'done', account: record(jsonObject(response, 'The device login')) };
      },
    },
  });
}

beforeAll(async () => {
  oauth = await startFakeOAuth({ clientId: 'client-1', pkce: true, tokenEncoding: 'form', device: { intervalSeconds: 1, expiresInSeconds: 30 } });
  const provider = testProvider();
  const context = (): AccountContext => ({ http, endpoint: () => '', clock: createSystemClock(), log: () => undefined });
  service = createLoginService({
    providers: new Map([[provider.id, provider]]),
    context,
    save: async (_provider, account) => {
      saved.push(account);
      return { id: 'test.json', label: account.label, file: 'test.json' };
    },
    clock: createSystemClock(),
    log: () => undefined,
    hostname: 'devbox',
  });
});
/**
 * A service whose device-poll waits (1 s, and 6 s after a slow_down) end when the test advances its clock. The fake
 * vendor keeps real time, so polls the test lets through at once count as polling too fast there.
 */
function deviceService(clock: Clock): LoginService {
  return createLoginService({
    providers: new Map([['test', testProvider()]]),
    context: () => ({ http, endpoint: () => '', clock, log: () => undefined }),
    save: async () => ({ id: 'x', label: 'x', file: 'x' }),
    clock,
    log: () => undefined,
    hostname: 'devbox',
  });
}
const devicePolls = () => oauth.requests.filter((request) => request.body.grant_type?.endsWith('device_code'));

afterAll(async () => {
  await service.close();
  await oauth.close();
  httpClient.close();
});

describe('login service', () => {
  it('browser flow: the callback with the right state and PKCE verifier finishes; the same link again is refused', async () => {
    const view = await service.start({ provider: 'test' });
    expect(view).toMatchObject({ status: 'waiting', flow: 'browser', providerName: 'Test Vendor' });
    expect(view.tunnelCommand).toMatch(/^ssh -L (\d+):127\.0\.0\.1:\1 devbox$/);
    const callback = await oauth.approve(view.url);
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('logged in as tester@example.com');
    expect(await service.wait(view.id)).toMatchObject({ status: 'done', account: { label: 'tester@example.com' } });
    expect(saved.at(-1)?.tokens.accessToken).toMatch(/^at-/);
    // The callback server is gone once the login ended.
    await expect(fetch(callback)).rejects.toThrow();
  });

  it('a callback whose state is not this login’s is refused and the login keeps waiting', async () => {
    const view = await service.start({ provider: 'test' });
    const callback = new URL(await oauth.approve(view.url));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'someone-else');
    const page = await fetch(forged);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('not for this login');
    expect(service.get(view.id)?.status).toBe('waiting');
    expect((await fetch(callback)).status).toBe(200);
    expect((await service.wait(view.id)).status).toBe('done');
  });

  it('manual flow: the pasted address finishes it; paste errors are readable and do not end it', async () => {
    const view = await service.start({ provider: 'test', flow: 'manual' });
    expect(view.flow).toBe('manual');
    await expect(service.callback(view.id, 'hello there')).rejects.toThrow(/no authorization code/);
    const done = await service.callback(view.id, await oauth.approve(view.url));
    expect(done.status).toBe('done');
    await expect(service.callback(view.id, 'code#state')).rejects.toMatchObject({ status: 409 });
  });

  it('device flow: pending, then approval by the user; the code is shown, the device code never is', async () => {
    const clock = createTestClock({ hold: (ms) => ms >= 1000 });
    const devices = deviceService(clock);
    const before = devicePolls().length;
    const view = await devices.start({ provider: 'test', flow: 'device' });
    expect(view.userCode).toMatch(/^[0-9A-F]{8}$/);
    expect(JSON.stringify(view)).not.toMatch(/dc-/);
    expect(await clock.waitForHeld(1)).toEqual([1000]);
    clock.advance(1000);
    expect(await clock.waitForHeld(1)).toEqual([1000]);
    expect(devicePolls()).toHaveLength(before + 1);
    expect(devices.get(view.id)?.status).toBe('waiting');
    oauth.approveDevice(view.userCode!);
    clock.advance(1000);
    expect(await devices.wait(view.id)).toMatchObject({ status: 'done' });
    expect(devicePolls()).toHaveLength(before + 2);
    await devices.close();
  });

  it('device flow: polling too fast gets slow_down, and the service then waits 5 s longer between polls', async () => {
    const clock = createTestClock({ hold: (ms) => ms >= 1000 });
    const hasty = deviceService(clock);
    const view = await hasty.start({ provider: 'test', flow: 'device' });
    const waits: number[][] = [];
    for (let poll = 0; poll < 2; poll++) {
      waits.push(await clock.waitForHeld(1));
      clock.advance(1000);
    }
    // The second poll came within milliseconds of the first in the vendor's time: slow_down, so 1 s + 5 s.
    waits.push(await clock.waitForHeld(1));
    expect(waits).toEqual([[1000], [1000], [6000]]);
    oauth.approveDevice(view.userCode!);
    clock.advance(6000);
    expect(await hasty.wait(view.id)).toMatchObject({ status: 'done' });
    await hasty.close();
  });

  it('a login nobody finishes expires; an unknown provider names the ones there are', async () => {
    const quick = createLoginService({
      providers: new Map([['test', testProvider()]]),
      context: () => ({ http, endpoint: () => '', clock: createSystemClock(), log: () => undefined }),
      save: async () => ({ id: 'x', label: 'x', file: 'x' }),
      clock: createSystemClock(),
      log: () => undefined,
      hostname: 'devbox',
      sessionTtlMs: 200,
    });
    const view = await quick.start({ provider: 'test' });
    expect(await quick.wait(view.id)).toMatchObject({ status: 'expired', error: { code: 'expired', nextStep: 'Start the login again.' } });
    await expect(quick.start({ provider: 'nope' })).rejects.toThrow(/Known logins: test/);
    await expect(quick.start({ provider: 'roo-code' })).rejects.toThrow(/Roo Code is a client/);
  });

  it('an invalid_grant from a token endpoint is a permanent OAuthError', async () => {
    const response = await http.request({ url: oauth.endpoints.token, form: { grant_type: 'refresh_token', client_id: 'client-1', refresh_token: 'unknown' } });
    const error = tokenEndpointError(response, 'The refresh');
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ code: 'invalid_grant', permanent: true, status: 400 });
    expect(error.message).toContain('refresh token is invalid');
  });
});
