import { asObject } from './fake-content.js';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

/** Qwen Code's public client id (the fake refuses any other). */
export const FAKE_QWEN_CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';

export interface FakeQwen {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.qwen`; `api` is left out on purpose: accounts reach the API through `resource_url`. */
  endpoints: Record<'deviceCode' | 'token', string>;
  /** The `resource_url` the token endpoint hands out: this fake's API origin (with `http://`, since it has no TLS). */
  resourceUrl: string;
  /** Tokens as if an account had logged in earlier (to seed auth files). */
  seed(): { accessToken: string; refreshToken: string; expiresIn: number };
  /** From now on this token's requests answer 403 `insufficient_quota`, as Qwen does when the daily quota is used up. */
  exhaust(accessToken: string, options?: { retryAfterSeconds?: number }): void;
  replenish(accessToken: string): void;
  /** Requests to `/v1/chat/completions`. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const qwenError = (status: number, code: string, message: string, headers?: Record<string, string>): FakeResponse => ({
  kind: 'json',
  status,
  headers,
  body: { error: { code, message, type: code }, request_id: 'fake-request' },
});

/**
 * Qwen Code offline (reference §6.1, §9): the device flow with PKCE (`device/code` takes the S256 challenge, each
 * token poll the verifier; pending polls answer 400 `authorization_pending`), form-encoded token calls whose
 * answers carry `resource_url`, and an OpenAI Chat Completions API that accepts only tokens it issued, wants the
 * `X-Dashscope-Authtype: qwen-oauth` header and exactly one leading system message, and reports an exhausted daily
 * quota as HTTP 403 `insufficient_quota`.
 */
export async function startFakeQwen(options: { tools?: boolean; text?: string; accessTokenTtlSeconds?: number; deviceIntervalSeconds?: number } = {}): Promise<FakeQwen> {
  const exhausted = new Map<string, number | undefined>();
  let resourceUrl = '';
  const oauth = await startFakeOAuth({
    clientId: FAKE_QWEN_CLIENT_ID,
    pkce: false,
    devicePkce: true,
    tokenEncoding: 'form',
    paths: { deviceCode: '/api/v1/oauth2/device/code', token: '/api/v1/oauth2/token' },
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 21_600,
    rotateRefreshTokens: true,
    device: { intervalSeconds: options.deviceIntervalSeconds ?? 5, expiresInSeconds: 300, verificationUri: 'https://chat.qwen.ai/authorize' },
    tokenFields: () => ({ resource_url: resourceUrl }),
  });

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!request.path.startsWith('/v1/')) return undefined;
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !oauth.isValidAccessToken(token)) return qwenError(401, 'invalid_api_key', 'Incorrect API key provided.');
    if (request.headers['x-dashscope-authtype'] !== 'qwen-oauth') return qwenError(400, 'invalid_parameter_error', 'X-DashScope-AuthType qwen-oauth is required for OAuth tokens.');
    const body = asObject(request.body);
    const messages = Array.isArray(body?.messages) ? (body.messages as Array<{ role?: string }>) : [];
    if (messages.findIndex((message) => message.role === 'system') !== 0 || messages.filter((message) => message.role === 'system').length !== 1) {
      return qwenError(400, 'invalid_parameter_error', 'System message must be at the beginning.');
    }
    if (exhausted.has(token)) {
      const retry = exhausted.get(token);
      return qwenError(403, 'insufficient_quota', 'Free allocated quota exceeded.', retry === undefined ? undefined : { 'retry-after': String(retry) });
    }
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard, tools: options.tools ?? true, text: options.text });
  resourceUrl = upstream.url;
  return {
    oauth,
    upstream,
    endpoints: { deviceCode: oauth.endpoints.deviceCode, token: oauth.endpoints.token },
    resourceUrl,
    seed: () => oauth.issue(),
    exhaust: (token, exhaustOptions = {}) => void exhausted.set(token, exhaustOptions.retryAfterSeconds),
    replenish: (token) => void exhausted.delete(token),
    chatRequests: () => upstream.requests.filter((request) => request.path === '/v1/chat/completions'),
    async close() {
      await Promise.all([oauth.close(), upstream.close()]);
    },
  };
}
