import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, AuthorizationCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { jsonObject, tokenEndpointError } from '../../login/oauth-http.js';
import { iflowRecord } from './account-file.js';
import { cookieApiKey } from './cookie.js';
import { IFLOW_CALLBACK, IFLOW_CLIENT_ID, IFLOW_CLIENT_SECRET } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';

const RELOGIN = 'Log in again with cliproxyctl login --provider iflow.';
const BASIC = `Basic ${Buffer.from(`${IFLOW_CLIENT_ID}:${IFLOW_CLIENT_SECRET}`).toString('base64')}`;

/** `GET userinfo?accessToken=` → `{success, data: {apiKey, email, phone}}`: the API key is what chat calls use. */
async function userInfo(context: AccountContext, accessToken: string): Promise<{ apiKey: string; email: string }> {
  const url = new URL(context.endpoint('userinfo'));
  url.searchParams.set('accessToken', accessToken);
  const body = jsonObject(await context.http.request({ url: url.toString(), method: 'GET' }), 'The iFlow user info lookup');
  const data = (body.data && typeof body.data === 'object' ? body.data : {}) as Record<string, unknown>;
  const apiKey = text(data.apiKey);
  const email = text(data.email) ?? text(data.phone);
  if (body.success !== true || !apiKey) throw new OAuthError('iFlow did not hand out an API key for this account.', { code: 'bad_response', nextStep: 'Check the account on iflow.cn, then log in again.' });
  if (!email) throw new OAuthError('iFlow named no e-mail or phone for this account.', { code: 'bad_response' });
  return { apiKey, email };
}

/** The token endpoint (form + HTTP Basic client auth), then the user info for the API key. */
async function tokens(context: AccountContext, form: Record<string, string>, now: number, previous?: AccountRecord): Promise<AccountRecord> {
  const response = await context.http.request({ url: context.endpoint('token'), headers: { authorization: BASIC }, form: { ...form, client_id: IFLOW_CLIENT_ID, client_secret: IFLOW_CLIENT_SECRET } });
  if (previous && (response.status === 401 || response.status === 403)) {
    throw new OAuthError(`iFlow refused the refresh token (HTTP ${response.status}).`, { code: 'invalid_grant', status: response.status, permanent: true, nextStep: RELOGIN });
  }
  const body = jsonObject(response, previous ? 'The iFlow token refresh' : 'The iFlow token exchange');
  const accessToken = text(body.access_token);
  if (!accessToken) throw tokenEndpointError(response, 'The iFlow token exchange');
  const info = await userInfo(context, accessToken);
  const expiresIn = Number(body.expires_in);
  return iflowRecord({
    accessToken,
    refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
    apiKey: info.apiKey,
    email: previous?.email ?? info.email,
    tokenType: text(body.token_type),
    scope: text(body.scope),
    createdAt: Number(previous?.attributes.createdAt) || Math.floor(now / 1000),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
  });
}

/**
 * iFlow's browser login (no PKCE): `iflow.cn/oauth?loginMethod=phone&type=phone&redirect=…&state=…&client_id=…`,
 * then the code exchange with the client secret and Basic auth.
 */
export const iflowBrowserLogin: AuthorizationCodeFlow = {
  kind: 'authorization-code',
  pkce: false,
  callback: { port: IFLOW_CALLBACK.port, path: IFLOW_CALLBACK.path, host: 'localhost', anyPort: true },
  authorizeUrl({ context, redirectUri, state }) {
    const url = new URL(context.endpoint('authorize'));
    url.searchParams.set('loginMethod', 'phone');
    url.searchParams.set('type', 'phone');
    url.searchParams.set('redirect', redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('client_id', IFLOW_CLIENT_ID);
    return url.toString();
  },
  exchange: ({ context, code, redirectUri }) => tokens(context, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, context.clock.now()),
};

/** `grant_type=refresh_token`, then the API key again (iFlow may rotate it); cookie-mode accounts rotate the key with their cookie. */
export async function refreshIflow(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken && record.attributes.cookie) return cookieApiKey(context, record.attributes.cookie, record);
  if (!refreshToken) throw new OAuthError('This iFlow account has no refresh token.', { code: 'invalid_grant', permanent: true, nextStep: RELOGIN });
  return tokens(context, { grant_type: 'refresh_token', refresh_token: refreshToken }, context.clock.now(), record);
}
