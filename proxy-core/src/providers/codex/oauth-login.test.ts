import { describe, expect, it } from 'vitest';
import { scriptedContext } from '../../login/__fixtures__/scripted-context.js';
import { codexBrowserLogin, refreshCodex } from './oauth-login.js';

const contextAnswering = (answers: Array<{ status: number; json?: unknown }>) => scriptedContext(answers, { now: 5_000 });

const record = { tokens: { accessToken: 'at-old', refreshToken: 'rt-old', idToken: 'id-old' }, label: 'me@example.com', email: 'me@example.com', identity: 'acc|me', plan: 'plus', attributes: { accountId: 'acc' } };

describe('Codex login and refresh', () => {
  it('the authorize URL carries exactly the Codex CLI’s parameters; only the registered port is accepted', () => {
    const { context } = contextAnswering([]);
    const url = new URL(codexBrowserLogin.authorizeUrl({ context, redirectUri: 'http://localhost:1455/auth/callback', state: 'st', codeChallenge: 'ch' }));
    expect(url.origin + url.pathname).toBe('https://auth.test/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      response_type: 'code',
      redirect_uri: 'http://localhost:1455/auth/callback',
      scope: 'openid email profile offline_access',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      prompt: 'login',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
    });
    expect(codexBrowserLogin.callback).toEqual({ port: 1455, path: '/auth/callback', host: 'localhost', anyPort: false });
  });

  it('refresh: form grant with scope "openid profile email"; the rotated refresh token replaces the old one', async () => {
    const { context, requests } = contextAnswering([{ status: 200, json: { access_token: 'at-new', refresh_token: 'rt-new', expires_in: 100 } }]);
    const next = await refreshCodex(context, record);
    expect(requests[0].form).toEqual({ client_id: 'app_EMoamEEZ73f0CkXaXp7hrann', grant_type: 'refresh_token', refresh_token: 'rt-old', scope: 'openid profile email' });
    expect(next).toMatchObject({ email: 'me@example.com', plan: 'plus', attributes: { accountId: 'acc' }, tokens: { accessToken: 'at-new', refreshToken: 'rt-new', idToken: 'id-old', expiresAt: 105_000, refreshedAt: 5_000 } });
  });

  it('refresh_token_reused is permanent (a new login is needed), without retrying', async () => {
    const { context, requests } = contextAnswering([{ status: 401, json: { error: { message: 'Your refresh token has already been used.', type: 'invalid_request_error', code: 'refresh_token_reused' } } }]);
    await expect(refreshCodex(context, record)).rejects.toMatchObject({ permanent: true, code: 'invalid_grant' });
    expect(requests).toHaveLength(1);
  });

  it('server errors are tried 3 times and stay temporary', async () => {
    const { context, requests } = contextAnswering([{ status: 502 }, { status: 503 }, { status: 500 }]);
    await expect(refreshCodex(context, record)).rejects.toMatchObject({ permanent: false, status: 500 });
    expect(requests).toHaveLength(3);
  });
});
