import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a fake authorization server was asked, for assertions. */
export interface FakeOAuthRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Form or JSON body, flattened to strings. */
  body: Record<string, string>;
  /** `form`, `json` or `none`: how the body was encoded. */
  encoding: 'form' | 'json' | 'none';
}

export interface FakeOAuthOptions {
  clientId: string;
  /** Required on token calls when set (Google installed apps send one). */
  clientSecret?: string;
  /** Authorization requests must carry an S256 `code_challenge`, and the exchange the matching verifier. */
  pkce: boolean;
  /** How token requests must be encoded: `json` (Anthropic), `form` (RFC 6749), or `either`. */
  tokenEncoding: 'json' | 'form' | 'either';
  /** Paths on this server. Defaults: `/oauth/authorize`, `/oauth/token`, `/oauth/device/code`. */
  paths?: { authorize?: string; token?: string; deviceCode?: string };
  /** Seconds an access token lives (`expires_in`). Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh (and reject the old one afterwards). */
  rotateRefreshTokens?: boolean;
  /**
   * Extra fields for every token response (account, id_token…); gets the grant, the tokens it issues, and for a
   * refresh the refresh token that was presented (to tell whose account it is).
   */
  tokenFields?(grant: { type: 'authorization_code' | 'refresh_token' | 'device_code'; accessToken: string; refreshToken: string; presentedRefreshToken?: string }): Record<string, unknown>;
  /** Device flow: polling interval (seconds) and lifetime. Defaults 1 and 600. */
  device?: { intervalSeconds?: number; expiresInSeconds?: number; verificationUri?: string };
  /** Device flow with PKCE (Qwen): the device request must carry an S256 `code_challenge`, each poll the matching `code_verifier`. */
  devicePkce?: boolean;
  /** Refuse redirect URIs this returns false for (vendors only allow registered ones). */
  allowRedirectUri?(uri: string): boolean;
  /**
   * The answer to a refresh with a refresh token that was already rotated out (OpenAI: 401 `refresh_token_reused`).
   * Default: the RFC 6749 `invalid_grant`.
   */
  reusedRefreshTokenError?: { status: number; body: unknown };
}

export interface FakeOAuthServer {
  url: string;
  /** Absolute URLs of the endpoints, to hand to the proxy's endpoint overrides. */
  endpoints: { authorize: string; token: string; deviceCode: string };
  requests: FakeOAuthRequest[];
  /** The browser step: follows the authorize URL like a user who approves, and returns where it redirects. */
  approve(authorizeUrl: string, options?: { deny?: boolean }): Promise<string>;
  /** Device flow: the user typed this code and approved. */
  approveDevice(userCode: string): void;
  isValidAccessToken(token: string | undefined): boolean;
  /** Makes every refresh token invalid (`invalid_grant`), as when the user revoked access. */
  revokeRefreshTokens(): void;
  /** Makes an access token invalid before its expiry (the vendor answers 401 for it). */
  invalidateAccessToken(token: string): void;
  /** Issues tokens directly (as if a login had happened earlier), for seeding auth files. */
  issue(): { accessToken: string; refreshToken: string; expiresIn: number };
  /** An authorization code as the vendor's own pages hand it out (e.g. OpenAI's device login), for the token endpoint. */
  issueAuthorizationCode(input: { redirectUri: string; codeChallenge?: string }): string;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  used: boolean;
}

interface DeviceGrant {
  deviceCode: string;
  challenge?: string;
  userCode: string;
  approved: boolean;
  expiresAt: number;
  lastPoll: number;
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

async function readBody(request: IncomingMessage): Promise<{ body: Record<string, string>; encoding: FakeOAuthRequest['encoding'] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { body: {}, encoding: 'none' };
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return { body: Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])), encoding: 'json' };
    } catch {
      return { body: {}, encoding: 'json' };
    }
  }
  return { body: Object.fromEntries(new URLSearchParams(text)), encoding: 'form' };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A fake OAuth 2.0 authorization server on loopback that enforces what the vendors' servers enforce:
 * client id (and secret), registered redirect URI, state passthrough, PKCE S256 verifier, single-use
 * codes, refresh-token validity and rotation, and RFC 8628 device polling (`authorization_pending`,
 * `slow_down`, `expired_token`).
 */
