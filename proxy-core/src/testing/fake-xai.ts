import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

/** The Grok CLI's public client id (the fake refuses any other). */
export const FAKE_XAI_CLIENT_ID = 'b1a00492-073a-47ea-816f-4c329264a828';

export interface FakeXai {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.xai`. */
  endpoints: Record<'discovery' | 'api', string>;
  /** Tokens for a seeded account of `email` (default: `email` below); its refreshes carry id tokens for that e-mail. */
  seed(email?: string): { accessToken: string; refreshToken: string; expiresIn: number };
  /** The e-mail of the next device login's id token. */
  email: string;
  /** Requests to the Grok CLI proxy's `/v1/responses`. */
  responsesRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned id token with the claims the proxy reads (email, sub). */
export const fakeIdToken = (email: string): string => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://auth.x.ai', sub: `user-${email.split('@')[0]}`, email })}.sig`;

/**
 * xAI offline (reference §5.2): OIDC discovery naming an RFC 8628 device login (form, `authorization_pending` /
 * `slow_down`) and a token endpoint with rotating refresh tokens and id tokens, and the Grok CLI proxy's Responses API
 * at `/v1/responses` that accepts only its own tokens sent with the Grok CLI's `x-xai-token-auth` and
 * `x-grok-client-version` headers (403 otherwise, as the proxy refuses unknown clients).
 */
export async function startFakeXai(options: { deviceIntervalSeconds?: number; text?: string } = {}): Promise<FakeXai> {
  const state = { email: 'grok.user@example.com' };
  /** Refresh token → the user it belongs to (a refresh answers with that user's id token). */
  const owners = new Map<string, string>();
  const oauth = await startFakeOAuth({
    clientId: FAKE_XAI_CLIENT_ID,
    pkce: false,
    tokenEncoding: 'form',
    paths: { deviceCode: '/oauth2/device/code', token: '/oauth2/token' },
    accessTokenTtlSeconds: 3600,
    rotateRefreshTokens: true,
    device: { intervalSeconds: options.deviceIntervalSeconds ?? 5, expiresInSeconds: 600, verificationUri: 'https://accounts.x.ai/device' },
    tokenFields: (grant) => {
      const email = (grant.presentedRefreshToken && owners.get(grant.presentedRefreshToken)) || state.email;
      owners.set(grant.refreshToken, email);
      return { token_type: 'Bearer', id_token: fakeIdToken(email) };
    },
  });

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!request.path.startsWith('/v1/')) return undefined;
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !oauth.isValidAccessToken(token)) return { kind: 'json', status: 401, body: { code: 'Unauthenticated', error: 'Invalid or expired token.' } };
    if (request.headers['x-xai-token-auth'] !== 'xai-grok-cli' || !request.headers['x-grok-client-version']) return { kind: 'json', status: 403, body: { code: 'PermissionDenied', error: 'Unknown client.' } };
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard, tools: true, text: options.text });
  upstream.script({ method: 'GET', path: '/.well-known/openid-configuration' }, () => ({
    kind: 'json',
    body: { issuer: 'https://auth.x.ai', device_authorization_endpoint: oauth.endpoints.deviceCode, token_endpoint: oauth.endpoints.token, scopes_supported: ['openid', 'offline_access'] },
  }));
  const fake: FakeXai = {
    oauth,
    upstream,
    endpoints: { discovery: `${upstream.url}/.well-known/openid-configuration`, api: `${upstream.url}/v1` },
    seed: (email = state.email) => {
      const issued = oauth.issue();
      owners.set(issued.refreshToken, email);
      return issued;
    },
    get email() {
      return state.email;
    },
    set email(value: string) {
      state.email = value;
    },
    responsesRequests: () => upstream.requests.filter((request) => request.path === '/v1/responses'),
    close: async () => void (await Promise.all([oauth.close(), upstream.close()])),
  };
  return fake;
}
