/**
 * Chat `messages` → IR system prompt + messages.
 *  - `system`/`developer` messages before the first other message form the top-level system prompt; later
 *    ones stay in place as `system` messages. `developer` is remembered as `extras['openai-chat'].role`.
 *  - consecutive `tool` messages become one IR tool message (one result each); a missing `tool_call_id` is
 *    matched to the oldest unanswered call, as the reference does.
 *  - legacy `function_call` / `role: "function"` become tool calls/results with generated ids.
 */
import type { z } from 'zod';
import type { AssistantContentPart, Message, TextPart, ToolCallPart, ToolResultPart } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { isRecord, toExtras, unknownFields } from './chat-extras.js';
import {
  decodeAssistantContent,
  decodeCacheControl,
  decodeSystemContent,
  decodeToolResultContent,
  decodeUserContent,
} from './decode-content.js';
import {
  assistantMessageSchema,
  formatPath,
  functionMessageSchema,
  messageRoleSchema,
  parseAt,
  toolMessageSchema,
} from './schema.js';
import { decodeToolCallSignature, extraContentWithoutSignature } from './tool-call-signature.js';

type Path = ReadonlyArray<PropertyKey>;
type ToolCallWire = NonNullable<z.output<typeof assistantMessageSchema>['tool_calls']>[number];

export interface DecodedConversation {
  system: TextPart[];
  messages: Message[];
}

/** Tool calls made so far, so results can be matched (and named) even when a client omits ids. */
function createCallLedger() {
  const calls: Array<{ id: string; name: string; answered: boolean }> = [];
  return {
    add(id: string, name: string) {
      calls.push({ id, name, answered: false });
    },
    answer(id: string): string | undefined {
      const call = calls.find((entry) => entry.id === id);
      if (call) call.answered = true;
      return call?.name;
    },
    nextUnanswered(name?: string): string | undefined {
      return calls.find((entry) => !entry.answered && (name === undefined || entry.name === name))?.id;
    },
  };
}

/** Arguments as JSON text: sloppy clients send an object, which is stringified. */
function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '{}';
  return JSON.stringify(value);
}

function decodeToolCall(call: ToolCallWire, path: Path, fallbackId: string): ToolCallPart {
  const id = call.id ? call.id : fallbackId;
  const signature = decodeToolCallSignature(call);
  const fields = unknownFields(call, ['id', 'type', 'function', 'custom', 'extra_content', 'thoughtSignature', 'thought_signature']) ?? {};
  const extraContent = extraContentWithoutSignature(call.extra_content);
  if (extraContent) fields.extra_content = extraContent;
  let part: ToolCallPart;
  if (call.type === 'custom' || (call.custom && !call.function)) {
    const name = call.custom?.name;
    if (!name) {
      const param = formatPath([...path, 'custom', 'name']);
      throw invalidRequest(`\`${param}\` must name the custom tool that was called.`, { param });
    }
    part = { type: 'tool-call', id, name, arguments: call.custom?.input ?? '', kind: 'custom' };
  } else {
    const name = call.function?.name;
    if (!name) {
      const param = formatPath([...path, 'function', 'name']);
      throw invalidRequest(`\`${param}\` must name the function that was called.`, { param });
    }
    if (call.function) {
      const functionFields = unknownFields(call.function, ['name', 'arguments', 'extra_content']);
      if (functionFields) fields.function = functionFields;
    }
    part = { type: 'tool-call', id, name, arguments: argumentsText(call.function?.arguments) };
  }
  if (signature) part.signature = signature;
  const extras = toExtras(fields);
  if (extras) part.extras = extras;
  return part;
}

