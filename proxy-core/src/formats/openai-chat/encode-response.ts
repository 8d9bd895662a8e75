/** `IrResponse` → a Chat Completions body for the client. */
import type { Candidate, IrResponse, ToolCallPart } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import { ownExtras } from './chat-extras.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { toDataUrl } from './media-source.js';
import { encodeExtraContent } from './tool-call-signature.js';

/** A tool call as the client sees it (Gemini signatures ride in `extra_content`, as Google's endpoint does). */
export function encodeResponseToolCall(part: ToolCallPart): Record<string, unknown> {
  const call: Record<string, unknown> =
    part.kind === 'custom'
      ? { id: part.id, type: 'custom', custom: { name: part.name, input: part.arguments } }
      : { id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } };
  const extraContent = encodeExtraContent(undefined, part.signature);
  if (extraContent) call.extra_content = extraContent;
  return call;
}

function encodeChoice(candidate: Candidate): Record<string, unknown> {
  let text = '';
  const reasoning: string[] = [];
  const toolCalls: Record<string, unknown>[] = [];
  const images: Record<string, unknown>[] = [];
  for (const part of candidate.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning' && part.text !== '') reasoning.push(part.text);
    else if (part.type === 'tool-call') toolCalls.push(encodeResponseToolCall(part));
    else if (part.type === 'generated-image') {
      images.push({ type: 'image_url', image_url: { url: toDataUrl(part.mediaType, part.data) }, index: images.length });
    }
  }
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (images.length > 0) message.images = images;
  return {
    index: candidate.index,
    message,
    logprobs: null,
    finish_reason: encodeFinishReason(candidate.finishReason, toolCalls.length > 0),
  };
}

export function encodeResponse(response: IrResponse, context: EncodeContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    system_fingerprint: null,
    ...ownExtras(response.extras),
    id: `chatcmpl-${context.requestId}`,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: response.candidates.map(encodeChoice),
  };
  if (response.usage !== undefined) body.usage = encodeUsage(response.usage);
  return body;
}
