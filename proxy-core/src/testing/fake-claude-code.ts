import { randomUUID } from 'node:crypto';
import { asObject } from './fake-content.js';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { answerClaudeCountTokens, answerClaudeMessages } from './fake-responses-claude.js';
import { DEFAULT_FAKE_TEXT, startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';
import { vendorError } from './vendor-errors.js';

/** Claude Code's public client id (the fake refuses any other). */
export const FAKE_CLAUDE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
const IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";

export interface FakeClaudeAccount {
  email: string;
  accountUuid: string;
  organizationUuid: string;
  organizationName: string;
}

export interface FakeClaudeCode {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.claude` (or the `CLIPROXY_CLAUDE_*_URL` variables). */
  endpoints: Record<'authorize' | 'token' | 'api' | 'profile' | 'usage', string>;
  /** The account the next login or refresh reports. */
  account: FakeClaudeAccount;
  /** Subscription usage the API reports (fractions used, 0..1) in headers and at `/api/oauth/usage`. */
  usage: { fiveHour: number; sevenDay: number; fiveHourResetsAt: number; sevenDayResetsAt: number };
  /** From now on, requests with this token answer 429 with the 5-hour window rejected (until `clearLimit`). */
  limit(accessToken: string, window?: '5h' | '7d'): void;
  clearLimit(accessToken: string): void;
  /** Requests the API accepted or refused, with the token they carried. */
  apiRequests(): RecordedRequest[];
  close(): Promise<void>;
}

function bearer(request: RecordedRequest): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Anthropic for Claude Code subscriptions, offline: the OAuth server (authorize with PKCE S256, JSON token
 * endpoint, rotating nothing — Anthropic keeps refresh tokens), and the API, which accepts only tokens it
 * issued, only with the `oauth-2025-04-20` beta and `?beta=true`, and only Claude Code-shaped bodies (the
 * identity system block) — as the real API does. Every answer carries the unified rate-limit headers.
 */
export async function startFakeClaudeCode(
  options: { account?: Partial<FakeClaudeAccount>; accessTokenTtlSeconds?: number; text?: string; tools?: boolean } = {},
): Promise<FakeClaudeCode> {
  const account: FakeClaudeAccount = {
    email: 'claude-user@example.com',
    accountUuid: randomUUID(),
    organizationUuid: randomUUID(),
    organizationName: "Claude User's Organization",
    ...options.account,
  };
  const hour = 3_600_000;
  const usage = { fiveHour: 0.25, sevenDay: 0.1, fiveHourResetsAt: Date.now() + 3 * hour, sevenDayResetsAt: Date.now() + 96 * hour };
  const limited = new Map<string, '5h' | '7d'>();
  const oauth = await startFakeOAuth({
    clientId: FAKE_CLAUDE_CLIENT_ID,
    pkce: true,
    tokenEncoding: 'json',
    paths: { authorize: '/oauth/authorize', token: '/v1/oauth/token' },
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 28_800,
    allowRedirectUri: (uri) => /^http:\/\/localhost:\d+\/callback$/.test(uri) || uri === 'https://platform.claude.com/oauth/code/callback',
    tokenFields: () => ({
      account: { uuid: fake.account.accountUuid, email_address: fake.account.email },
      organization: { uuid: fake.account.organizationUuid, name: fake.account.organizationName },
    }),
  });

  const unifiedHeaders = (rejected?: '5h' | '7d'): Record<string, string> => ({
    'anthropic-ratelimit-unified-status': rejected ? 'rejected' : 'allowed',
    'anthropic-ratelimit-unified-5h-status': rejected === '5h' ? 'rejected' : 'allowed',
    'anthropic-ratelimit-unified-5h-utilization': String(rejected === '5h' ? 1 : usage.fiveHour),
    'anthropic-ratelimit-unified-5h-reset': String(Math.floor(usage.fiveHourResetsAt / 1000)),
    'anthropic-ratelimit-unified-7d-status': rejected === '7d' ? 'rejected' : 'allowed',
    'anthropic-ratelimit-unified-7d-utilization': String(rejected === '7d' ? 1 : usage.sevenDay),
    'anthropic-ratelimit-unified-7d-reset': String(Math.floor(usage.sevenDayResetsAt / 1000)),
  });

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (request.path.startsWith('/api/oauth/')) {
      if (!oauth.isValidAccessToken(bearer(request))) return vendorError('claude', 401, 'OAuth token has expired or is invalid.');
      return undefined;
    }
    if (!request.path.startsWith('/v1/messages') && request.path !== '/v1/models') return undefined;
    const token = bearer(request);
    if (!token || !oauth.isValidAccessToken(token)) return vendorError('claude', 401, 'OAuth token has expired. Please obtain a new token or refresh your existing token.');
    if (!(request.headers['anthropic-beta'] ?? '').split(',').map((beta) => beta.trim()).includes('oauth-2025-04-20')) {
      return vendorError('claude', 401, 'OAuth authentication is currently not supported.');
    }
    if (request.query.beta !== 'true') return vendorError('claude', 400, 'This endpoint needs ?beta=true for OAuth requests.');
    if (request.path === '/v1/messages') {
      const system = asObject(request.body)?.system;
      const blocks = Array.isArray(system) ? system : typeof system === 'string' ? [{ text: system }] : [];
      const first = asObject(blocks[0]);
      if (typeof first?.text !== 'string' || !first.text.startsWith(IDENTITY)) {
        return vendorError('claude', 400, 'This credential is only authorized for use with Claude Code and cannot be used for other API requests.');
      }
    }
    const window = limited.get(token);
    if (window) {
      const answer = vendorError('claude', 429, 'This request would exceed your account\u2019s rate limit. Please try again later.');
      return { ...answer, headers: { ...(answer.kind === 'json' ? answer.headers : {}), ...unifiedHeaders(window) } } as FakeResponse;
    }
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard });
  const withHeaders = (answer: FakeResponse): FakeResponse =>
    answer.kind === 'json' || answer.kind === 'sse' ? { ...answer, headers: { ...answer.headers, ...unifiedHeaders() } } : answer;
  upstream.script({ method: 'POST', path: '/v1/messages' }, (request) => withHeaders(answerClaudeMessages(request, { text: options.text ?? DEFAULT_FAKE_TEXT, tools: options.tools ?? false })));
  upstream.script({ method: 'POST', path: '/v1/messages/count_tokens' }, (request) => withHeaders(answerClaudeCountTokens(request)));
  upstream.script({ method: 'GET', path: '/api/oauth/profile' }, () => ({
    kind: 'json',
    body: {
      account: { uuid: fake.account.accountUuid, email: fake.account.email, full_name: 'Claude User', has_claude_max: true },
      organization: { uuid: fake.account.organizationUuid, name: fake.account.organizationName, organization_type: 'claude_max' },
    },
  }));
  upstream.script({ method: 'GET', path: '/api/oauth/usage' }, () => ({
    kind: 'json',
    body: {
      five_hour: { utilization: usage.fiveHour * 100, resets_at: new Date(usage.fiveHourResetsAt).toISOString() },
      seven_day: { utilization: usage.sevenDay * 100, resets_at: new Date(usage.sevenDayResetsAt).toISOString() },
      seven_day_opus: null,
      extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
    },
  }));

  const fake: FakeClaudeCode = {
    oauth,
    upstream,
    endpoints: {
      authorize: oauth.endpoints.authorize,
      token: oauth.endpoints.token,
      api: upstream.url,
      profile: `${upstream.url}/api/oauth/profile`,
      usage: `${upstream.url}/api/oauth/usage`,
    },
    account,
    usage,
    limit: (token, window = '5h') => void limited.set(token, window),
    clearLimit: (token) => void limited.delete(token),
    apiRequests: () => upstream.requests.filter((request) => request.path.startsWith('/v1/messages')),
    async close() {
      await Promise.all([oauth.close(), upstream.close()]);
    },
  };
  return fake;
}
