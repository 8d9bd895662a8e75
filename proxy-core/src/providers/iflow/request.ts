import { createHmac, randomUUID } from 'node:crypto';
import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { IFLOW_ENDPOINTS, IFLOW_USER_AGENT } from './oauth-endpoints.js';

type Json = Record<string, unknown>;

/** `hex(HMAC-SHA256(key = apiKey, "iFlow-Cli:<session-id>:<timestamp ms>"))` (reference §6.2 2). */
export function iflowSignature(apiKey: string, sessionId: string, timestamp: number): string {
  return createHmac('sha256', apiKey).update(`${IFLOW_USER_AGENT}:${sessionId}:${timestamp}`).digest('hex');
}

/** iFlow refuses streams that carry an empty `tools` array: a placeholder no-op tool takes its place. */
const NOOP_TOOL = { type: 'function', function: { name: 'noop', description: 'Placeholder tool; never call it.', parameters: { type: 'object', properties: {} } } };

/**
 * The request normalised the way iFlow accepts it (the 406 rows of the seed): one model id without a thinking
 * suffix, no empty tool list on streams, and `stream_options` only on streams.
 */
export function normalizeIflowBody(payload: Json, stream: boolean): Json {
  const out: Json = { ...payload, stream };
  if (stream && Array.isArray(out.tools) && out.tools.length === 0) out.tools = [NOOP_TOOL];
  if (stream) out.stream_options = { ...(out.stream_options as Json | undefined), include_usage: true };
  else delete out.stream_options;
  return out;
}

/** `POST {api}/chat/completions` with the account's API key and iFlow CLI's signed session headers. */
export function buildIflowRequest(call: UpstreamCall, now: () => number = Date.now): UpstreamHttpRequest {
  let payload: Json;
  try {
    payload = JSON.parse(call.body.toString('utf8')) as Json;
  } catch {
    payload = {};
  }
  const apiKey = call.account?.attributes.apiKey ?? call.token;
  const sessionId = `session-${randomUUID()}`;
  const timestamp = now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${apiKey}`,
    'user-agent': IFLOW_USER_AGENT,
    'session-id': sessionId,
    'x-iflow-timestamp': String(timestamp),
    'x-iflow-signature': iflowSignature(apiKey, sessionId, timestamp),
    ...call.credential.headers,
  };
  const base = call.credential.account?.endpoints.api ?? call.credential.baseUrl ?? IFLOW_ENDPOINTS.api;
  return { url: joinUrl(base, '/chat/completions'), method: 'POST', headers, body: Buffer.from(JSON.stringify(normalizeIflowBody(payload, call.stream))) };
}
