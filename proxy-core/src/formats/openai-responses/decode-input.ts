/**
 * Responses `instructions` + `input` → the IR's system prompt and conversation.
 *
 *  - A string input is one user message.
 *  - `message` items (with or without `type`): system/developer messages before the first other item join
 *    the top-level system prompt after `instructions`; later ones stay in place as system messages.
 *  - `reasoning`, `function_call` and `custom_tool_call` items join the assistant turn they follow (or
 *    open one); `*_call_output` items become tool results, consecutive ones in one tool message.
 *  - Namespaced calls (`namespace` + `name`) use the flat name the tools were declared under.
 *  - Items the proxy cannot replay without server-side state (`item_reference`) and hosted-tool records
 *    (`web_search_call`, …) are skipped: the conversation they belong to is still sent in full.
 */
import type { AssistantContentPart, AssistantMessage, Message, ReasoningPart, TextPart, ToolCallPart, ToolResultPart } from '../../ir/index.js';
import { decodeTextParts, decodeUserContent, decodeUserPart } from './decode-content.js';
import { callToolName } from './namespace-tools.js';
import { decodeEncryptedContent } from './reasoning-carrier.js';
import { isRecord } from './responses-extras.js';
import { callOutputItemSchema, customCallItemSchema, functionCallItemSchema, invalidAt, messageItemSchema, parseAt, reasoningItemSchema } from './schema.js';

export interface DecodedInput {
  system: TextPart[];
  messages: Message[];
}

const SKIPPED_ITEMS = new Set([
  // Tool declarations (Codex CLI on its newest models): decode-request reads them into the IR's tools.
  'additional_tools',
  'item_reference',
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'code_interpreter_call',
  'image_generation_call',
  'local_shell_call',
  'local_shell_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'compaction',
]);

class Conversation {
  readonly system: TextPart[] = [];
  readonly messages: Message[] = [];
  /** Tool names by call id, for results (Gemini needs the name). */
  readonly callNames = new Map<string, string>();

  assistant(): AssistantMessage {
    const last = this.messages.at(-1);
    if (last?.role === 'assistant') return last;
    const message: AssistantMessage = { role: 'assistant', content: [] };
    this.messages.push(message);
    return message;
  }

  addAssistantPart(part: AssistantContentPart) {
    this.assistant().content.push(part);
  }

  addToolResult(result: ToolResultPart) {
    const last = this.messages.at(-1);
    if (last?.role === 'tool') last.content.push(result);
    else this.messages.push({ role: 'tool', content: [result] });
  }
}

function argumentsText(value: string | Record<string, unknown> | null | undefined): string {
  if (value == null || value === '') return '{}';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function decodeMessageItem(item: unknown, path: Array<string | number>, conversation: Conversation) {
  const message = parseAt(messageItemSchema, item, path);
  const contentPath = [...path, 'content'];
  if (message.role === 'system' || message.role === 'developer') {
    const content = decodeTextParts(message.content, contentPath);
    if (conversation.messages.length === 0) conversation.system.push(...content);
    else conversation.messages.push({ role: 'system', content });
    return;
  }
  if (message.role === 'assistant') {
    for (const part of decodeTextParts(message.content, contentPath)) conversation.addAssistantPart(part);
    return;
  }
  conversation.messages.push({ role: 'user', content: decodeUserContent(message.content, contentPath) });
}

function decodeReasoningItem(item: unknown, path: Array<string | number>): ReasoningPart {
  const reasoning = parseAt(reasoningItemSchema, item, path);
  const summary = (reasoning.summary ?? []).map((part) => part.text ?? '').filter((text) => text !== '');
  const content = (reasoning.content ?? []).map((part) => part.text ?? '').filter((text) => text !== '');
  const part: ReasoningPart = { type: 'reasoning', text: (summary.length > 0 ? summary : content).join('\n\n') };
  const proof = decodeEncryptedContent(reasoning.encrypted_content);
  if (proof.signature) part.signature = proof.signature;
  if (proof.redactedData !== undefined) part.redactedData = proof.redactedData;
  if (reasoning.id) part.itemId = reasoning.id;
  return part;
}

function decodeCallOutput(item: unknown, path: Array<string | number>, conversation: Conversation): ToolResultPart {
  const output = parseAt(callOutputItemSchema, item, path);
  const content =
    output.output == null
      ? []
      : typeof output.output === 'string'
        ? [{ type: 'text' as const, text: output.output }]
        : output.output.map((part, index) => decodeUserPart(part, [...path, 'output', index]));
  const result: ToolResultPart = { type: 'tool-result', toolCallId: output.call_id, content };
  const name = conversation.callNames.get(output.call_id);
  if (name !== undefined) result.toolName = name;
  return result;
}

function decodeItem(item: unknown, path: Array<string | number>, conversation: Conversation) {
  if (!isRecord(item)) invalidAt(path, 'must be an input item object.');
  const type = item.type ?? 'message';
  if (typeof type !== 'string') invalidAt([...path, 'type'], 'must be a string.');
  switch (type) {
    case 'message':
      decodeMessageItem(item, path, conversation);
      return;
    case 'reasoning':
      conversation.addAssistantPart(decodeReasoningItem(item, path));
      return;
    case 'function_call': {
      const call = parseAt(functionCallItemSchema, item, path);
      const name = callToolName(call.namespace, call.name);
      const part: ToolCallPart = { type: 'tool-call', id: call.call_id, name, arguments: argumentsText(call.arguments) };
      if (call.id) part.itemId = call.id;
      conversation.callNames.set(call.call_id, name);
      conversation.addAssistantPart(part);
      return;
    }
    case 'custom_tool_call': {
      const call = parseAt(customCallItemSchema, item, path);
      const name = callToolName(call.namespace, call.name);
      const part: ToolCallPart = { type: 'tool-call', id: call.call_id, name, arguments: call.input ?? '', kind: 'custom' };
      if (call.id) part.itemId = call.id;
      conversation.callNames.set(call.call_id, name);
      conversation.addAssistantPart(part);
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      conversation.addToolResult(decodeCallOutput(item, path, conversation));
      return;
    default:
      if (SKIPPED_ITEMS.has(type)) return;
      invalidAt([...path, 'type'], `is "${type}", which is not an input item this proxy can translate.`);
  }
}

export function decodeInput(instructions: string | null | undefined, input: string | readonly unknown[] | null | undefined): DecodedInput {
  const conversation = new Conversation();
  if (instructions) conversation.system.push({ type: 'text', text: instructions });
  if (typeof input === 'string') conversation.messages.push({ role: 'user', content: [{ type: 'text', text: input }] });
  else if (input) input.forEach((item, index) => decodeItem(item, ['input', index], conversation));
  return { system: conversation.system, messages: conversation.messages };
}
