import type { DeviceCodeFlow } from '../../login/login-types.js';
import type { OAuthResponse } from '../../login/oauth-http.js';
import { OAuthError } from '../../login/oauth-error.js';
import { exchangeCode } from './oauth-login.js';
import { CODEX_CLIENT_ID, CODEX_DEVICE_REDIRECT_URI } from './oauth-endpoints.js';
import { object, text } from '../../shared/json-values.js';

/** The Codex CLI waits this long for the user (reference §4.1 1b). */
const DEVICE_LIFETIME_SECONDS = 15 * 60;
const DEFAULT_INTERVAL_SECONDS = 5;


/** `interval` arrives as a number or a numeric string. */
function seconds(value: unknown, fallback: number): number {
  const number = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** The vendor's `error` code of a failed call: `{error: "x"}`, `{error: {code | type}}` or `{code}`. */
function errorCode(response: OAuthResponse): string | undefined {
  const body = object(response.json);
  if (typeof body.error === 'string') return body.error;
  const nested = object(body.error);
  return text(nested.code) ?? text(nested.type) ?? text(body.code);
}

function errorMessage(response: OAuthResponse): string {
  const body = object(response.json);
  const nested = object(body.error);
  return text(nested.message) ?? text(body.error_description) ?? text(body.message) ?? (response.text.trim().slice(0, 200) || `HTTP ${response.status}`);
}

/**
 * OpenAI's own device login (not RFC 8628): `deviceauth/usercode` gives `{device_auth_id, user_code, interval}`;
 * the user types the code at auth.openai.com/codex/device; `deviceauth/token` answers 403/404 until then and
 * finally `{authorization_code, code_verifier}`, which is exchanged like a browser login with the device
 * callback as redirect URI.
 */
export const codexDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const response = await context.http.request({ url: context.endpoint('deviceUserCode'), json: { client_id: CODEX_CLIENT_ID } });
    if (response.status === 404) {
      throw new OAuthError('OpenAI does not offer the device-code login here (HTTP 404).', { code: 'unsupported', status: 404, nextStep: 'Use the browser login instead.' });
    }
    if (response.status >= 400) {
      throw new OAuthError(`OpenAI refused to start the device login (HTTP ${response.status}: ${errorMessage(response)}).`, { code: errorCode(response) ?? `http_${response.status}`, status: response.status });
    }
    const body = object(response.json);
    const deviceAuthId = text(body.device_auth_id);
    const userCode = text(body.user_code) ?? text(body.usercode);
    if (!deviceAuthId || !userCode) throw new OAuthError('OpenAI answered the device login without a device_auth_id or user_code.', { code: 'bad_response', status: response.status });
    const verificationUri = text(body.verification_uri) ?? context.endpoint('deviceVerification');
    return {
      handle: { deviceAuthId, userCode },
      userCode,
      verificationUri,
      intervalSeconds: seconds(body.interval, DEFAULT_INTERVAL_SECONDS),
      expiresInSeconds: seconds(body.expires_in, DEVICE_LIFETIME_SECONDS),
    };
  },
  async poll(context, authorization) {
    const response = await context.http.request({
      url: context.endpoint('deviceToken'),
      json: { device_auth_id: authorization.handle.deviceAuthId, user_code: authorization.handle.userCode },
    });
    const code = errorCode(response);
    // OpenAI answers 403/404 while the code has not been entered; RFC 8628 spellings are honoured too.
    if (response.status === 403 || response.status === 404 || code === 'authorization_pending') return { status: 'pending' };
    if (response.status === 429 || code === 'slow_down') return { status: 'slow-down' };
    if (response.status >= 400 || code) {
      const expired = response.status === 410 || code === 'expired_token' || /expired/i.test(code ?? '');
      const denied = code === 'access_denied' || /denied/i.test(code ?? '');
      throw new OAuthError(
        expired ? 'The device code expired before it was entered.' : denied ? 'The sign-in was refused on the OpenAI page.' : `The OpenAI device login failed (HTTP ${response.status}: ${errorMessage(response)}).`,
        { code: expired ? 'expired' : denied ? 'access_denied' : (code ?? `http_${response.status}`), status: response.status, nextStep: 'Start the login again.' },
      );
    }
    const body = object(response.json);
    const authorizationCode = text(body.authorization_code);
    if (!authorizationCode) throw new OAuthError('OpenAI approved the device login but sent no authorization_code.', { code: 'bad_response', status: response.status });
    const account = await exchangeCode(context, { code: authorizationCode, redirectUri: CODEX_DEVICE_REDIRECT_URI, codeVerifier: text(body.code_verifier) });
    return { status: 'done', account };
  },
};
