import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { QWEN_ENDPOINTS, QWEN_USER_AGENT } from './oauth-endpoints.js';

type Json = Record<string, unknown>;

/** The Qwen Code CLI's fixed headers (CLIProxyAPI qwen_executor.go `applyQwenHeaders`). */
const QWEN_HEADERS: Readonly<Record<string, string>> = {
  'user-agent': QWEN_USER_AGENT,
  'x-dashscope-useragent': QWEN_USER_AGENT,
  'x-dashscope-authtype': 'qwen-oauth',
  'x-dashscope-cachecontrol': 'enable',
  'x-stainless-lang': 'js',
  'x-stainless-runtime': 'node',
  'x-stainless-runtime-version': 'v22.17.0',
  'x-stainless-package-version': '5.11.0',
  'x-stainless-os': 'MacOS',
  'x-stainless-arch': 'arm64',
  'x-stainless-retry-count': '0',
  'sec-fetch-mode': 'cors',
  'accept-language': '*',
};

/**
 * The account's API base: the endpoint override when the user set one (as the reference's `oauth-upstream`), else
 * `https://<resource_url>/v1` from the login (a `resource_url` that already names a scheme is used as given),
 * else portal.qwen.ai.
 */
export function qwenBaseUrl(call: Pick<UpstreamCall, 'credential' | 'account'>): string {
  const configured = call.credential.account?.endpoints.api;
  if (configured && configured !== QWEN_ENDPOINTS.api) return configured;
  const resource = call.account?.attributes.resourceUrl?.trim().replace(/\/+$/, '');
  if (!resource) return call.credential.baseUrl || QWEN_ENDPOINTS.api;
  const origin = /^https?:\/\//i.test(resource) ? resource : `https://${resource}`;
  return /\/v1$/.test(origin) ? origin : `${origin}/v1`;
}

function textParts(content: unknown): unknown[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? { type: 'text', text: part } : part));
  if (content && typeof content === 'object') return [content];
  return [];
}

const isInjected = (part: unknown): boolean => {
  const item = part as Json | null;
  return !!item && item.type === 'text' && (item.cache_control as Json | undefined)?.type === 'ephemeral' && (item.text === '' || item.text === 'You are Qwen Code.');
};

/**
 * Qwen wants exactly one system message, first: an empty ephemeral-cache text part followed by every system
 * text the client sent (CLIProxyAPI `ensureQwenSystemMessage`).
 */
export function withQwenSystemMessage(body: Json): Json {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const parts: unknown[] = [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }];
  const rest: Json[] = [];
  for (const message of messages) {
    if (String(message?.role).toLowerCase() === 'system') parts.push(...textParts(message.content).filter((part) => !isInjected(part)));
    else rest.push(message);
  }
  return { ...body, messages: [{ role: 'system', content: parts }, ...rest] };
}

export function buildQwenRequest(call: UpstreamCall): UpstreamHttpRequest {
  let payload: Json;
  try {
    payload = JSON.parse(call.body.toString('utf8')) as Json;
  } catch {
    payload = {};
  }
  payload = withQwenSystemMessage(payload);
  if (call.stream) payload.stream_options = { ...(payload.stream_options as Json | undefined), include_usage: true };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    ...QWEN_HEADERS,
    ...call.credential.headers,
  };
  return { url: joinUrl(qwenBaseUrl(call), '/chat/completions'), method: 'POST', headers, body: Buffer.from(JSON.stringify(payload)) };
}
