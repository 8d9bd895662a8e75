import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, DeviceCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { jsonObject, type OAuthResponse } from '../../login/oauth-http.js';
import { kiroRecord } from './account-file.js';
import { BUILDER_ID_START_URL, DEFAULT_KIRO_REGION, withRegion } from './endpoints.js';
import { kiroApiHeaders } from './headers.js';
import { KIRO_AUTH_HEADERS } from './refresh.js';
import { object } from '../../shared/json-values.js';

/**
 * AWS Builder ID device login, as the Kiro IDE does it ([PP] pkg/llmproxy/auth/kiro/sso_oidc.go L30-55,
 * L267-450, L678-840): register a public OIDC client (`POST {oidc}/client/register`), start device
 * authorization with the Builder ID start URL (`POST {oidc}/device_authorization`), then poll
 * `POST {oidc}/token` with the device_code grant (400 `authorization_pending` / `slow_down` until approved).
 * Afterwards the profile ARN (`AmazonCodeWhispererService.ListProfiles`) and the e-mail (`getUsageLimits
 * ?isEmailRequired=true`) are looked up, best effort.
 */
export const KIRO_SCOPES = ['codewhisperer:completions', 'codewhisperer:analysis', 'codewhisperer:conversations', 'codewhisperer:transformations', 'codewhisperer:taskassist'];
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const seconds = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);

function errorCode(response: OAuthResponse): string | undefined {
  const body = object(response.json);
  return text(body.error) ?? text(body.__type)?.replace(/^.*#/, '');
}

/** The profile ARN and e-mail of a fresh token; missing facts are left out (the token still works). */
async function accountFacts(context: AccountContext, accessToken: string, region: string): Promise<{ profileArn?: string; email?: string }> {
  const api = withRegion(context.endpoint('api'), region);
  let profileArn: string | undefined;
  try {
    const response = await context.http.request({
      url: api,
      headers: { ...kiroApiHeaders(accessToken), 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonCodeWhispererService.ListProfiles' },
      json: { origin: 'AI_EDITOR' },
    });
    const profiles = Array.isArray(object(response.json).profiles) ? (object(response.json).profiles as unknown[]) : [];
    profileArn = text(object(profiles[0]).arn);
  } catch (error) {
    context.log('warn', 'Kiro login: could not list profiles', { error: (error as Error).message });
  }
  return { profileArn, email: await lookupKiroEmail(context, accessToken, profileArn, region) };
}

/** The account's e-mail from `getUsageLimits?isEmailRequired=true` (best effort: undefined when it cannot be read). */
export async function lookupKiroEmail(context: AccountContext, accessToken: string, profileArn: string | undefined, region: string): Promise<string | undefined> {
  try {
    const query = new URLSearchParams({ origin: 'AI_EDITOR', resourceType: 'AGENTIC_REQUEST', isEmailRequired: 'true' });
    if (profileArn) query.set('profileArn', profileArn);
    const response = await context.http.request({ url: `${withRegion(context.endpoint('api'), region)}/getUsageLimits?${query}`, headers: kiroApiHeaders(accessToken) });
    return text(object(object(response.json).userInfo).email);
  } catch (error) {
    context.log('warn', 'Kiro: could not read the account e-mail', { error: (error as Error).message });
    return undefined;
  }
}

/** Builder ID, or IAM Identity Center when the user gave a start URL (`--start-url`, `--region`). */
function target(options: { startUrl?: string; region?: string }): { method: 'builder-id' | 'idc'; startUrl: string; region: string } {
  const region = options.region?.trim() || DEFAULT_KIRO_REGION;
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region)) throw new OAuthError(`"${region}" is not an AWS region.`, { code: 'invalid_request', nextStep: 'Give the Identity Center region, e.g. --region eu-west-1.' });
  const startUrl = options.startUrl?.trim();
  if (!startUrl || startUrl === BUILDER_ID_START_URL) return { method: 'builder-id', startUrl: BUILDER_ID_START_URL, region };
  if (!/^https:\/\/\S+$/.test(startUrl)) throw new OAuthError(`"${startUrl}" is not an AWS access portal URL.`, { code: 'invalid_request', nextStep: 'Give it as https://<your-org>.awsapps.com/start.' });
  return { method: 'idc', startUrl, region };
}

