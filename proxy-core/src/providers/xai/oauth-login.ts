import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, DeviceCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { devicePollState, jsonObject, oauthErrorCode, tokenEndpointError } from '../../login/oauth-http.js';
import { xaiRecord } from './account-file.js';
import { XAI_CLIENT_ID, XAI_DEVICE_GRANT, XAI_SCOPE } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';

const DEFAULT_INTERVAL_SECONDS = 5;
const DEFAULT_LIFETIME_SECONDS = 600;
const RELOGIN = 'Log in again with cliproxyctl login --provider xai.';

const positive = (value: unknown, fallback: number): number => {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) && number > 0 ? number : fallback;
};
/** An https address whose host is x.ai or below it (parsed, so `user@` or `#` tricks do not pass). */
const isHttpsOnXai = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase();
    return parsed.protocol === 'https:' && (host === 'x.ai' || host.endsWith('.x.ai'));
  } catch {
    return false;
  }
};

/**
 * The endpoints auth.x.ai's OIDC discovery names. Discovery at x.ai must name https endpoints on x.ai (as the
 * reference checks); an overridden discovery URL (tests, a relay) is trusted as configured.
 */
export async function discoverXai(context: AccountContext): Promise<{ deviceCode: string; token: string }> {
  const discoveryUrl = context.endpoint('discovery');
  const response = await context.http.request({ url: discoveryUrl, method: 'GET', headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new OAuthError(`xAI's OIDC discovery answered HTTP ${response.status}.`, { code: 'bad_response', status: response.status, nextStep: 'Try again later, or check oauth-endpoints.xai.discovery.' });
  const body = jsonObject(response, 'The xAI OIDC discovery');
  const onXai = isHttpsOnXai(discoveryUrl);
  const pick = (field: string): string => {
    const url = text(body[field]);
    if (!url) throw new OAuthError(`xAI's OIDC discovery has no ${field}.`, { code: 'bad_response' });
    if (onXai && !isHttpsOnXai(url)) throw new OAuthError(`xAI's OIDC discovery names a ${field} that is not an https address on x.ai (${url.split('?')[0]}); refusing it.`, { code: 'bad_response', nextStep: 'Try again later; if it persists, report it.' });
    return url;
  };
  return { deviceCode: pick('device_authorization_endpoint'), token: pick('token_endpoint') };
}

function recordFromTokens(body: Record<string, unknown>, now: number, tokenEndpoint: string, previous?: AccountRecord): AccountRecord {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('xAI answered without an access_token.', { code: 'bad_response' });
  const expiresIn = positive(body.expires_in, 0);
  const idToken = text(body.id_token);
  return xaiRecord({
    accessToken,
    refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
    idToken: idToken ?? previous?.attributes.idToken,
    tokenType: text(body.token_type) ?? previous?.attributes.tokenType,
    email: idToken ? undefined : previous?.attributes.email,
    subject: idToken ? undefined : previous?.attributes.subject,
    tokenEndpoint,
    expiresAt: expiresIn ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
  });
}

/** RFC 8628 device login at auth.x.ai (endpoints from OIDC discovery; form calls with the Grok CLI's client id and scopes). */
export const xaiDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const endpoints = await discoverXai(context);
    const response = await context.http.request({ url: endpoints.deviceCode, headers: { accept: 'application/json' }, form: { client_id: XAI_CLIENT_ID, scope: XAI_SCOPE } });
    if (response.status >= 400) throw tokenEndpointError(response, 'Starting the xAI device login');
    const body = jsonObject(response, 'Starting the xAI device login');
    const deviceCode = text(body.device_code);
    const userCode = text(body.user_code);
    const verificationUri = text(body.verification_uri_complete) ?? text(body.verification_uri);
    if (!deviceCode || !userCode || !verificationUri) throw new OAuthError('xAI answered the device login without a device_code, user_code or verification_uri.', { code: 'bad_response', status: response.status });
    return {
      handle: { deviceCode, tokenEndpoint: endpoints.token },
      userCode,
      verificationUri,
      verificationUriComplete: text(body.verification_uri_complete),
      intervalSeconds: positive(body.interval, DEFAULT_INTERVAL_SECONDS),
      expiresInSeconds: positive(body.expires_in, DEFAULT_LIFETIME_SECONDS),
    };
  },
  async poll(context, authorization) {
    const { deviceCode, tokenEndpoint } = authorization.handle;
    const response = await context.http.request({ url: tokenEndpoint, headers: { accept: 'application/json' }, form: { grant_type: XAI_DEVICE_GRANT, device_code: deviceCode, client_id: XAI_CLIENT_ID } });
    const waiting = devicePollState(response, 'xAI');
    if (waiting) return waiting;
    return { status: 'done', account: recordFromTokens(jsonObject(response, 'The xAI device login'), context.clock.now(), tokenEndpoint) };
  },
};

/**
 * `grant_type=refresh_token` (form) at the account's token endpoint (else discovery's). 400/401/403 = the refresh
 * token was rejected: the account needs a new login (no retry loop).
 */
export async function refreshXai(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken) throw new OAuthError('This xAI account has no refresh token.', { code: 'invalid_grant', permanent: true, nextStep: RELOGIN });
  const tokenEndpoint = record.attributes.tokenEndpoint || (await discoverXai(context)).token;
  const response = await context.http.request({ url: tokenEndpoint, headers: { accept: 'application/json' }, form: { grant_type: 'refresh_token', client_id: XAI_CLIENT_ID, refresh_token: refreshToken } });
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    const code = oauthErrorCode(response);
    throw new OAuthError(`xAI refused the refresh token (HTTP ${response.status}${code ? `, ${code}` : ''}).`, { code: 'invalid_grant', status: response.status, permanent: true, nextStep: RELOGIN });
  }
  if (response.status >= 400) throw tokenEndpointError(response, 'The xAI token refresh');
  return recordFromTokens(jsonObject(response, 'The xAI token refresh'), context.clock.now(), tokenEndpoint, record);
}
