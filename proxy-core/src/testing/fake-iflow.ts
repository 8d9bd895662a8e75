import { createHmac, randomBytes } from 'node:crypto';
import { asObject } from './fake-content.js';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

export const FAKE_IFLOW_CLIENT_ID = '10009311001';
export const FAKE_IFLOW_CLIENT_SECRET = '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW';

export interface FakeIflowAccount {
  email: string;
  apiKey: string;
  /** What `GET /v1/models` lists for this account's key (and the only models it may use). */
  models: string[];
}

export interface FakeIflow {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.iflow`. */
  endpoints: Record<'authorize' | 'token' | 'userinfo' | 'api' | 'apikey', string>;
  /** A platform.iflow.cn session cookie (`BXAuth=…`) for a new account, as the browser holds it after signing in. */
  seedCookie(account?: Partial<FakeIflowAccount>): { cookie: string; account: FakeIflowAccount };
  /** The account the next login signs in to. */
  account: FakeIflowAccount;
  /** Tokens and an API key as if the account had logged in earlier (to seed auth files). */
  seed(account?: Partial<FakeIflowAccount>): { accessToken: string; refreshToken: string; account: FakeIflowAccount };
  /** The browser step: follows the authorize URL (the user approves) and returns the callback address. */
  approve(authorizeUrl: string): Promise<string>;
  /** The next `times` chat calls with this key answer HTTP 200 `{status, msg}`, as iFlow does for business errors. */
  businessError(apiKey: string, status: string, msg: string, times?: number): void;
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** The models iFlow refuses to stream for (HTTP 406), as the seed's `glm-4.7` row reports. */
const NO_STREAM = new Set(['glm-4.7']);

/**
 * iFlow offline (reference §6.2, §9): the browser login (`/oauth?…&redirect=…&state=…&client_id=…` → redirect with a
 * code; `/oauth/token` form with client secret and HTTP Basic; `/api/oauth/getUserInfo?accessToken=` →
 * `{success, data: {apiKey, email}}`), and the Chat Completions API that checks the API key, iFlow CLI's signed
 * session headers and the account's model list, answers business errors inside HTTP 200, and refuses to stream
 * `glm-4.7` with a 406.
 */
export async function startFakeIflow(): Promise<FakeIflow> {
  const owners = new Map<string, FakeIflowAccount>();
  const byKey = new Map<string, FakeIflowAccount>();
  const cookies = new Map<string, FakeIflowAccount>();
  const errors: Array<{ apiKey: string; status: string; msg: string; remaining: number }> = [];
  const makeAccount = (partial: Partial<FakeIflowAccount> = {}): FakeIflowAccount => {
    const account = { email: 'iflow-user@example.com', apiKey: `sk-iflow-${randomBytes(12).toString('hex')}`, models: ['glm-4.7', 'qwen3-coder-plus', 'kimi-k2'], ...partial };
    byKey.set(account.apiKey, account);
    return account;
  };

  const oauth = await startFakeOAuth({
    clientId: FAKE_IFLOW_CLIENT_ID,
    clientSecret: FAKE_IFLOW_CLIENT_SECRET,
    pkce: false,
    tokenEncoding: 'form',
    paths: { token: '/oauth/token' },
    accessTokenTtlSeconds: 7 * 86_400,
    rotateRefreshTokens: true,
    tokenFields: ({ accessToken, refreshToken, presentedRefreshToken }) => {
      const account = (presentedRefreshToken && owners.get(presentedRefreshToken)) || fake.account;
      owners.set(accessToken, account);
      owners.set(refreshToken, account);
      return { token_type: 'bearer', scope: 'read' };
    },
  });

  const iflowError = (status: number, message: string): FakeResponse => ({ kind: 'json', status, body: { error: { message, type: 'invalid_request_error', code: String(status) } } });
  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!request.path.startsWith('/v1/')) return undefined;
    const apiKey = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const account = byKey.get(apiKey);
    if (!account) return iflowError(401, 'Invalid API key');
    if (request.path === '/v1/models') return { kind: 'json', body: { object: 'list', data: account.models.map((id) => ({ id, object: 'model', created: 1767225600, owned_by: 'iflow' })) } };
    const { 'session-id': session, 'x-iflow-timestamp': timestamp, 'x-iflow-signature': signature } = request.headers;
    const expected = createHmac('sha256', apiKey).update(`iFlow-Cli:${session}:${timestamp}`).digest('hex');
    if (request.headers['user-agent'] !== 'iFlow-Cli' || !session?.startsWith('session-') || signature !== expected) return iflowError(403, 'Invalid signature');
    const body = asObject(request.body) as Record<string, any> | undefined;
    if (!account.models.includes(String(body?.model))) return { kind: 'json', body: { status: '435', msg: `Model not support: ${String(body?.model)}` } };
    const scripted = errors.findIndex((entry) => entry.apiKey === apiKey);
    if (scripted !== -1) {
      const entry = errors[scripted];
      if (--entry.remaining <= 0) errors.splice(scripted, 1);
      return { kind: 'json', body: { status: entry.status, msg: entry.msg } };
    }
    if (body?.stream === true && NO_STREAM.has(String(body.model))) return { kind: 'raw', status: 406, headers: { 'content-type': 'text/plain' }, body: 'Not Acceptable' };
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard, tools: true });
  upstream.script({ method: 'GET', path: '/oauth' }, (request) => {
    const { redirect, state, client_id: clientId, loginMethod } = request.query;
    if (clientId !== FAKE_IFLOW_CLIENT_ID || !redirect || !state || loginMethod !== 'phone') return { kind: 'json', status: 400, body: { success: false, message: 'bad authorize request' } };
    const target = new URL(redirect);
    target.searchParams.set('code', oauth.issueAuthorizationCode({ redirectUri: redirect }));
    target.searchParams.set('state', state);
    return { kind: 'raw', status: 302, headers: { location: target.toString() }, body: '' };
  });
  upstream.script({ method: 'GET', path: '/api/oauth/getUserInfo' }, (request) => {
    const token = request.query.accessToken;
    const account = token && oauth.isValidAccessToken(token) ? owners.get(token) : undefined;
    if (!account) return { kind: 'json', body: { success: false, message: 'invalid token' } };
    return { kind: 'json', body: { success: true, data: { apiKey: account.apiKey, email: account.email, phone: '' } } };
  });

  // Cookie mode: GET names the key (masked), POST {name} rotates it; `expireTime` is China time, a week ahead.
  const expireTime = () => new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  upstream.script({ path: '/api/openapi/apikey' }, (request) => {
    const session = /(?:^|;\s*)BXAuth=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const account = session ? cookies.get(session) : undefined;
    if (!account) return { kind: 'json', body: { success: false, code: '401', message: 'not logged in', data: null } };
    if (request.method === 'GET') return { kind: 'json', body: { success: true, code: '200', message: 'ok', data: { hasExpired: false, expireTime: expireTime(), name: account.email, apiKey: '', apiKeyMask: 'sk-****' } } };
    if (asObject(request.body)?.name !== account.email || request.headers.origin !== 'https://platform.iflow.cn') return { kind: 'json', body: { success: false, code: '400', message: 'bad request', data: null } };
    byKey.delete(account.apiKey);
    account.apiKey = `sk-iflow-${randomBytes(12).toString('hex')}`;
    byKey.set(account.apiKey, account);
    return { kind: 'json', body: { success: true, code: '200', message: 'ok', data: { hasExpired: false, expireTime: expireTime(), name: account.email, apiKey: account.apiKey, apiKeyMask: 'sk-****' } } };
  });

  const fake: FakeIflow = {
    oauth,
    upstream,
    endpoints: { authorize: `${upstream.url}/oauth`, token: oauth.endpoints.token, userinfo: `${upstream.url}/api/oauth/getUserInfo`, api: `${upstream.url}/v1`, apikey: `${upstream.url}/api/openapi/apikey` },
    seedCookie(partial) {
      const account = makeAccount(partial);
      const session = randomBytes(16).toString('hex');
      cookies.set(session, account);
      return { cookie: `_ga=GA1.1; BXAuth=${session}; lang=zh`, account };
    },
    account: makeAccount(),
    seed(partial) {
      const account = makeAccount(partial);
      const issued = oauth.issue();
      owners.set(issued.accessToken, account);
      owners.set(issued.refreshToken, account);
      return { accessToken: issued.accessToken, refreshToken: issued.refreshToken, account };
    },
    async approve(authorizeUrl) {
      const response = await fetch(authorizeUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`fake iFlow: the authorize request was refused (${response.status}): ${await response.text()}`);
      return location;
    },
    businessError: (apiKey, status, msg, times = 1) => void errors.push({ apiKey, status, msg, remaining: times }),
    chatRequests: () => upstream.requests.filter((request) => request.path === '/v1/chat/completions'),
    close: async () => void (await Promise.all([oauth.close(), upstream.close()])),
  };
  return fake;
}
