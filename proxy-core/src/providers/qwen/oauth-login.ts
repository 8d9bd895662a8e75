import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, DeviceCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { devicePollState, jsonObject } from '../../login/oauth-http.js';
import { createPkce } from '../../login/pkce.js';
import { qwenRecord } from './account-file.js';
import { QWEN_CLIENT_ID, QWEN_DEVICE_GRANT, QWEN_SCOPES } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';

/** Qwen's defaults (reference §6.1): poll every 5 s; 60 attempts ≈ 5 min when the server does not say. */
const DEFAULT_INTERVAL_SECONDS = 5;
const DEFAULT_LIFETIME_SECONDS = 300;

const positive = (value: unknown, fallback: number): number => {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) && number > 0 ? number : fallback;
};

/** `{access_token, refresh_token, token_type, resource_url, expires_in}` → a record; the alias and old refresh token survive a refresh. */
function recordFromTokens(body: Record<string, unknown>, now: number, previous?: AccountRecord): AccountRecord {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('Qwen answered without an access_token.', { code: 'bad_response' });
  const expiresIn = positive(body.expires_in, 0);
  return qwenRecord({
    accessToken,
    refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
    resourceUrl: text(body.resource_url) ?? previous?.attributes.resourceUrl,
    email: previous?.email,
    expiresAt: expiresIn ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
  });
}

/**
 * RFC 8628 with PKCE: the device request carries an S256 challenge, every poll the verifier. Pending polls
 * answer HTTP 400 `authorization_pending` (or `slow_down`).
 */
export const qwenDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const pkce = createPkce();
    const response = await context.http.request({
      url: context.endpoint('deviceCode'),
      form: { client_id: QWEN_CLIENT_ID, scope: QWEN_SCOPES, code_challenge: pkce.challenge, code_challenge_method: pkce.method },
    });
    const body = jsonObject(response, 'Starting the Qwen device login');
    const deviceCode = text(body.device_code);
    const userCode = text(body.user_code);
    const verificationUri = text(body.verification_uri) ?? text(body.verification_uri_complete);
    if (!deviceCode || !userCode || !verificationUri) throw new OAuthError('Qwen answered the device login without a device_code, user_code or verification_uri.', { code: 'bad_response', status: response.status });
    return {
      handle: { deviceCode, verifier: pkce.verifier },
      userCode,
      verificationUri,
      verificationUriComplete: text(body.verification_uri_complete),
      intervalSeconds: positive(body.interval, DEFAULT_INTERVAL_SECONDS),
      expiresInSeconds: positive(body.expires_in, DEFAULT_LIFETIME_SECONDS),
    };
  },
  async poll(context, authorization) {
    const response = await context.http.request({
      url: context.endpoint('token'),
      form: { grant_type: QWEN_DEVICE_GRANT, client_id: QWEN_CLIENT_ID, device_code: authorization.handle.deviceCode, code_verifier: authorization.handle.verifier },
    });
    const waiting = devicePollState(response, 'Qwen');
    if (waiting) return waiting;
    return { status: 'done', account: recordFromTokens(jsonObject(response, 'The Qwen device login'), context.clock.now()) };
  },
};

/** `grant_type=refresh_token` (form). A rejected refresh token (400/401 `invalid_grant`) needs a new login. */
export async function refreshQwen(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken) throw new OAuthError('This Qwen account has no refresh token.', { code: 'invalid_grant', permanent: true, nextStep: 'Log in again with cliproxyctl login --provider qwen.' });
  const response = await context.http.request({ url: context.endpoint('token'), form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: QWEN_CLIENT_ID } });
  if (response.status === 401 || response.status === 403) {
    throw new OAuthError(`Qwen refused the refresh token (HTTP ${response.status}).`, { code: 'invalid_grant', status: response.status, permanent: true, nextStep: 'Log in again with cliproxyctl login --provider qwen.' });
  }
  return recordFromTokens(jsonObject(response, 'The Qwen token refresh'), context.clock.now(), record);
}