/**
 * The same device flow serves IAM Identity Center ([PP] sso_oidc.go `RegisterClientWithRegion`,
 * `StartDeviceAuthorizationWithIDC`): the OIDC host of the Identity Center's region and the organisation's start URL.
 */
export const kiroDeviceLogin: DeviceCodeFlow = {
  kind: 'device-code',
  async start(context) {
    const { method, startUrl, region } = target(context.options);
    const oidc = withRegion(context.endpoint('oidc'), region);
    const registered = jsonObject(
      await context.http.request({ url: `${oidc}/client/register`, headers: { ...KIRO_AUTH_HEADERS }, json: { clientName: 'Kiro IDE', clientType: 'public', scopes: KIRO_SCOPES, grantTypes: [DEVICE_GRANT, 'refresh_token'] } }),
      method === 'idc' ? 'Registering the OIDC client with IAM Identity Center' : 'Registering the AWS OIDC client',
    );
    const clientId = text(registered.clientId);
    const clientSecret = text(registered.clientSecret);
    if (!clientId || !clientSecret) throw new OAuthError('AWS registered the OIDC client without a clientId / clientSecret.', { code: 'bad_response' });
    const device = jsonObject(
      await context.http.request({ url: `${oidc}/device_authorization`, headers: { ...KIRO_AUTH_HEADERS }, json: { clientId, clientSecret, startUrl } }),
      method === 'idc' ? 'Starting the IAM Identity Center device login' : 'Starting the AWS Builder ID device login',
    );
    const deviceCode = text(device.deviceCode);
    const userCode = text(device.userCode);
    const verificationUri = text(device.verificationUri);
    if (!deviceCode || !userCode || !verificationUri) throw new OAuthError('AWS answered the device login without a deviceCode, userCode or verificationUri.', { code: 'bad_response' });
    return {
      handle: { clientId, clientSecret, deviceCode, method, startUrl, region },
      userCode,
      verificationUri,
      verificationUriComplete: text(device.verificationUriComplete),
      intervalSeconds: seconds(device.interval, 5),
      expiresInSeconds: seconds(device.expiresIn, 600),
    };
  },
  async poll(context, authorization) {
    const { clientId, clientSecret, deviceCode, method, startUrl, region } = authorization.handle as { clientId: string; clientSecret: string; deviceCode: string; method: 'builder-id' | 'idc'; startUrl: string; region: string };
    const oidc = withRegion(context.endpoint('oidc'), region);
    const response = await context.http.request({ url: `${oidc}/token`, headers: { ...KIRO_AUTH_HEADERS }, json: { clientId, clientSecret, deviceCode, grantType: DEVICE_GRANT } });
    const code = errorCode(response);
    if (code === 'authorization_pending' || code === 'AuthorizationPendingException') return { status: 'pending' };
    if (code === 'slow_down' || code === 'SlowDownException') return { status: 'slow-down' };
    if (response.status >= 400) {
      const what = method === 'idc' ? 'IAM Identity Center' : 'AWS Builder ID';
      const expired = /expired/i.test(code ?? '');
      const denied = /denied/i.test(code ?? '');
      throw new OAuthError(expired ? 'The device code expired before it was approved.' : denied ? 'The sign-in was refused on the AWS page.' : `The ${what} login failed (HTTP ${response.status}${code ? `, ${code}` : ''}).`, {
        code: expired ? 'expired' : denied ? 'access_denied' : (code ?? `http_${response.status}`),
        status: response.status,
        nextStep: 'Start the login again.',
      });
    }
    const body = jsonObject(response, method === 'idc' ? 'The IAM Identity Center token request' : 'The AWS Builder ID token request');
    const accessToken = text(body.accessToken);
    if (!accessToken) throw new OAuthError('AWS answered the device login without an accessToken.', { code: 'bad_response', status: response.status });
    const now = context.clock.now();
    const facts = await accountFacts(context, accessToken, region);
    const account: AccountRecord = kiroRecord({
      accessToken,
      refreshToken: text(body.refreshToken),
      expiresAt: now + seconds(body.expiresIn, 3600) * 1000,
      refreshedAt: now,
      authMethod: method,
      provider: 'AWS',
      clientId,
      clientSecret,
      region,
      startUrl,
      ...facts,
    });
    return { status: 'done', account };
  },
};
