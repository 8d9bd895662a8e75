import { randomUUID } from 'node:crypto';
import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, DeviceCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { devicePollState, jsonObject } from '../../login/oauth-http.js';
import { kimiRecord } from './account-file.js';
import { DEFAULT_KIMI_DEVICE_ID, kimiDeviceHeaders } from './device-headers.js';
import { KIMI_CLIENT_ID, KIMI_DEVICE_GRANT } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';

const DEFAULT_INTERVAL_SECONDS = 5;
const DEFAULT_LIFETIME_SECONDS = 600;
/** Auth calls name the proxy as the platform (reference §5.1 1). */
const AUTH_PLATFORM = 'CLIProxyAPI';
const RELOGIN = 'Log in again with cliproxyctl login --provider kimi.';

const positive = (value: unknown, fallback: number): number => {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) && number > 0 ? number : fallback;
};

function recordFromTokens(body: Record<string, unknown>, now: number, context: { deviceId: string; timestamp: number }, previous?: AccountRecord): AccountRecord {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('Kimi answered without an access_token.', { code: 'bad_response' });
  const expiresIn = positive(body.expires_in, 0);
  return kimiRecord({
    accessToken,
    refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
    tokenType: text(body.token_type) ?? previous?.attributes.tokenType,
    scope: text(body.scope) ?? previous?.attributes.scope,
    timestamp: context.timestamp,
    deviceId: context.deviceId,
    expiresAt: expiresIn ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
  });
}

/** RFC 8628 device login at auth.kimi.com (form calls, `X-Msh-*` device headers; pending polls answer `authorization_pending`). */
export const kimiDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const deviceId = randomUUID();
    const response = await context.http.request({ url: context.endpoint('deviceCode'), headers: kimiDeviceHeaders(deviceId, AUTH_PLATFORM), form: { client_id: KIMI_CLIENT_ID } });
    const body = jsonObject(response, 'Starting the Kimi device login');
    const deviceCode = text(body.device_code);
    const userCode = text(body.user_code);
    const verificationUri = text(body.verification_uri_complete) ?? text(body.verification_uri);
    if (!deviceCode || !userCode || !verificationUri) throw new OAuthError('Kimi answered the device login without a device_code, user_code or verification_uri.', { code: 'bad_response', status: response.status });
    return {
      handle: { deviceCode, deviceId },
      userCode,
      verificationUri,
      verificationUriComplete: text(body.verification_uri_complete),
      intervalSeconds: positive(body.interval, DEFAULT_INTERVAL_SECONDS),
      expiresInSeconds: positive(body.expires_in, DEFAULT_LIFETIME_SECONDS),
    };
  },
  async poll(context, authorization) {
    const { deviceCode, deviceId } = authorization.handle;
    const response = await context.http.request({
      url: context.endpoint('token'),
      headers: kimiDeviceHeaders(deviceId, AUTH_PLATFORM),
      form: { client_id: KIMI_CLIENT_ID, device_code: deviceCode, grant_type: KIMI_DEVICE_GRANT },
    });
    const waiting = devicePollState(response, 'Kimi');
    if (waiting) return waiting;
    const now = context.clock.now();
    return { status: 'done', account: recordFromTokens(jsonObject(response, 'The Kimi device login'), now, { deviceId, timestamp: now }) };
  },
};

/** `grant_type=refresh_token` (form) with the account's device headers; 401/403 = the refresh token was rejected. */
export async function refreshKimi(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken) throw new OAuthError('This Kimi account has no refresh token.', { code: 'invalid_grant', permanent: true, nextStep: RELOGIN });
  const deviceId = record.attributes.deviceId || DEFAULT_KIMI_DEVICE_ID;
  const response = await context.http.request({
    url: context.endpoint('token'),
    headers: kimiDeviceHeaders(deviceId, AUTH_PLATFORM),
    form: { client_id: KIMI_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken },
  });
  if (response.status === 401 || response.status === 403) {
    throw new OAuthError(`Kimi refused the refresh token (HTTP ${response.status}).`, { code: 'invalid_grant', status: response.status, permanent: true, nextStep: RELOGIN });
  }
  return recordFromTokens(jsonObject(response, 'The Kimi token refresh'), context.clock.now(), { deviceId, timestamp: Number(record.attributes.timestamp) || 0 }, record);
}
