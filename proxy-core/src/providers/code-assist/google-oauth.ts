/**
 * Google OAuth 2.0 for installed apps, as Gemini CLI and Antigravity use it (inventory §2.3/§2.5 "Login"):
 * authorization code without PKCE, `access_type=offline` + `prompt=consent` so a refresh token comes back,
 * a form-encoded token endpoint that wants the (public) client secret, and the userinfo e-mail.
 */
import type { AccountTokens } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { OAuthError } from '../../login/oauth-error.js';
import { text } from '../../shared/json-values.js';

export interface GoogleClient {
  clientId: string;
  /** Installed-app secrets are public constants of the vendor's client (not a secret in this context). */
  clientSecret: string;
  scopes: readonly string[];
}

/** The authorize address; parameters in the order Go's `url.Values.Encode` writes them (sorted). */
export function googleAuthorizeUrl(endpoint: string, client: GoogleClient, redirectUri: string, state: string): string {
  const params = new URLSearchParams({
    access_type: 'offline',
    client_id: client.clientId,
    prompt: 'consent',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: client.scopes.join(' '),
    state,
  });
  return `${endpoint}?${params.toString()}`;
}


/** A token endpoint answer as tokens; a refresh without a new refresh token keeps the old one (Google does not rotate). */
export function googleTokens(body: Record<string, unknown>, now: number, previousRefreshToken?: string): AccountTokens {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('Google answered without an access token.', { code: 'bad_response' });
  const expiresIn = Number(body.expires_in);
  return {
    accessToken,
    refreshToken: text(body.refresh_token) ?? previousRefreshToken,
    idToken: text(body.id_token),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
  };
}

/** `grant_type=authorization_code` (form, with the client secret). */
export async function exchangeGoogleCode(
  context: AccountContext,
  client: GoogleClient,
  input: { code: string; redirectUri: string; headers?: Record<string, string> },
): Promise<AccountTokens> {
  const response = await context.http.request({
    url: context.endpoint('token'),
    headers: input.headers,
    form: { code: input.code, client_id: client.clientId, client_secret: client.clientSecret, redirect_uri: input.redirectUri, grant_type: 'authorization_code' },
  });
  const tokens = googleTokens(jsonObject(response, 'The Google token exchange'), context.clock.now());
  if (!tokens.refreshToken) {
    throw new OAuthError('Google sent no refresh token, so the login could not be kept.', {
      code: 'no_refresh_token',
      nextStep: 'Remove the app at https://myaccount.google.com/permissions and log in again.',
    });
  }
  return tokens;
}

/** `grant_type=refresh_token`; `invalid_grant` (revoked, expired) is permanent: a new login is needed. */
export async function refreshGoogleToken(
  context: AccountContext,
  client: GoogleClient,
  refreshToken: string | undefined,
  headers?: Record<string, string>,
): Promise<AccountTokens> {
  if (!refreshToken) throw new OAuthError('This Google account has no refresh token.', { code: 'invalid_grant', permanent: true });
  const response = await context.http.request({
    url: context.endpoint('token'),
    headers,
    form: { client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken },
  });
  return googleTokens(jsonObject(response, 'The Google token refresh'), context.clock.now(), refreshToken);
}

/** The account's e-mail from the userinfo endpoint (`?alt=json`). */
export async function fetchGoogleEmail(context: AccountContext, accessToken: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await context.http.request({ url: `${context.endpoint('userinfo')}?alt=json`, headers: { ...headers, authorization: `Bearer ${accessToken}` } });
  const email = text(jsonObject(response, 'The Google userinfo request').email);
  if (!email) throw new OAuthError('Google did not say which account this is (no e-mail in userinfo).', { code: 'bad_response', nextStep: 'Log in again and allow access to your e-mail address.' });
  return email;
}
