import { randomBytes } from 'node:crypto';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { startFakeUpstream } from './fake-upstream.js';
import type { FakeUpstream, RecordedRequest } from './fake-upstream-types.js';
import { vendorError } from './vendor-errors.js';

/** The public installed-app clients the fakes accept (an independent copy: a wrong constant in the provider fails). */
export const FAKE_GOOGLE_CLIENTS = {
  geminiCli: { clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com', clientSecret: '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', authorizePath: '/o/oauth2/auth' },
  antigravity: { clientId: '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com', clientSecret: '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', authorizePath: '/o/oauth2/v2/auth' },
} as const;

export interface FakeGoogleOAuth {
  oauth: FakeOAuthServer;
  /** `www.googleapis.com`: `GET /oauth2/v1/userinfo` and `/oauth2/v2/userinfo` for issued tokens. */
  userinfo: FakeUpstream;
  endpoints: { authorize: string; token: string; userinfo: string };
  /** The account the next login reports (mutable). */
  account: { email: string; name: string };
  close(): Promise<void>;
}

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+\/[^?#]*$/;

function bearer(request: RecordedRequest): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Google's OAuth for installed apps, offline: authorize (any loopback redirect, as Google allows for desktop
 * clients; no PKCE), a form-encoded token endpoint that checks the client id and secret, refresh tokens that are
 * not rotated, and userinfo on a separate host, which answers only for tokens this server issued.
 */
export async function startFakeGoogleOAuth(options: { client: { clientId: string; clientSecret: string; authorizePath: string }; email?: string; accessTokenTtlSeconds?: number }): Promise<FakeGoogleOAuth> {
  const account = { email: options.email ?? 'google-user@example.com', name: 'Google User' };
  const oauth = await startFakeOAuth({
    clientId: options.client.clientId,
    clientSecret: options.client.clientSecret,
    pkce: false,
    tokenEncoding: 'form',
    paths: { authorize: options.client.authorizePath, token: '/token' },
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3599,
    allowRedirectUri: (uri) => LOOPBACK.test(uri),
    tokenFields: () => ({ scope: 'https://www.googleapis.com/auth/cloud-platform openid', id_token: `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ email: account.email })).toString('base64url')}.` }),
  });
  const userinfo = await startFakeUpstream({
    guard: (request) => (oauth.isValidAccessToken(bearer(request)) ? undefined : vendorError('gemini', 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.')),
  });
  const answer = () => ({ kind: 'json' as const, body: { id: randomBytes(10).toString('hex'), email: account.email, verified_email: true, name: account.name, picture: 'https://example.com/photo.png' } });
  userinfo.script({ method: 'GET', path: '/oauth2/v1/userinfo' }, answer);
  userinfo.script({ method: 'GET', path: '/oauth2/v2/userinfo' }, answer);
  const version = options.client.authorizePath.includes('/v2/') ? 'v2' : 'v1';
  return {
    oauth,
    userinfo,
    endpoints: { authorize: oauth.endpoints.authorize, token: oauth.endpoints.token, userinfo: `${userinfo.url}/oauth2/${version}/userinfo` },
    account,
    async close() {
      await Promise.all([oauth.close(), userinfo.close()]);
    },
  };
}
