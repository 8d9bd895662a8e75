import { describe, expect, it } from 'vitest';
import { scriptedContext } from '../../login/__fixtures__/scripted-context.js';
import type { DeviceAuthorization } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { codexDeviceLogin } from './device-login.js';

const contextAnswering = (answers: Array<{ status: number; json?: unknown }>) => scriptedContext(answers, { now: 1_000 });

const authorization: DeviceAuthorization = { handle: { deviceAuthId: 'da-1', userCode: 'AB-12' }, userCode: 'AB-12', verificationUri: 'https://auth.test/deviceVerification', intervalSeconds: 5, expiresInSeconds: 900 };

describe('Codex device login', () => {
  it('start: usercode (or user_code), a string interval, the verification page, 15 minutes', async () => {
    const { context, requests } = contextAnswering([{ status: 200, json: { device_auth_id: 'da-1', usercode: 'AB-12', interval: '7' } }]);
    expect(await codexDeviceLogin.start(context)).toEqual({ ...authorization, intervalSeconds: 7 });
    expect(requests[0]).toMatchObject({ url: 'https://auth.test/deviceUserCode', json: { client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' } });
  });

  it('start: a 404 says the device login is not offered and to use the browser', async () => {
    const { context } = contextAnswering([{ status: 404 }]);
    await expect(codexDeviceLogin.start(context)).rejects.toMatchObject({ code: 'unsupported', nextStep: expect.stringMatching(/browser/) });
  });

  it('poll: 403 and 404 are pending, 429 or slow_down slows down', async () => {
    const { context, requests } = contextAnswering([{ status: 403 }, { status: 404 }, { status: 429, json: { error: { code: 'slow_down' } } }, { status: 400, json: { error: 'slow_down' } }]);
    expect(await codexDeviceLogin.poll(context, authorization)).toEqual({ status: 'pending' });
    expect(await codexDeviceLogin.poll(context, authorization)).toEqual({ status: 'pending' });
    expect(await codexDeviceLogin.poll(context, authorization)).toEqual({ status: 'slow-down' });
    expect(await codexDeviceLogin.poll(context, authorization)).toEqual({ status: 'slow-down' });
    expect(requests[0]).toMatchObject({ url: 'https://auth.test/deviceToken', json: { device_auth_id: 'da-1', user_code: 'AB-12' } });
  });

  it('poll: expiry and denial throw OAuthErrors with a next step', async () => {
    const { context } = contextAnswering([{ status: 410, json: { error: { code: 'deviceauth_expired' } } }, { status: 400, json: { error: 'access_denied' } }]);
    const expired = await codexDeviceLogin.poll(context, authorization).catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(OAuthError);
    expect(expired).toMatchObject({ code: 'expired', nextStep: 'Start the login again.' });
    await expect(codexDeviceLogin.poll(context, authorization)).rejects.toMatchObject({ code: 'access_denied' });
  });

  it('poll: approval gives the code and verifier, exchanged with the device redirect URI', async () => {
    const claims = Buffer.from(JSON.stringify({ email: 'me@example.com', 'https://api.openai.com/auth': { chatgpt_account_id: 'acc-7', chatgpt_plan_type: 'pro' } })).toString('base64url');
    const { context, requests } = contextAnswering([
      { status: 200, json: { authorization_code: 'code-1', code_verifier: 'verifier-1', code_challenge: 'challenge-1' } },
      { status: 200, json: { access_token: 'at-1', refresh_token: 'rt-1', id_token: `h.${claims}.s`, expires_in: 864000 } },
    ]);
    const result = await codexDeviceLogin.poll(context, authorization);
    expect(result).toMatchObject({ status: 'done', account: { email: 'me@example.com', plan: 'pro', attributes: { accountId: 'acc-7' }, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1_000 + 864_000_000 } } });
    expect(requests[1]).toMatchObject({
      url: 'https://auth.test/token',
      form: { grant_type: 'authorization_code', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', code: 'code-1', redirect_uri: 'https://auth.openai.com/deviceauth/callback', code_verifier: 'verifier-1' },
    });
  });
});
