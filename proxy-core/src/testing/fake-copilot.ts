import { randomBytes } from 'node:crypto';
import { asArray, asObject, unixSeconds } from './fake-content.js';
import { answerChatCompletion } from './fake-responses-openai-chat.js';
import { answerResponses } from './fake-responses-openai-responses.js';
import { DEFAULT_FAKE_TEXT, startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

/** The Copilot plugins' GitHub OAuth app (the fake refuses any other). */
export const FAKE_COPILOT_CLIENT_ID = 'Iv1.b507a08c87ecfe98';

export interface FakeCopilotUser {
  username: string;
  /** False = no Copilot seat: the token exchange is refused. */
  seat: boolean;
  plan: string;
  /** Premium requests per month and how many are left. */
  premium: { entitlement: number; remaining: number };
}

export interface FakeCopilot {
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.github-copilot`. */
  endpoints: Record<'deviceCode' | 'deviceToken' | 'deviceVerification' | 'user' | 'copilotToken' | 'copilotUser' | 'api', string>;
  /** The GitHub user the next device login signs in as. */
  user: FakeCopilotUser;
  /** A GitHub token as if the user had logged in earlier (to seed auth files). */
  seed(user?: Partial<FakeCopilotUser>): { githubToken: string; user: FakeCopilotUser };
  /** Device login: the user typed this code on github.com/login/device and approved. */
  approveDevice(userCode: string): void;
  /** The user revoked the app on GitHub: the GitHub token and its Copilot tokens stop working. */
  revoke(githubToken: string): void;
  /** From now on chat calls of this user answer 429 (with `Retry-After`), until `clearLimit`. */
  limit(username: string, retryAfterSeconds?: number): void;
  clearLimit(username: string): void;
  /** Models the organisation's policy does not allow this user: chat calls answer 403. */
  forbid(username: string, model: string): void;
  /** What `GET /models` lists (Copilot ids, e.g. `claude-sonnet-4.5`), read per request. */
  models: string[];
  /** Lifetime of minted Copilot tokens, in seconds (Copilot's is about 25–30 minutes). */
  copilotTokenTtlSeconds: number;
  /** Copilot API calls (`/copilot/…`). */
  apiRequests(): RecordedRequest[];
  /** Token exchanges (`copilot_internal/v2/token`). */
  exchanges(): RecordedRequest[];
  close(): Promise<void>;
}

const githubError = (status: number, message: string, extra: Record<string, unknown> = {}): FakeResponse => ({
  kind: 'json',
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...extra },
});
const copilotError = (status: number, message: string, code: string): FakeResponse => ({ kind: 'json', status, body: { error: { message, code } } });
const form = (request: RecordedRequest): Record<string, string> => Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
const githubToken = (request: RecordedRequest) => /^token\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
const bearer = (request: RecordedRequest) => /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];

/** What the real list says per model: chat models with limits; the Codex ones speak only `/responses`. */
function listEntry(id: string): Record<string, unknown> {
  const embedding = id.includes('embedding');
  return {
    id,
    name: id,
    object: 'model',
    vendor: id.startsWith('claude') ? 'Anthropic' : id.startsWith('gemini') ? 'Google' : 'Azure OpenAI',
    version: id,
    model_picker_enabled: !embedding,
    capabilities: { type: embedding ? 'embeddings' : 'chat', family: id, limits: embedding ? { max_inputs: 512 } : { max_context_window_tokens: 128_000, max_output_tokens: 16_000 } },
    ...(id.includes('codex') ? { supported_endpoints: ['/responses'] } : {}),
  };
}

/**
 * GitHub + GitHub Copilot, offline, under one server: `/github/login/…` (the device flow: form bodies, HTTP 200 with
 * `{error: authorization_pending}` while waiting), `/api/user` and `/api/copilot_internal/{v2/token, user}` (the
 * GitHub API with `Authorization: token …`; 401 "Bad credentials" for revoked tokens, 404 without a seat), and
 * `/copilot/{chat/completions, responses, models}` (only unexpired Copilot tokens it minted, the editor headers Copilot
 * requires, string assistant content on chat, Codex models only on `/responses`, 403 for models the policy forbids, 429 when limited).
 */
export async function startFakeCopilot(options: { text?: string; tools?: boolean; pollIntervalSeconds?: number } = {}): Promise<FakeCopilot> {
  const makeUser = (partial: Partial<FakeCopilotUser> = {}): FakeCopilotUser => ({
    username: 'octo-dev',
    seat: true,
    plan: 'individual_pro',
    premium: { entitlement: 300, remaining: 240 },
    ...partial,
  });
  const githubTokens = new Map<string, FakeCopilotUser>();
  const copilotTokens = new Map<string, { user: FakeCopilotUser; githubToken: string; expiresAt: number }>();
  const devices = new Map<string, { userCode: string; approved: boolean }>();
  const limited = new Map<string, number>();
  const forbidden = new Set<string>();

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!request.path.startsWith('/copilot/')) return undefined;
    const token = bearer(request);
    const minted = token ? copilotTokens.get(token) : undefined;
    if (!minted || !githubTokens.has(minted.githubToken)) return { kind: 'raw', status: 401, headers: { 'content-type': 'text/plain' }, body: 'unauthorized: token expired or invalid\n' };
    if (minted.expiresAt <= unixSeconds()) return { kind: 'raw', status: 401, headers: { 'content-type': 'text/plain' }, body: 'unauthorized: token expired\n' };
    if (!request.headers['editor-version']) return copilotError(400, 'missing Editor-Version header for IDE auth', 'missing_header');
    if (!request.headers['copilot-integration-id']) return copilotError(400, 'missing Copilot-Integration-Id header', 'missing_header');
    if (request.method === 'GET') return undefined;
    const body = asObject(request.body);
    const model = String(body?.model ?? '');
    if (request.path.endsWith('/chat/completions') && asArray(body?.messages).some((message) => asObject(message)?.role === 'assistant' && Array.isArray(asObject(message)?.content))) {
      return copilotError(400, 'assistant message content must be a string', 'invalid_request_body');
    }
    if (!fake.models.includes(model)) return copilotError(400, 'The requested model is not supported.', 'model_not_supported');
    if (model.includes('codex') && request.path.endsWith('/chat/completions')) return copilotError(400, `model ${model} is not accessible via the /chat/completions endpoint`, 'unsupported_api_for_model');
    if (forbidden.has(`${minted.user.username}|${model}`)) return copilotError(403, `Access to model ${model} is disabled by your organization's Copilot policy.`, 'forbidden');
    const retryAfter = limited.get(minted.user.username);
    if (retryAfter !== undefined) return { kind: 'json', status: 429, headers: { 'retry-after': String(retryAfter) }, body: { error: { message: 'Sorry, you have been rate-limited. Please wait a moment before trying again.', code: 'rate_limited' } } };
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard });
  const answerOptions = { text: options.text ?? DEFAULT_FAKE_TEXT, tools: options.tools ?? false };

  upstream.script({ method: 'POST', path: '/github/login/device/code' }, (request) => {
    const body = form(request);
    if (body.client_id !== FAKE_COPILOT_CLIENT_ID) return { kind: 'json', body: { error: 'unauthorized_client', error_description: 'The client_id is not valid.' } };
    const deviceCode = randomBytes(20).toString('hex');
    const userCode = `${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toUpperCase();
    devices.set(deviceCode, { userCode, approved: false });
    return { kind: 'json', body: { device_code: deviceCode, user_code: userCode, verification_uri: 'https://github.com/login/device', expires_in: 899, interval: options.pollIntervalSeconds ?? 1 } };
  });
  upstream.script({ method: 'POST', path: '/github/login/oauth/access_token' }, (request) => {
    const body = form(request);
    if (body.client_id !== FAKE_COPILOT_CLIENT_ID) return { kind: 'json', body: { error: 'incorrect_client_credentials', error_description: 'The client_id is not valid.' } };
    if (body.grant_type !== 'urn:ietf:params:oauth:grant-type:device_code') return { kind: 'json', body: { error: 'unsupported_grant_type', error_description: 'The grant type is not supported.' } };
    const device = devices.get(body.device_code ?? '');
    if (!device) return { kind: 'json', body: { error: 'incorrect_device_code', error_description: 'The device_code provided is not valid.' } };
    if (!device.approved) return { kind: 'json', body: { error: 'authorization_pending', error_description: 'The authorization request is still pending.', error_uri: 'https://docs.github.com' } };
    devices.delete(body.device_code);
    const token = `gho_${randomBytes(18).toString('hex')}`;
    githubTokens.set(token, { ...fake.user });
    return { kind: 'json', body: { access_token: token, token_type: 'bearer', scope: 'user:email' } };
  });
  upstream.script({ method: 'GET', path: '/api/user' }, (request) => {
    const user = githubTokens.get(githubToken(request) ?? '');
    if (!user) return githubError(401, 'Bad credentials');
    return { kind: 'json', body: { login: user.username, id: 1000, type: 'User', name: user.username } };
  });
  upstream.script({ method: 'GET', path: '/api/copilot_internal/v2/token' }, (request) => {
    const token = githubToken(request) ?? '';
    const user = githubTokens.get(token);
    if (!user) return githubError(401, 'Bad credentials');
    if (!request.headers['editor-version']) return githubError(400, 'Editor-Version header is required');
    if (!user.seat) return githubError(404, 'Not Found', { error_details: { message: `No access to GitHub Copilot found. You are currently logged in as ${user.username}.`, notification_id: 'no_copilot_access' } });
    const copilotToken = `tid=${randomBytes(12).toString('hex')};exp=${unixSeconds() + fake.copilotTokenTtlSeconds};sku=${user.plan}`;
    const expiresAt = unixSeconds() + fake.copilotTokenTtlSeconds;
    copilotTokens.set(copilotToken, { user, githubToken: token, expiresAt });
    return {
      kind: 'json',
      body: { token: copilotToken, expires_at: expiresAt, refresh_in: Math.max(60, fake.copilotTokenTtlSeconds - 300), sku: user.plan, chat_enabled: true, endpoints: { api: `${upstream.url}/copilot`, proxy: `${upstream.url}/proxy`, telemetry: `${upstream.url}/telemetry` } },
    };
  });
  upstream.script({ method: 'GET', path: '/api/copilot_internal/user' }, (request) => {
    const user = githubTokens.get(githubToken(request) ?? '');
    if (!user) return githubError(401, 'Bad credentials');
    const { entitlement, remaining } = user.premium;
    return {
      kind: 'json',
      body: {
        login: user.username,
        access_type_sku: user.plan,
        copilot_plan: 'individual',
        chat_enabled: true,
        quota_reset_date: '2027-01-01',
        quota_snapshots: {
          chat: { entitlement: 0, remaining: 0, percent_remaining: 100, unlimited: true, overage_count: 0, overage_permitted: false, quota_id: 'chat' },
          completions: { entitlement: 0, remaining: 0, percent_remaining: 100, unlimited: true, overage_count: 0, overage_permitted: false, quota_id: 'completions' },
          premium_interactions: { entitlement, remaining, percent_remaining: (remaining / entitlement) * 100, unlimited: false, overage_count: 0, overage_permitted: false, quota_id: 'premium_interactions' },
        },
      },
    };
  });
  upstream.script({ method: 'POST', path: '/copilot/chat/completions' }, (request) => answerChatCompletion(request, answerOptions));
  upstream.script({ method: 'POST', path: '/copilot/responses' }, (request) => answerResponses(request, answerOptions));
  upstream.script({ method: 'GET', path: '/copilot/models' }, () => ({ kind: 'json', body: { object: 'list', data: fake.models.map(listEntry) } }));

  const fake: FakeCopilot = {
    upstream,
    endpoints: {
      deviceCode: `${upstream.url}/github/login/device/code`,
      deviceToken: `${upstream.url}/github/login/oauth/access_token`,
      deviceVerification: `${upstream.url}/github/login/device`,
      user: `${upstream.url}/api/user`,
      copilotToken: `${upstream.url}/api/copilot_internal/v2/token`,
      copilotUser: `${upstream.url}/api/copilot_internal/user`,
      api: `${upstream.url}/copilot`,
    },
    user: makeUser(),
    seed(partial) {
      const user = makeUser(partial);
      const token = `gho_${randomBytes(18).toString('hex')}`;
      githubTokens.set(token, user);
      return { githubToken: token, user };
    },
    approveDevice(userCode) {
      const device = [...devices.values()].find((item) => item.userCode === userCode);
      if (!device) throw new Error(`fake Copilot: no device login with user code ${userCode}`);
      device.approved = true;
    },
    revoke: (token) => void githubTokens.delete(token),
    limit: (username, retryAfterSeconds = 120) => void limited.set(username, retryAfterSeconds),
    clearLimit: (username) => void limited.delete(username),
    forbid: (username, model) => void forbidden.add(`${username}|${model}`),
    models: ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'gpt-5.1-codex', 'text-embedding-3-small'],
    copilotTokenTtlSeconds: 1500,
    apiRequests: () => upstream.requests.filter((request) => request.path.startsWith('/copilot/')),
    exchanges: () => upstream.requests.filter((request) => request.path === '/api/copilot_internal/v2/token'),
    close: () => upstream.close(),
  };
  return fake;
}
