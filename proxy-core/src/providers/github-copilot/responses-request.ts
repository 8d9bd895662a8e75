import { randomUUID } from 'node:crypto';
import type { FormatId } from '../../ir/index.js';
import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { COPILOT_HEADERS, copilotApiBase } from './endpoints.js';
import { copilotWireId } from './models.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Copilot's `/responses` is used for the models it serves only there (the Codex ones) and for OpenAI models asked
 * through the Responses API ([PP] github_copilot_executor.go useGitHubCopilotResponsesEndpoint: Responses clients
 * or a model id containing "codex"; Claude and Gemini models stay on Chat Completions here, which serves them).
 */
export function usesCopilotResponses(model: string, clientFormat: FormatId): boolean {
  const id = model.toLowerCase();
  if (id.includes('codex')) return true;
  return clientFormat === 'openai-responses' && (id.startsWith('gpt-') || /^o\d/.test(id));
}

/** An `input` item the agent sent (a prior answer, a tool call or its output): the turn is the agent's. */
const agentItem = (item: unknown) => isObject(item) && (item.role === 'assistant' || item.type === 'function_call' || item.type === 'function_call_output');
const imageItem = (item: unknown) => isObject(item) && Array.isArray(item.content) && item.content.some((part) => isObject(part) && part.type === 'input_image');

/** `POST {api}/responses` with the same editor identity as chat (see `buildCopilotRequest`). */
export function buildCopilotResponsesRequest(call: UpstreamCall): UpstreamHttpRequest {
  const parsed: unknown = JSON.parse(call.body.toString('utf8') || '{}');
  const body: Json = isObject(parsed) ? parsed : {};
  body.model = copilotWireId(call.model);
  if (call.stream) body.stream = true;
  const input = Array.isArray(body.input) ? body.input : [];
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    ...COPILOT_HEADERS,
    'x-request-id': randomUUID(),
    'x-initiator': input.some(agentItem) ? 'agent' : 'user',
  };
  if (input.some(imageItem)) headers['copilot-vision-request'] = 'true';
  Object.assign(headers, call.credential.headers);
  return { url: joinUrl(copilotApiBase(call.credential, call.account?.attributes.apiBase), '/responses'), method: 'POST', headers, body: Buffer.from(JSON.stringify(body)) };
}