export function decodeMessages(rawMessages: readonly unknown[]): DecodedConversation {
  const system: TextPart[] = [];
  const messages: Message[] = [];
  const ledger = createCallLedger();
  let conversationStarted = false;

  rawMessages.forEach((raw, index) => {
    const path = ['messages', index];
    const { role } = parseAt(messageRoleSchema, raw, path);
    const message = raw as Record<string, unknown>;

    if (role === 'system' || role === 'developer') {
      const content = decodeSystemContent(message.content, [...path, 'content']);
      applyMessageCacheControl(content, message.cache_control);
      const fields = unknownFields(message, ['role', 'content', 'cache_control']) ?? {};
      if (role === 'developer') fields.role = 'developer';
      if (!conversationStarted) {
        // The top-level prompt has no message object, so only the role survives (on each part).
        for (const part of content) {
          if (role === 'developer') part.extras = { 'openai-chat': { ...(part.extras?.['openai-chat'] ?? {}), role } };
          system.push(part);
        }
        return;
      }
      const extras = toExtras(fields);
      messages.push(extras ? { role: 'system', content, extras } : { role: 'system', content });
      return;
    }
    conversationStarted = true;

    if (role === 'user') {
      const content = decodeUserContent(message.content, [...path, 'content']);
      applyMessageCacheControl(content, message.cache_control);
      const extras = toExtras(unknownFields(message, ['role', 'content', 'cache_control']));
      messages.push(extras ? { role: 'user', content, extras } : { role: 'user', content });
      return;
    }

    if (role === 'assistant') {
      const assistant = parseAt(assistantMessageSchema, raw, path);
      const content: AssistantContentPart[] = [];
      if (assistant.reasoning_content) content.push({ type: 'reasoning', text: assistant.reasoning_content });
      const body = decodeAssistantContent(assistant.content, [...path, 'content']);
      applyMessageCacheControl(body, assistant.cache_control);
      content.push(...body);
      (assistant.tool_calls ?? []).forEach((call, callIndex) => {
        const part = decodeToolCall(call, [...path, 'tool_calls', callIndex], `call_${index}_${callIndex}`);
        ledger.add(part.id, part.name);
        content.push(part);
      });
      if (assistant.function_call) {
        const id = `call_${index}_function`;
        const name = assistant.function_call.name;
        ledger.add(id, name);
        content.push({ type: 'tool-call', id, name, arguments: argumentsText(assistant.function_call.arguments) });
      }
      const extras = toExtras(
        unknownFields(assistant, ['role', 'content', 'reasoning_content', 'tool_calls', 'function_call', 'cache_control']),
      );
      messages.push(extras ? { role: 'assistant', content, extras } : { role: 'assistant', content });
      return;
    }

    let result: ToolResultPart;
    if (role === 'tool') {
      const tool = parseAt(toolMessageSchema, raw, path);
      const toolCallId = tool.tool_call_id ? tool.tool_call_id : ledger.nextUnanswered();
      if (toolCallId === undefined) {
        const param = formatPath([...path, 'tool_call_id']);
        throw invalidRequest(`\`${param}\` is required: name the id of the tool call this message answers.`, { param });
      }
      const toolName = ledger.answer(toolCallId);
      result = { type: 'tool-result', toolCallId, content: decodeToolResultContent(tool.content, [...path, 'content']) };
      if (toolName) result.toolName = toolName;
      const extras = toExtras(unknownFields(tool, ['role', 'tool_call_id', 'content']));
      if (extras) result.extras = extras;
    } else {
      const legacy = parseAt(functionMessageSchema, raw, path);
      const toolCallId = ledger.nextUnanswered(legacy.name) ?? `call_${index}_function`;
      ledger.answer(toolCallId);
      result = { type: 'tool-result', toolCallId, toolName: legacy.name, content: [{ type: 'text', text: legacy.content ?? '' }] };
    }
    const previous = messages.at(-1);
    if (previous?.role === 'tool') previous.content.push(result);
    else messages.push({ role: 'tool', content: [result] });
  });

  return { system, messages };
}

/** A message-level `cache_control` (OpenRouter/Claude style) applies to the message's last text part. */
function applyMessageCacheControl(content: ReadonlyArray<{ type: string; cacheControl?: unknown }>, value: unknown) {
  if (!isRecord(value) || typeof value.type !== 'string') return;
  const last = [...content].reverse().find((part) => part.type === 'text' || part.type === 'image' || part.type === 'file');
  if (last && last.cacheControl === undefined) {
    last.cacheControl = decodeCacheControl({ type: value.type, ttl: typeof value.ttl === 'string' ? value.ttl : undefined });
  }
}
