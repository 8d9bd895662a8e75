import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { asObject, unixSeconds } from './fake-content.js';
import { responseId } from './fake-ids.js';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { answerResponses, answerResponsesCompact } from './fake-responses-openai-responses.js';
import { DEFAULT_FAKE_TEXT, startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeSseEvent, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';
import { namedJsonEvent } from './sse-text.js';

/** The Codex CLI's public client id (the fake refuses any other). */
export const FAKE_CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
const LOGIN_REDIRECT = 'http://localhost:1455/auth/callback';
const DEVICE_REDIRECT = 'https://auth.openai.com/deviceauth/callback';
/** Spark is a plus/pro model; other plans are refused it, as the ChatGPT backend does. */
const SPARK_PLANS = new Set(['plus', 'pro']);
/** Models OpenAI retired for ChatGPT accounts (openai/codex#26053): refused whatever the plan. */
const RETIRED = new Set(['gpt-5.2', 'gpt-5.3-codex']);

export interface FakeCodexAccount {
  email: string;
  /** `chatgpt_account_id`: the workspace, sent back as `Chatgpt-Account-Id`. */
  accountId: string;
  /** `chatgpt_plan_type`: free, plus, pro, team, business, go… */
  plan: string;
  userId: string;
}

export interface FakeCodexUsageWindow {
  usedPercent: number;
  windowSeconds: number;
  resetAt: number;
}

export interface FakeCodex {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.codex` (or the `CLIPROXY_CODEX_*_URL` variables). */
  endpoints: Record<'authorize' | 'token' | 'deviceUserCode' | 'deviceToken' | 'deviceVerification' | 'api' | 'usage', string>;
  /** The account the next login reports in its id_token. */
  account: FakeCodexAccount;
  /** Rate-limit windows (`/wham/usage` and the `x-codex-*` headers); reset times in epoch seconds. */
  usage: { primary: FakeCodexUsageWindow; secondary: FakeCodexUsageWindow };
  /** Tokens for an account as if it had logged in earlier (to seed auth files), with its id_token. */
  seed(account?: Partial<FakeCodexAccount>): { accessToken: string; refreshToken: string; idToken: string; account: FakeCodexAccount };
  /** An id_token JWT (unsigned) with the `https://api.openai.com/auth` claim. */
  idToken(account: FakeCodexAccount): string;
  /** From now on this token's requests answer 429 `usage_limit_reached` (until `clearLimit`). */
  limit(accessToken: string, reset?: { resetsAt?: number; resetsInSeconds?: number }): void;
  clearLimit(accessToken: string): void;
  /**
   * The next `times` requests with this token (any token when omitted) answer 200 with `response.created` and then
   * an error event (`error` or `response.failed`) carrying `error`, as the ChatGPT backend does.
   */
  streamError(options: { accessToken?: string; event?: 'error' | 'response.failed'; error: Record<string, unknown>; times?: number }): void;
  /** Device login: the user typed this code on auth.openai.com/codex/device and approved. */
  approveDevice(userCode: string): void;
  /** Device login: answer the next N polls with 429 `slow_down` (OpenAI is not known to send it; RFC 8628 servers do). */
  slowDownPolls: number;
  /**
   * What `GET /backend-api/codex/models?client_version=…` answers (slugs), read per request: set it to make
   * ChatGPT "release" a model. Without `client_version` the backend answers 400, as the real one does.
   */
  models: string[];
  /** Device login: the poll `interval` the usercode answer asks for (sent as a string, as OpenAI does); default 1. */
  deviceIntervalSeconds: number;
  /** Requests to the Codex API (`…/codex/responses`, `…/responses/compact`). */
  apiRequests(): RecordedRequest[];
  close(): Promise<void>;
}

function bearer(request: RecordedRequest): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

const jwtPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const detail = (status: number, message: string): FakeResponse => ({ kind: 'json', status, body: { detail: message } });

/**
 * OpenAI for ChatGPT (Codex) subscriptions, offline. The OAuth side is `startFakeOAuth` with PKCE S256, form-encoded
 * token calls, rotating refresh tokens (a rotated-out one answers 401 `refresh_token_reused`), only the registered
 * redirect URIs, and an `id_token` naming account and plan. The device login is OpenAI's own variant (usercode →
 * 403 while pending → `{authorization_code, code_verifier}`). The API accepts only tokens it issued, with the
 * matching `Chatgpt-Account-Id`, an `Originator`, and the body rules of the backend (`stream: true`,
 * `store: false`, `instructions`, no token limits or sampling fields); it always streams, reports usage in
 * `x-codex-*` headers and `/wham/usage`, and refuses Spark to plans without it.
 */
export async function startFakeCodex(options: { account?: Partial<FakeCodexAccount>; accessTokenTtlSeconds?: number; text?: string; tools?: boolean } = {}): Promise<FakeCodex> {
  const makeAccount = (partial: Partial<FakeCodexAccount> = {}): FakeCodexAccount => ({
    email: 'codex-user@example.com',
    accountId: randomUUID(),
    plan: 'plus',
    userId: `user-${randomBytes(8).toString('hex')}`,
    ...partial,
  });
  const now = unixSeconds();
  const usage = {
    primary: { usedPercent: 30, windowSeconds: 18_000, resetAt: now + 2 * 3600 },
    secondary: { usedPercent: 10, windowSeconds: 604_800, resetAt: now + 4 * 86_400 },
  };
  const owners = new Map<string, FakeCodexAccount>();
  const limited = new Map<string, { resetsAt?: number; resetsInSeconds?: number }>();
  const streamErrors: Array<{ accessToken?: string; event: 'error' | 'response.failed'; error: Record<string, unknown>; remaining: number }> = [];
  const devices = new Map<string, { userCode: string; approved: boolean }>();

  const idToken = (account: FakeCodexAccount) =>
    [
      jwtPart({ alg: 'RS256', typ: 'JWT' }),
      jwtPart({
        iss: 'https://auth.openai.com',
        aud: [FAKE_CODEX_CLIENT_ID],
        email: account.email,
        email_verified: true,
        exp: unixSeconds() + 3600,
        iat: unixSeconds(),
        'https://api.openai.com/auth': {
          chatgpt_account_id: account.accountId,
          chatgpt_plan_type: account.plan,
          chatgpt_user_id: account.userId,
          user_id: account.userId,
          organizations: [{ id: `org-${account.accountId.slice(0, 8)}`, is_default: true, role: 'owner', title: 'Personal' }],
        },
      }),
      randomBytes(16).toString('base64url'),
    ].join('.');

  const oauth = await startFakeOAuth({
    clientId: FAKE_CODEX_CLIENT_ID,
    pkce: true,
    tokenEncoding: 'form',
    paths: { authorize: '/oauth/authorize', token: '/oauth/token' },
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 864_000,
    rotateRefreshTokens: true,
    allowRedirectUri: (uri) => uri === LOGIN_REDIRECT || uri === DEVICE_REDIRECT,
    reusedRefreshTokenError: {
      status: 401,
      body: {
        error: {
          message: 'Your refresh token has already been used to generate a new access token. Please try signing in again.',
          type: 'invalid_request_error',
          param: null,
          code: 'refresh_token_reused',
        },
      },
    },
    tokenFields: ({ accessToken, refreshToken, presentedRefreshToken }) => {
      // A refresh keeps the account of the token it renews; a login is the fake's current account.
      const account = (presentedRefreshToken && owners.get(presentedRefreshToken)) || { ...fake.account };
      owners.set(accessToken, account);
      owners.set(refreshToken, account);
      return { id_token: idToken(account) };
    },
  });

  const rateLimitHeaders = (): Record<string, string> => ({
    'x-codex-primary-used-percent': String(usage.primary.usedPercent),
    'x-codex-primary-window-minutes': String(usage.primary.windowSeconds / 60),
    'x-codex-primary-reset-after-seconds': String(Math.max(0, usage.primary.resetAt - unixSeconds())),
    'x-codex-secondary-used-percent': String(usage.secondary.usedPercent),
    'x-codex-secondary-window-minutes': String(usage.secondary.windowSeconds / 60),
    'x-codex-secondary-reset-after-seconds': String(Math.max(0, usage.secondary.resetAt - unixSeconds())),
  });

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    const api = request.path.startsWith('/backend-api/codex/');
    if (!api && !request.path.startsWith('/backend-api/wham/')) return undefined;
    const token = bearer(request);
    if (!token || !oauth.isValidAccessToken(token)) {
      return { kind: 'json', status: 401, body: { error: { message: 'Provided authentication token is expired. Please try signing in again.', type: null, code: 'token_expired', param: null }, status: 401 } };
    }
    const account = owners.get(token);
    if (!account || request.headers['chatgpt-account-id'] !== account.accountId) {
      return { kind: 'json', status: 403, body: { error: { message: 'You do not have access to this workspace (Chatgpt-Account-Id does not match the token).', type: 'invalid_request_error', code: 'account_mismatch', param: null } } };
    }
    if (!api) return undefined;
    if (!request.headers.originator) return detail(400, 'Missing required header: originator');
    // The model list is a GET without a body (answered by its scripted route once authenticated).
    if (request.method === 'GET' && request.path === '/backend-api/codex/models') return undefined;
    const body = asObject(request.body);
    if (!body) return detail(400, 'Invalid JSON body');
    if (typeof body.instructions !== 'string') return detail(400, 'Instructions are required');
    for (const field of ['max_output_tokens', 'temperature', 'top_p', 'previous_response_id']) {
      if (field in body) return detail(400, `Unsupported parameter: ${field}`);
    }
    if ((body.model === 'gpt-5.3-codex-spark' && !SPARK_PLANS.has(account.plan)) || RETIRED.has(String(body.model))) {
      return detail(400, `The '${String(body.model)}' model is not supported when using Codex with a ChatGPT account.`);
    }
    if (!request.path.endsWith('/responses/compact')) {
      if (body.store !== false) return detail(400, 'Store must be set to false');
      if (body.stream !== true) return detail(400, 'Stream must be set to true');
    }
    const limit = limited.get(token);
    if (limit) {
      const error: Record<string, unknown> = { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: account.plan };
      if (limit.resetsAt !== undefined) error.resets_at = limit.resetsAt;
      if (limit.resetsInSeconds !== undefined) error.resets_in_seconds = limit.resetsInSeconds;
      return { kind: 'json', status: 429, headers: { ...rateLimitHeaders(), 'x-codex-primary-used-percent': '100' }, body: { error } };
    }
    const scripted = streamErrors.findIndex((entry) => entry.accessToken === undefined || entry.accessToken === token);
    if (scripted !== -1 && !request.path.endsWith('/responses/compact')) {
      const entry = streamErrors[scripted];
      if (--entry.remaining <= 0) streamErrors.splice(scripted, 1);
      const id = responseId();
      const envelope = { id, object: 'response', created_at: unixSeconds(), status: 'in_progress', model: body.model, output: [] };
      const events: FakeSseEvent[] = [namedJsonEvent('response.created', { type: 'response.created', sequence_number: 0, response: envelope })];
      events.push(
        entry.event === 'error'
          ? namedJsonEvent('error', { type: 'error', sequence_number: 1, error: entry.error })
          : namedJsonEvent('response.failed', { type: 'response.failed', sequence_number: 1, response: { ...envelope, status: 'failed', error: entry.error } }),
      );
      return { kind: 'sse', headers: rateLimitHeaders(), events };
    }
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard });
  const answerOptions = { text: options.text ?? DEFAULT_FAKE_TEXT, tools: options.tools ?? false };
  const withHeaders = (answer: FakeResponse): FakeResponse => (answer.kind === 'sse' || answer.kind === 'json' ? { ...answer, headers: { ...answer.headers, ...rateLimitHeaders() } } : answer);
  upstream.script({ method: 'POST', path: '/backend-api/codex/responses' }, (request) => withHeaders(answerResponses(request, answerOptions)));
  upstream.script({ method: 'POST', path: '/backend-api/codex/responses/compact' }, (request) => answerResponsesCompact(request));

  upstream.script({ method: 'GET', path: '/backend-api/codex/models' }, (request) => {
    if (!request.query.client_version) return detail(400, 'client_version is required');
    return { kind: 'json', body: { models: fake.models.map((slug, index) => ({ slug, display_name: slug, visibility: 'list', supported_in_api: true, priority: index, context_window: 272_000 })) } };
  });

  const window = (entry: FakeCodexUsageWindow) => ({
    used_percent: entry.usedPercent,
    limit_window_seconds: entry.windowSeconds,
    reset_after_seconds: Math.max(0, entry.resetAt - unixSeconds()),
    reset_at: entry.resetAt,
  });
  upstream.script({ method: 'GET', path: '/backend-api/wham/usage' }, (request) => {
    const account = owners.get(bearer(request) ?? '')!;
    return {
      kind: 'json',
      body: {
        plan_type: account.plan,
        rate_limit: { allowed: true, limit_reached: false, primary_window: window(usage.primary), secondary_window: window(usage.secondary) },
        code_review_rate_limit: { allowed: true, limit_reached: false, primary_window: { used_percent: 0, limit_window_seconds: 604_800, reset_after_seconds: 604_800, reset_at: unixSeconds() + 604_800 }, secondary_window: null },
        additional_rate_limits: [],
        rate_limit_reset_credits: { available_count: 2 },
      },
    };
  });

  // OpenAI's device login (reference §4.1 1b), JSON both ways.
  upstream.script({ method: 'POST', path: '/api/accounts/deviceauth/usercode' }, (request) => {
    const body = asObject(request.body);
    if (body?.client_id !== FAKE_CODEX_CLIENT_ID) return { kind: 'json', status: 400, body: { error: { message: 'Unknown client_id', type: 'invalid_request_error', code: 'invalid_client' } } };
    const deviceAuthId = `deviceauth_${randomBytes(12).toString('hex')}`;
    const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(3).toString('hex')}`.toUpperCase();
    devices.set(deviceAuthId, { userCode, approved: false });
    return { kind: 'json', body: { device_auth_id: deviceAuthId, user_code: userCode, interval: String(fake.deviceIntervalSeconds) } };
  });
  upstream.script({ method: 'POST', path: '/api/accounts/deviceauth/token' }, (request) => {
    const body = asObject(request.body);
    const device = devices.get(String(body?.device_auth_id ?? ''));
    if (!device || device.userCode !== body?.user_code) return { kind: 'json', status: 400, body: { error: { message: 'Unknown device authorization', type: 'invalid_request_error', code: 'invalid_device_auth' } } };
    if (fake.slowDownPolls > 0 && fake.slowDownPolls--) return { kind: 'json', status: 429, body: { error: { message: 'Polling too fast', type: 'invalid_request_error', code: 'slow_down' } } };
    if (!device.approved) return { kind: 'json', status: 403, body: { error: { message: 'Device authorization is pending', type: 'invalid_request_error', code: 'deviceauth_authorization_pending' } } };
    devices.delete(String(body?.device_auth_id));
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    return { kind: 'json', body: { authorization_code: oauth.issueAuthorizationCode({ redirectUri: DEVICE_REDIRECT, codeChallenge: challenge }), code_verifier: verifier, code_challenge: challenge } };
  });

  const fake: FakeCodex = {
    oauth,
    upstream,
    endpoints: {
      authorize: oauth.endpoints.authorize,
      token: oauth.endpoints.token,
      deviceUserCode: `${upstream.url}/api/accounts/deviceauth/usercode`,
      deviceToken: `${upstream.url}/api/accounts/deviceauth/token`,
      deviceVerification: `${upstream.url}/codex/device`,
      api: `${upstream.url}/backend-api/codex`,
      usage: `${upstream.url}/backend-api/wham/usage`,
    },
    account: makeAccount(options.account),
    usage,
    seed(partial) {
      const account = makeAccount(partial);
      const issued = oauth.issue();
      owners.set(issued.accessToken, account);
      owners.set(issued.refreshToken, account);
      return { accessToken: issued.accessToken, refreshToken: issued.refreshToken, idToken: idToken(account), account };
    },
    idToken,
    limit: (token, reset = { resetsAt: unixSeconds() + 3600 }) => void limited.set(token, reset),
    clearLimit: (token) => void limited.delete(token),
    streamError: ({ accessToken, event = 'response.failed', error, times = 1 }) => void streamErrors.push({ accessToken, event, error, remaining: times }),
    approveDevice(userCode) {
      const device = [...devices.values()].find((item) => item.userCode === userCode);
      if (!device) throw new Error(`fake Codex: no device login with user code ${userCode}`);
      device.approved = true;
    },
    slowDownPolls: 0,
    models: ['gpt-5.5', 'gpt-5.4-mini'],
    deviceIntervalSeconds: 1,
    apiRequests: () => upstream.requests.filter((request) => request.path.startsWith('/backend-api/codex/')),
    async close() {
      await Promise.all([oauth.close(), upstream.close()]);
    },
  };
  return fake;
}
