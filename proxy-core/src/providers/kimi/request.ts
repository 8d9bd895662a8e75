import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { DEFAULT_KIMI_DEVICE_ID, kimiDeviceHeaders } from './device-headers.js';
import { KIMI_ENDPOINTS, KIMI_USER_AGENT } from './oauth-endpoints.js';

type Json = Record<string, unknown>;

/** Catalogue ids → Kimi Code's own (kimi_executor.go): named aliases first, else without the `kimi-` prefix and `[1m]`. */
const UPSTREAM_IDS: Readonly<Record<string, string>> = { 'kimi-k2.7-code': 'kimi-for-coding', 'kimi-k2.7-code-highspeed': 'kimi-for-coding-highspeed' };

export function kimiUpstreamModel(model: string): string {
  const base = model.trim().replace(/\[1m\]$/i, '');
  return UPSTREAM_IDS[base.toLowerCase()] ?? (base.toLowerCase().startsWith('kimi-') ? base.slice(5) : base);
}

const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content.trim();
  if (Array.isArray(content)) return content.map((part) => (typeof (part as Json)?.text === 'string' ? ((part as Json).text as string).trim() : '')).filter(Boolean).join('\n');
  return '';
};

/**
 * K2 thinking refuses a history whose assistant tool-call turns lack `reasoning_content` (clients that drop
 * thinking, or dialects without it): such turns get the latest reasoning seen, else their own text, else a
 * placeholder. Tool results without `tool_call_id` take `call_id`, or the one open call
 * (kimi_executor.go `normalizeKimiToolMessageLinks`).
 */
export function normalizeKimiHistory(messages: Json[]): Json[] {
  let latest = '';
  const open: string[] = [];
  return messages.map((message) => {
    if (message.role === 'assistant') {
      const reasoning = typeof message.reasoning_content === 'string' ? message.reasoning_content : '';
      if (reasoning.trim()) latest = reasoning;
      const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : [];
      if (calls.length === 0) return message;
      for (const call of calls) if (typeof call.id === 'string' && call.id.trim()) open.push(call.id.trim());
      if (reasoning.trim()) return message;
      return { ...message, reasoning_content: latest.trim() ? latest : contentText(message.content) || '[reasoning unavailable]' };
    }
    if (message.role !== 'tool') return message;
    let id = typeof message.tool_call_id === 'string' ? message.tool_call_id.trim() : '';
    let patched = message;
    if (!id && typeof message.call_id === 'string' && message.call_id.trim()) id = message.call_id.trim();
    if (!id && open.length === 1) id = open[0];
    if (id && id !== message.tool_call_id) patched = { ...message, tool_call_id: id };
    const index = open.indexOf(id);
    if (index !== -1) open.splice(index, 1);
    return patched;
  });
}

/** Chat Completions at `{api}/v1/chat/completions` with the kimi CLI's headers and the account's device id. */
export function buildKimiRequest(call: UpstreamCall): UpstreamHttpRequest {
  let payload: Json;
  try {
    payload = JSON.parse(call.body.toString('utf8')) as Json;
  } catch {
    payload = {};
  }
  payload.model = kimiUpstreamModel(typeof payload.model === 'string' ? payload.model : call.model);
  if (Array.isArray(payload.messages)) payload.messages = normalizeKimiHistory(payload.messages as Json[]);
  if (call.stream) payload.stream_options = { ...(payload.stream_options as Json | undefined), include_usage: true };
  const base = call.credential.account?.endpoints.api ?? call.credential.baseUrl ?? KIMI_ENDPOINTS.api;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    'user-agent': KIMI_USER_AGENT,
    ...kimiDeviceHeaders(call.account?.attributes.deviceId || DEFAULT_KIMI_DEVICE_ID, 'kimi_cli'),
    ...call.credential.headers,
  };
  return { url: joinUrl(base, '/v1/chat/completions'), method: 'POST', headers, body: Buffer.from(JSON.stringify(payload)) };
}
