import { randomUUID } from 'node:crypto';
import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { COPILOT_HEADERS, copilotApiBase } from './endpoints.js';
import { copilotWireId } from './models.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Copilot refuses assistant content arrays: their text parts are joined into one string ([PP] flattenAssistantContent). */
function flattenAssistant(message: unknown): unknown {
  if (!isObject(message) || message.role !== 'assistant' || !Array.isArray(message.content)) return message;
  const text = message.content.flatMap((part) => (isObject(part) && typeof part.text === 'string' ? [part.text] : [])).join('');
  return { ...message, content: text };
}

const hasImage = (messages: unknown[]): boolean =>
  messages.some((message) => isObject(message) && Array.isArray(message.content) && message.content.some((part) => isObject(part) && (part.type === 'image_url' || part.type === 'image')));

/**
 * `POST {api}/chat/completions` with the editor identity Copilot requires ([PP] github_copilot_executor.go applyHeaders):
 * `X-Initiator: agent` once the conversation holds an assistant or tool turn (a follow-up the agent makes), else `user`;
 * `Copilot-Vision-Request: true` when a message carries an image. The host: see `copilotApiBase`.
 */
export function buildCopilotRequest(call: UpstreamCall): UpstreamHttpRequest {
  const parsed: unknown = JSON.parse(call.body.toString('utf8') || '{}');
  const body: Json = isObject(parsed) ? parsed : {};
  const messages = Array.isArray(body.messages) ? body.messages.map(flattenAssistant) : [];
  body.messages = messages;
  body.model = copilotWireId(call.model);
  if (call.stream) {
    body.stream = true;
    body.stream_options = { ...(isObject(body.stream_options) ? body.stream_options : {}), include_usage: true };
  }
  const agent = messages.some((message) => isObject(message) && (message.role === 'assistant' || message.role === 'tool'));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    ...COPILOT_HEADERS,
    'x-request-id': randomUUID(),
    'x-initiator': agent ? 'agent' : 'user',
  };
  if (hasImage(messages)) headers['copilot-vision-request'] = 'true';
  Object.assign(headers, call.credential.headers);
  const base = copilotApiBase(call.credential, call.account?.attributes.apiBase);
  return { url: joinUrl(base, '/chat/completions'), method: 'POST', headers, body: Buffer.from(JSON.stringify(body)) };
}
