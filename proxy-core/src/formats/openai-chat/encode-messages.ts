/** IR system prompt + messages → Chat `messages` for an OpenAI-compatible upstream. */
import type { AssistantMessage, IrRequest, ReasoningPart, SystemMessage, TextPart, ToolCallPart } from '../../ir/index.js';
import { isRecord, omitKeys, ownExtras } from './chat-extras.js';
import { encodeTextPart, encodeToolResultContent, encodeUserContent, isPlainText } from './encode-content.js';
import { encodeExtraContent } from './tool-call-signature.js';

type WireMessage = Record<string, unknown>;

function systemRole(extras: TextPart['extras']): 'system' | 'developer' {
  return ownExtras(extras).role === 'developer' ? 'developer' : 'system';
}

function textContent(parts: readonly TextPart[]): string | Record<string, unknown>[] {
  const only = parts.length === 1 ? parts[0] : undefined;
  return only !== undefined && isPlainText(only) ? only.text : parts.map(encodeTextPart);
}

/** The top-level prompt as leading messages; consecutive parts with the same role share one message. */
function encodeSystemPrompt(parts: readonly TextPart[]): WireMessage[] {
  const groups: Array<{ role: 'system' | 'developer'; parts: TextPart[] }> = [];
  for (const part of parts) {
    const role = systemRole(part.extras);
    const last = groups.at(-1);
    if (last?.role === role) last.parts.push(part);
    else groups.push({ role, parts: [part] });
  }
  return groups.map((group) => ({ role: group.role, content: textContent(group.parts) }));
}

/**
 * A mid-conversation system message. Chat clients put them there themselves, so they stay `system`;
 * from other formats (Claude Code's mid-conversation system) they become a `<system-reminder>` user turn,
 * as the reference does, because many OpenAI-compatible chat templates reject late system messages.
 */
function encodeSystemMessage(message: SystemMessage, source: IrRequest['source']): WireMessage {
  if (source === 'openai-chat') {
    const own = ownExtras(message.extras);
    return { ...omitKeys(own, ['role']), role: systemRole(message.extras), content: textContent(message.content) };
  }
  const text = message.content.map((part) => part.text).filter((part) => part !== '').join('\n');
  return { role: 'user', content: `<system-reminder>\n${text}\n</system-reminder>` };
}

/** Reasoning a Chat upstream can take back as `reasoning_content`: unsigned or OpenAI-family text. */
function replayableReasoning(part: ReasoningPart): boolean {
  return part.text !== '' && (part.signature === undefined || part.signature.family === 'openai');
}

function encodeToolCall(part: ToolCallPart): WireMessage {
  const own = ownExtras(part.extras);
  const extraContent = encodeExtraContent(own.extra_content, part.signature);
  const base = omitKeys(own, ['function', 'custom', 'extra_content']);
  const call: WireMessage =
    part.kind === 'custom'
      ? { ...base, id: part.id, type: 'custom', custom: { name: part.name, input: part.arguments } }
      : {
          ...base,
          id: part.id,
          type: 'function',
          function: { ...(isRecord(own.function) ? own.function : {}), name: part.name, arguments: part.arguments },
        };
  if (extraContent) call.extra_content = extraContent;
  return call;
}

/** `undefined` when nothing replayable is left (e.g. a turn that held only another vendor's signed thinking). */
function encodeAssistantMessage(message: AssistantMessage): WireMessage | undefined {
  const texts = message.content.filter((part): part is TextPart => part.type === 'text');
  const calls = message.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
  const reasoning = message.content
    .filter((part): part is ReasoningPart => part.type === 'reasoning')
    .filter(replayableReasoning)
    .map((part) => part.text)
    .join('\n\n');
  if (texts.length === 0 && calls.length === 0 && reasoning === '') return undefined;
  const result: WireMessage = { ...ownExtras(message.extras), role: 'assistant' };
  // Chat SDKs send `content: null` next to tool calls; an empty string otherwise.
  result.content = texts.length === 0 ? (calls.length > 0 ? null : '') : textContent(texts);
  if (reasoning !== '') result.reasoning_content = reasoning;
  if (calls.length > 0) result.tool_calls = calls.map(encodeToolCall);
  return result;
}

export function encodeMessages(request: IrRequest): WireMessage[] {
  const messages = encodeSystemPrompt(request.system);
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        messages.push(encodeSystemMessage(message, request.source));
        break;
      case 'user':
        messages.push({ ...ownExtras(message.extras), role: 'user', content: encodeUserContent(message.content) });
        break;
      case 'assistant': {
        const encoded = encodeAssistantMessage(message);
        if (encoded) messages.push(encoded);
        break;
      }
      case 'tool':
        // One Chat `tool` message per result.
        for (const result of message.content) {
          messages.push({
            ...ownExtras(result.extras),
            role: 'tool',
            tool_call_id: result.toolCallId,
            content: encodeToolResultContent(result.content),
          });
        }
        break;
    }
  }
  return messages;
}
