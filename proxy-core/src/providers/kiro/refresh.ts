import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { jsonObject, tokenEndpointError, type OAuthResponse } from '../../login/oauth-http.js';
import { kiroRecord, type KiroAuthMethod } from './account-file.js';
import { kiroAuthRegion, withRegion } from './endpoints.js';

/** What the Kiro IDE sends on token calls ([PP] sso_oidc.go `applyIDCRefreshHeaders`, oauth.go). */
export const KIRO_AUTH_HEADERS = { 'user-agent': 'KiroIDE', 'x-amz-user-agent': 'aws-sdk-js/3.738.0 KiroIDE' } as const;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const seconds = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);

/** A refresh the vendor refused for good: the refresh token is revoked / expired, so only a new login helps. */
function refusal(response: OAuthResponse, what: string): OAuthError {
  const error = tokenEndpointError(response, what);
  const body = response.text;
  // AWS SSO-OIDC answers 400 `invalid_grant` / `expired_token`; Kiro's service 401/403 for a dead refresh token.
  if (error.permanent || /invalid_grant|expired_token|InvalidGrantException|ExpiredTokenException|revoked|invalid refresh/i.test(body) || response.status === 401 || response.status === 403) {
    return new OAuthError(`${what} was refused: the refresh token is no longer valid (HTTP ${response.status}).`, {
      code: 'invalid_grant',
      status: response.status,
      permanent: true,
      nextStep: 'Log in to this Kiro account again (cliproxyctl login --provider kiro, or import the Kiro IDE token).',
    });
  }
  return error;
}

/**
 * New tokens for a Kiro account, by login type:
 *  - social → `POST {social}/refreshToken` `{refreshToken}` → `{accessToken, refreshToken, profileArn, expiresIn}`
 *    ([PP] pkg/llmproxy/auth/kiro/oauth.go `RefreshTokenWithFingerprint`);
 *  - builder-id / idc → `POST {oidc}/token` with both casings of the client and refresh fields and
 *    `grant_type: refresh_token` ([PP] sso_oidc.go `buildIDCRefreshPayload`); a missing new refresh token keeps the old one.
 * A revoked refresh token throws a permanent OAuthError ("log in again"), which stops further refreshes.
 */
export async function refreshKiro(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  const attributes = record.attributes;
  const method = (attributes.authMethod ?? 'social') as KiroAuthMethod;
  if (!refreshToken) throw new OAuthError('This Kiro account has no refresh token.', { code: 'invalid_grant', permanent: true, nextStep: 'Log in to this Kiro account again.' });
  const region = kiroAuthRegion(attributes);
  let response: OAuthResponse;
  let what: string;
  if (method === 'social') {
    what = 'The Kiro token refresh';
    response = await context.http.request({ url: `${withRegion(context.endpoint('social'), region)}/refreshToken`, headers: { ...KIRO_AUTH_HEADERS }, json: { refreshToken } });
  } else {
    what = method === 'idc' ? 'The IAM Identity Center token refresh' : 'The AWS Builder ID token refresh';
    const clientId = attributes.clientId;
    const clientSecret = attributes.clientSecret;
    if (!clientId || !clientSecret) throw new OAuthError(`${what} needs the registered client, which this account file lacks.`, { code: 'invalid_client', permanent: true, nextStep: 'Log in to this Kiro account again.' });
    response = await context.http.request({
      url: `${withRegion(context.endpoint('oidc'), region)}/token`,
      headers: { ...KIRO_AUTH_HEADERS },
      json: { clientId, clientSecret, refreshToken, client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token', grantType: 'refresh_token' },
    });
  }
  if (response.status >= 400) throw refusal(response, what);
  const body = jsonObject(response, what);
  const accessToken = text(body.accessToken) ?? text(body.access_token);
  if (!accessToken) throw new OAuthError(`${what} answered without an accessToken.`, { code: 'bad_response', status: response.status });
  const now = context.clock.now();
  return kiroRecord({
    accessToken,
    refreshToken: text(body.refreshToken) ?? text(body.refresh_token) ?? refreshToken,
    expiresAt: now + seconds(body.expiresIn ?? body.expires_in, 3600) * 1000,
    refreshedAt: now,
    profileArn: text(body.profileArn) ?? attributes.profileArn,
    authMethod: method,
    provider: attributes.provider,
    clientId: attributes.clientId,
    clientSecret: attributes.clientSecret,
    region: attributes.region,
    apiRegion: attributes.apiRegion,
    startUrl: attributes.startUrl,
    email: record.email,
  });
}