export async function startFakeOAuth(options: FakeOAuthOptions): Promise<FakeOAuthServer> {
  const paths = { authorize: '/oauth/authorize', token: '/oauth/token', deviceCode: '/oauth/device/code', ...options.paths };
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const requests: FakeOAuthRequest[] = [];
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Set<string>();
  const retiredRefreshTokens = new Set<string>();
  const devices = new Map<string, DeviceGrant>();
  const sockets = new Set<Socket>();

  const issue = () => {
    const accessToken = token('at-');
    const refreshToken = token('rt-');
    accessTokens.set(accessToken, Date.now() + ttl * 1000);
    refreshTokens.add(refreshToken);
    return { accessToken, refreshToken, expiresIn: ttl };
  };
  const tokenResponse = (type: 'authorization_code' | 'refresh_token' | 'device_code', reuseRefresh?: string) => {
    const issued = issue();
    let refreshToken = issued.refreshToken;
    if (reuseRefresh && !options.rotateRefreshTokens) {
      refreshTokens.delete(issued.refreshToken);
      refreshToken = reuseRefresh;
    } else if (reuseRefresh) {
      refreshTokens.delete(reuseRefresh);
      retiredRefreshTokens.add(reuseRefresh);
    }
    const extra = options.tokenFields?.({ type, accessToken: issued.accessToken, refreshToken, presentedRefreshToken: reuseRefresh });
    return { access_token: issued.accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: ttl, ...extra };
  };
  const oauthError = (response: ServerResponse, status: number, error: string, description: string) => json(response, status, { error, error_description: description });

  const handleToken = (request: FakeOAuthRequest, response: ServerResponse) => {
    const { body } = request;
    if (options.tokenEncoding !== 'either' && request.encoding !== options.tokenEncoding) {
      return oauthError(response, 400, 'invalid_request', `token requests must be ${options.tokenEncoding === 'json' ? 'JSON' : 'form-encoded'}`);
    }
    if (body.client_id !== options.clientId) return oauthError(response, 401, 'invalid_client', 'unknown client_id');
    if (options.clientSecret !== undefined && body.client_secret !== options.clientSecret) return oauthError(response, 401, 'invalid_client', 'bad client_secret');
    if (body.grant_type === 'authorization_code') {
      const pending = codes.get(body.code ?? '');
      if (!pending || pending.used) return oauthError(response, 400, 'invalid_grant', 'authorization code is invalid or was already used');
      pending.used = true;
      if (pending.redirectUri !== body.redirect_uri) return oauthError(response, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      if (pending.challenge !== undefined) {
        const expected = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
        if (!body.code_verifier || expected !== pending.challenge) return oauthError(response, 400, 'invalid_grant', 'PKCE verification failed');
      }
      return json(response, 200, tokenResponse('authorization_code'));
    }
    if (body.grant_type === 'refresh_token') {
      if (!refreshTokens.has(body.refresh_token ?? '')) {
        if (options.reusedRefreshTokenError && retiredRefreshTokens.has(body.refresh_token ?? '')) return json(response, options.reusedRefreshTokenError.status, options.reusedRefreshTokenError.body);
        return oauthError(response, 400, 'invalid_grant', 'refresh token is invalid, expired or revoked');
      }
      return json(response, 200, tokenResponse('refresh_token', body.refresh_token));
    }
    if (body.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') {
      const grant = devices.get(body.device_code ?? '');
      if (!grant) return oauthError(response, 400, 'invalid_grant', 'unknown device code');
      const now = Date.now();
      if (now > grant.expiresAt) return oauthError(response, 400, 'expired_token', 'the device code expired');
      if (grant.challenge !== undefined && createHash('sha256').update(body.code_verifier ?? '').digest('base64url') !== grant.challenge) {
        return oauthError(response, 400, 'invalid_grant', 'PKCE verification failed (code_verifier)');
      }
      const interval = (options.device?.intervalSeconds ?? 1) * 1000;
      const tooSoon = now - grant.lastPoll < interval * 0.8;
      grant.lastPoll = now;
      if (!grant.approved) return oauthError(response, 400, tooSoon ? 'slow_down' : 'authorization_pending', tooSoon ? 'polling too fast' : 'the user has not approved yet');
      devices.delete(grant.deviceCode);
      return json(response, 200, tokenResponse('device_code'));
    }
    return oauthError(response, 400, 'unsupported_grant_type', `grant_type ${body.grant_type ?? '(none)'} is not supported`);
  };

  const handleAuthorize = (request: FakeOAuthRequest, response: ServerResponse) => {
    const query = request.query;
    const problem =
      query.client_id !== options.clientId
        ? 'unknown client_id'
        : query.response_type !== 'code'
          ? 'response_type must be code'
          : !query.redirect_uri || (options.allowRedirectUri && !options.allowRedirectUri(query.redirect_uri))
            ? `redirect_uri ${query.redirect_uri ?? '(none)'} is not registered for this client`
            : !query.state
              ? 'state is required'
              : options.pkce && (!query.code_challenge || query.code_challenge_method !== 'S256')
                ? 'PKCE S256 code_challenge is required'
                : undefined;
    if (problem) return json(response, 400, { error: 'invalid_request', error_description: problem });
    const target = new URL(query.redirect_uri);
    if (query.deny === '1') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied access');
    } else {
      const code = token('code-');
      codes.set(code, { clientId: query.client_id, redirectUri: query.redirect_uri, challenge: options.pkce ? query.code_challenge : undefined, used: false });
      target.searchParams.set('code', code);
    }
    target.searchParams.set('state', query.state);
    response.writeHead(302, { location: target.toString() }).end();
  };

  const server = createServer((incoming, response) => {
    void (async () => {
      const url = new URL(incoming.url ?? '/', 'http://fake');
      const { body, encoding } = await readBody(incoming);
      const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      const request: FakeOAuthRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, encoding };
      requests.push(request);
      if (request.method === 'GET' && url.pathname === paths.authorize) return handleAuthorize(request, response);
      if (request.method === 'POST' && url.pathname === paths.token) return handleToken(request, response);
      if (request.method === 'POST' && url.pathname === paths.deviceCode) {
        if (body.client_id !== options.clientId) return oauthError(response, 401, 'invalid_client', 'unknown client_id');
        if (options.devicePkce && (!body.code_challenge || body.code_challenge_method !== 'S256')) return oauthError(response, 400, 'invalid_request', 'PKCE S256 code_challenge is required');
        const grant: DeviceGrant = {
          deviceCode: token('dc-'),
          challenge: options.devicePkce ? body.code_challenge : undefined,
          userCode: randomBytes(4).toString('hex').toUpperCase(),
          approved: false,
          expiresAt: Date.now() + (options.device?.expiresInSeconds ?? 600) * 1000,
          lastPoll: 0,
        };
        devices.set(grant.deviceCode, grant);
        const verification = options.device?.verificationUri ?? `http://127.0.0.1:${port}/device`;
        return json(response, 200, {
          device_code: grant.deviceCode,
          user_code: grant.userCode,
          verification_uri: verification,
          verification_uri_complete: `${verification}?user_code=${grant.userCode}`,
          expires_in: options.device?.expiresInSeconds ?? 600,
          interval: options.device?.intervalSeconds ?? 1,
        });
      }
      json(response, 404, { error: 'not_found', error_description: `no route ${request.method} ${url.pathname}` });
    })().catch((error: Error) => {
      if (!response.headersSent) json(response, 500, { error: 'server_error', error_description: error.message });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    endpoints: { authorize: base + paths.authorize, token: base + paths.token, deviceCode: base + paths.deviceCode },
    requests,
    async approve(authorizeUrl, approveOptions = {}) {
      const url = new URL(authorizeUrl);
      if (approveOptions.deny) url.searchParams.set('deny', '1');
      const response = await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`fake OAuth: the authorize request was refused (${response.status}): ${await response.text()}`);
      return location;
    },
    approveDevice(userCode) {
      const grant = [...devices.values()].find((item) => item.userCode === userCode);
      if (!grant) throw new Error(`fake OAuth: no device login with user code ${userCode}`);
      grant.approved = true;
    },
    isValidAccessToken(value) {
      const expires = value ? accessTokens.get(value) : undefined;
      return expires !== undefined && expires > Date.now();
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
    invalidateAccessToken: (value) => void accessTokens.delete(value),
    issue,
    issueAuthorizationCode({ redirectUri, codeChallenge }) {
      const code = token('code-');
      codes.set(code, { clientId: options.clientId, redirectUri, challenge: options.pkce ? codeChallenge : undefined, used: false });
      return code;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
