import { asObject } from './fake-content.js';
import { startFakeOAuth, type FakeOAuthServer } from './fake-oauth.js';
import { startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeSseEvent, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

/** Kimi Code's public client id (the fake refuses any other). */
export const FAKE_KIMI_CLIENT_ID = '17e5f671-d194-4dfb-9706-5516cb48c098';
/** The upstream ids Kimi Code serves (after the proxy's mapping); others answer 404. */
const UPSTREAM_MODELS = new Set(['k2', 'k2-thinking', 'k2.5', 'k2.6', 'kimi-for-coding', 'kimi-for-coding-highspeed', 'k3']);
export const FAKE_KIMI_THOUGHT = 'The user wants the file. I will read it first.';

export interface FakeKimi {
  oauth: FakeOAuthServer;
  upstream: FakeUpstream;
  /** For config `oauth-endpoints.kimi`. */
  endpoints: Record<'deviceCode' | 'token' | 'api' | 'usage', string>;
  seed(): { accessToken: string; refreshToken: string; expiresIn: number };
  /** `/v1/usages` answer. */
  usage: { used: number; limit: number; resetInSeconds: number };
  /** Requests to `/coding/v1/chat/completions`. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, any>;
const kimiError = (status: number, type: string, message: string): FakeResponse => ({ kind: 'json', status, body: { error: { message, type } } });

/** K2 thinking: reasoning first, then a call to the first offered tool (first turn) or the tool result echoed. */
function thinkingAnswer(request: RecordedRequest): FakeResponse {
  const body = request.body as Json;
  const messages = (body.messages ?? []) as Json[];
  const toolResult = [...messages].reverse().find((message) => message.role === 'tool');
  const tool = (body.tools ?? [])[0]?.function?.name as string | undefined;
  const call = !toolResult && tool ? { id: 'call_kimi_1', type: 'function', function: { name: tool, arguments: '{"path":"README.md"}' } } : undefined;
  const content = call ? '' : `Read: ${String(toolResult?.content ?? 'nothing')}`;
  const usage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 };
  const base = { id: 'chatcmpl-kimi', created: 1767225600, model: body.model };
  const finish = call ? 'tool_calls' : 'stop';
  if (body.stream !== true) {
    const message = { role: 'assistant', content, reasoning_content: FAKE_KIMI_THOUGHT, ...(call ? { tool_calls: [call] } : {}) };
    return { kind: 'json', body: { ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage } };
  }
  const chunk = (delta: Json, finishReason: string | null = null, extra: Json = {}): FakeSseEvent => ({ data: JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra }) });
  return {
    kind: 'sse',
    events: [
      chunk({ role: 'assistant', reasoning_content: FAKE_KIMI_THOUGHT }),
      call ? chunk({ tool_calls: [{ index: 0, ...call }] }) : chunk({ content }),
      chunk({}, finish),
      { data: JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage }) },
      { data: '[DONE]' },
    ],
  };
}

/**
 * Kimi Code offline (reference §5.1, §9): RFC 8628 device login at `/api/oauth/{device_authorization, token}`
 * (form, `authorization_pending` / `slow_down`), the Kimi Code Chat Completions API at `/coding/v1/chat/completions`
 * that accepts only its own tokens with the kimi CLI's `X-Msh-*` headers and Kimi's model ids, and a K2-thinking model
 * (`k2-thinking`) that thinks before it calls a tool and refuses — as Kimi does — a history whose assistant
 * tool-call turn lacks `reasoning_content`. `/coding/v1/usages` reports the plan usage.
 */
export async function startFakeKimi(options: { deviceIntervalSeconds?: number; text?: string } = {}): Promise<FakeKimi> {
  const oauth = await startFakeOAuth({
    clientId: FAKE_KIMI_CLIENT_ID,
    pkce: false,
    tokenEncoding: 'form',
    paths: { deviceCode: '/api/oauth/device_authorization', token: '/api/oauth/token' },
    accessTokenTtlSeconds: 900,
    rotateRefreshTokens: true,
    device: { intervalSeconds: options.deviceIntervalSeconds ?? 5, expiresInSeconds: 600, verificationUri: 'https://www.kimi.com/code/authorize_device' },
    tokenFields: () => ({ scope: 'kimi-code', token_type: 'Bearer' }),
  });

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!request.path.startsWith('/coding/')) return undefined;
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !oauth.isValidAccessToken(token)) return kimiError(401, 'invalid_authentication_error', 'The API Key appears to be invalid or may have expired.');
    if (!request.headers['x-msh-device-id'] || !request.headers['x-msh-platform']) return kimiError(400, 'invalid_request_error', 'Missing X-Msh device headers.');
    if (request.path !== '/coding/v1/chat/completions') return undefined;
    const body = asObject(request.body) as Json | undefined;
    if (!body || !UPSTREAM_MODELS.has(String(body.model))) return kimiError(404, 'resource_not_found_error', `Not found the model ${String(body?.model)} or Permission denied`);
    if (body.model === 'k2-thinking') {
      const index = ((body.messages ?? []) as Json[]).findIndex((message) => message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0 && !message.reasoning_content);
      if (index !== -1) return kimiError(400, 'invalid_request_error', `thinking is enabled but reasoning_content is missing in assistant tool call message at index ${index}`);
      return thinkingAnswer(request);
    }
    return undefined;
  };

  const upstream = await startFakeUpstream({ guard, tools: true, text: options.text });
  const fake: FakeKimi = {
    oauth,
    upstream,
    endpoints: { deviceCode: oauth.endpoints.deviceCode, token: oauth.endpoints.token, api: `${upstream.url}/coding`, usage: `${upstream.url}/coding/v1/usages` },
    seed: () => oauth.issue(),
    usage: { used: 120, limit: 500, resetInSeconds: 7200 },
    chatRequests: () => upstream.requests.filter((request) => request.path === '/coding/v1/chat/completions'),
    close: async () => void (await Promise.all([oauth.close(), upstream.close()])),
  };
  upstream.script({ method: 'GET', path: '/coding/v1/usages' }, () => ({
    kind: 'json',
    body: { usage: { used: fake.usage.used, limit: fake.usage.limit, remaining: fake.usage.limit - fake.usage.used, reset_in: fake.usage.resetInSeconds }, limits: [] },
  }));
  return fake;
}
