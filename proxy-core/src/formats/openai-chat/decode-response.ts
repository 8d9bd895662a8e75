/** An upstream Chat Completions body → `IrResponse` (lenient: OpenAI-compatible servers differ). */
import type { AssistantContentPart, Candidate, IrResponse, ToolCallPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { fallbackCallId } from './call-ids.js';
import { isRecord, toExtras, unknownFields } from './chat-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { parseDataUrl } from './media-source.js';
import { chatResponseSchema, type ChatResponseWire, type ChatToolCallWire } from './upstream-schema.js';
import { decodeToolCallSignature } from './tool-call-signature.js';
import { readUpstreamError } from './upstream-error.js';

type MessageWire = NonNullable<ChatResponseWire['choices'][number]['message']>;

/** Arguments as JSON text; objects from sloppy servers are stringified, absent ones become `{}`. */
export function toolArgumentsText(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '{}' : value;
  if (value === undefined || value === null) return '{}';
  return JSON.stringify(value);
}

export function decodeToolCallWire(call: ChatToolCallWire, fallbackId: string): ToolCallPart {
  const isCustom = call.type === 'custom' || (call.custom != null && call.function == null);
  const part: ToolCallPart = isCustom
    ? { type: 'tool-call', id: call.id || fallbackId, name: call.custom?.name ?? '', arguments: call.custom?.input ?? '', kind: 'custom' }
    : { type: 'tool-call', id: call.id || fallbackId, name: call.function?.name ?? '', arguments: toolArgumentsText(call.function?.arguments) };
  const signature = decodeToolCallSignature(call);
  if (signature) part.signature = signature;
  return part;
}

/** Text of array-form content (some servers send `[{type:"text",text}]` even in responses). */
function arrayContent(items: readonly unknown[]): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const item of items) {
    if (!isRecord(item)) continue;
    if (item.type === 'text' && typeof item.text === 'string') text += item.text;
    if ((item.type === 'reasoning' || item.type === 'thinking') && typeof (item.text ?? item.thinking) === 'string') {
      reasoning += String(item.text ?? item.thinking);
    }
  }
  return { text, reasoning };
}

function decodeMessage(message: MessageWire | null | undefined, responseId: string | undefined, candidate: number): AssistantContentPart[] {
  if (!message) return [];
  const parts: AssistantContentPart[] = [];
  const fromArray = Array.isArray(message.content) ? arrayContent(message.content) : { text: '', reasoning: '' };
  // `reasoning` is the spelling of OpenRouter, Ollama and newer vLLM.
  const reasoning = message.reasoning_content || message.reasoning || fromArray.reasoning;
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  const text = typeof message.content === 'string' ? message.content : fromArray.text;
  if (text) parts.push({ type: 'text', text });
  else if (message.refusal) parts.push({ type: 'text', text: message.refusal });
  (message.tool_calls ?? []).forEach((call, index) => {
    parts.push(decodeToolCallWire(call, fallbackCallId(responseId, candidate, call.index ?? index)));
  });
  if (message.function_call?.name) {
    parts.push({
      type: 'tool-call',
      id: fallbackCallId(responseId, candidate, -1),
      name: message.function_call.name,
      arguments: toolArgumentsText(message.function_call.arguments),
    });
  }
  for (const image of message.images ?? []) {
    const url = typeof image.image_url === 'string' ? image.image_url : image.image_url?.url;
    const inline = url ? parseDataUrl(url) : undefined;
    if (inline) parts.push({ type: 'generated-image', mediaType: inline.mediaType, data: inline.data });
  }
  return parts;
}

export function decodeResponse(body: unknown): IrResponse {
  if (isRecord(body) && body.error != null && !Array.isArray(body.choices)) {
    const error = readUpstreamError(body.error);
    throw new ProxyError(error.message, { status: error.status, code: 'upstream_error', scope: 'upstream' });
  }
  const parsed = chatResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProxyError('The upstream answered with a body that is not a Chat Completions response (no `choices` array).', {
      status: 502,
      code: 'upstream_error',
      scope: 'upstream',
    });
  }
  const response = parsed.data;
  const responseId = response.id ?? undefined;
  const candidates: Candidate[] = response.choices.map((choice, position) => {
    const index = choice.index ?? position;
    const content = decodeMessage(choice.message, responseId, index);
    let finishReason = decodeFinishReason(choice.finish_reason);
    // Some servers say `stop` next to tool calls; the calls are what the client must act on.
    if (content.some((part) => part.type === 'tool-call') && (finishReason.unified === 'stop' || finishReason.unified === 'other')) {
      finishReason = { ...finishReason, unified: 'tool-calls' };
    }
    return { index, content, finishReason };
  });
  const result: IrResponse = { model: response.model ?? '', candidates };
  if (responseId !== undefined) result.id = responseId;
  if (response.created != null) result.created = response.created;
  const usage = decodeUsage(response.usage);
  if (usage) result.usage = usage;
  const extras = toExtras(unknownFields(response, ['id', 'object', 'created', 'model', 'choices', 'usage']));
  if (extras) result.extras = extras;
  return result;
}
