import type { DeviceCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { copilotRecord } from './account-file.js';
import { COPILOT_CLIENT_ID, COPILOT_SCOPE, githubHeaders } from './endpoints.js';
import { exchangeCopilotToken } from './token-exchange.js';
import { object, text } from '../../shared/json-values.js';

const seconds = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

/**
 * GitHub's RFC 8628 device flow with the Copilot plugins' client ([PP] pkg/llmproxy/auth/copilot/oauth.go):
 * `POST login/device/code {client_id, scope}` → `{device_code, user_code, verification_uri, expires_in, interval}`;
 * polls of `login/oauth/access_token` answer HTTP 200 with `{error: authorization_pending | slow_down | expired_token |
 * access_denied}` until `{access_token, token_type, scope}`. Then the user name (`api.github.com/user`) and a first
 * Copilot token, which proves the account has a Copilot seat ([PP] sdk/auth/github_copilot.go "Verifying Copilot access").
 */
export const copilotDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const response = await context.http.request({ url: context.endpoint('deviceCode'), form: { client_id: COPILOT_CLIENT_ID, scope: COPILOT_SCOPE } });
    const body = object(response.json);
    if (response.status >= 400 || text(body.error)) {
      throw new OAuthError(`GitHub refused to start the device login (HTTP ${response.status}: ${text(body.error_description) ?? text(body.error) ?? 'no details'}).`, { code: text(body.error) ?? `http_${response.status}`, status: response.status });
    }
    const deviceCode = text(body.device_code);
    const userCode = text(body.user_code);
    if (!deviceCode || !userCode) throw new OAuthError('GitHub answered the device login without a device_code or user_code.', { code: 'bad_response', status: response.status });
    return {
      handle: { deviceCode },
      userCode,
      verificationUri: text(body.verification_uri) ?? context.endpoint('deviceVerification'),
      intervalSeconds: seconds(body.interval, 5),
      expiresInSeconds: seconds(body.expires_in, 900),
    };
  },
  async poll(context, authorization) {
    const response = await context.http.request({
      url: context.endpoint('deviceToken'),
      form: { client_id: COPILOT_CLIENT_ID, device_code: authorization.handle.deviceCode, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' },
    });
    const body = object(response.json);
    const code = text(body.error);
    if (code === 'authorization_pending') return { status: 'pending' };
    if (code === 'slow_down') return { status: 'slow-down' };
    if (code || response.status >= 400) {
      const expired = code === 'expired_token';
      const denied = code === 'access_denied';
      throw new OAuthError(
        expired ? 'The device code expired before it was entered.' : denied ? 'The sign-in was refused on the GitHub page.' : `The GitHub device login failed (HTTP ${response.status}: ${text(body.error_description) ?? code ?? 'no details'}).`,
        { code: expired ? 'expired' : denied ? 'access_denied' : (code ?? `http_${response.status}`), status: response.status, nextStep: 'Start the login again.' },
      );
    }
    const githubToken = text(body.access_token);
    if (!githubToken) throw new OAuthError('GitHub approved the device login but sent no access_token.', { code: 'bad_response', status: response.status });
    const user = await context.http.request({ url: context.endpoint('user'), method: 'GET', headers: githubHeaders(githubToken) });
    const username = text(object(user.json).login);
    if (user.status >= 400 || !username) throw new OAuthError(`GitHub did not say who signed in (HTTP ${user.status}).`, { code: 'bad_response', status: user.status, nextStep: 'Start the login again.' });
    context.progress('Checking the Copilot subscription…');
    const record = copilotRecord({ githubToken, username, tokenType: text(body.token_type), scope: text(body.scope) ?? COPILOT_SCOPE });
    return { status: 'done', account: await exchangeCopilotToken(context, record) };
  },
};
