/**
 * Claude `system` and `messages` → IR.
 *
 *  - `role: "system"` entries inside `messages` (Claude Code's mid-conversation-system beta) become IR
 *    `system` messages in place.
 *  - A user turn holding `tool_result` blocks is split into runs: each run of results becomes an IR `tool`
 *    message, each run of other blocks a `user` message, in order. Pieces after the first carry
 *    `same_turn: true` so the encoder can put the turn back together.
 *  - Blocks with no IR part (`server_tool_use`, `web_search_tool_result`, `search_result`, …) are kept raw in
 *    the message's `unmapped` extras with their position.
 *  - Tool results get the name of the call they answer (`toolName`) when that call is in the history.
 */
import type { AssistantContentPart, Message, SystemMessage, TextPart, ToolResultPart, UserContentPart } from '../../ir/index.js';
import { unknownFields, withExtras, type UnmappedBlock } from './claude-extras.js';
import {
  decodeMediaBlock,
  decodeRedactedThinkingBlock,
  decodeTextBlock,
  decodeThinkingBlock,
  decodeToolResultBlock,
  decodeToolUseBlock,
  isPlainText,
} from './decode-content.js';
import { blockTypeSchema, messageSchema, parseAt } from './schema.js';

type Path = ReadonlyArray<PropertyKey>;

/** `system` (a string or text blocks) → text parts. `blocks` is true when a single plain block came as an array. */
export function decodeSystem(value: string | unknown[] | null | undefined): { parts: TextPart[]; blocks: boolean } {
  if (value === null || value === undefined) return { parts: [], blocks: false };
  if (typeof value === 'string') return { parts: value === '' ? [] : [{ type: 'text', text: value }], blocks: false };
  const parts = value.map((block, index) => decodeTextBlock(block, ['system', index]));
  return { parts, blocks: parts.length === 1 && isPlainText(parts[0]) };
}

function formFlag(content: string | unknown[], parts: readonly { type: string }[], unmapped: readonly UnmappedBlock[]): Record<string, unknown> {
  if (typeof content === 'string') return {};
  const single = parts.length === 1 && unmapped.length === 0 ? parts[0] : undefined;
  const plain = single?.type === 'text' && isPlainText(single as TextPart);
  return plain || content.length === 0 ? { content_form: 'blocks' } : {};
}

function unmappedExtras(unmapped: readonly UnmappedBlock[]): Record<string, unknown> {
  return unmapped.length > 0 ? { unmapped } : {};
}

function decodeSystemMessage(content: string | unknown[], extras: Record<string, unknown> | undefined, path: Path): SystemMessage {
  const parts = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content.map((block, index) => decodeTextBlock(block, [...path, index]));
  return withExtras({ role: 'system', content: parts }, { ...extras, ...formFlag(content, parts, []) });
}

function decodeAssistant(content: string | unknown[], extras: Record<string, unknown> | undefined, path: Path): Message {
  if (typeof content === 'string') {
    return withExtras({ role: 'assistant', content: content === '' ? [] : [{ type: 'text', text: content }] }, extras);
  }
  const parts: AssistantContentPart[] = [];
  const unmapped: UnmappedBlock[] = [];
  content.forEach((value, index) => {
    const at = [...path, index];
    const block = parseAt(blockTypeSchema, value, at);
    switch (block.type) {
      case 'text':
        parts.push(decodeTextBlock(block, at));
        break;
      case 'thinking':
        parts.push(decodeThinkingBlock(block, at));
        break;
      case 'redacted_thinking':
        parts.push(decodeRedactedThinkingBlock(block, at));
        break;
      case 'tool_use':
        parts.push(decodeToolUseBlock(block, at));
        break;
      default:
        unmapped.push({ index: parts.length, block });
    }
  });
  return withExtras({ role: 'assistant', content: parts }, { ...extras, ...formFlag(content, parts, unmapped), ...unmappedExtras(unmapped) });
}

interface Run {
  role: 'user' | 'tool';
  parts: Array<UserContentPart | ToolResultPart>;
  unmapped: UnmappedBlock[];
}

function decodeUser(content: string | unknown[], extras: Record<string, unknown> | undefined, path: Path): Message[] {
  if (typeof content === 'string') {
    return [withExtras({ role: 'user', content: content === '' ? [] : [{ type: 'text', text: content }] }, extras)];
  }
  const runs: Run[] = [];
  const runFor = (role: Run['role']): Run => {
    const last = runs.at(-1);
    if (last?.role === role) return last;
    const run: Run = { role, parts: [], unmapped: [] };
    runs.push(run);
    return run;
  };
  content.forEach((value, index) => {
    const at = [...path, index];
    const block = parseAt(blockTypeSchema, value, at);
    if (block.type === 'tool_result') {
      runFor('tool').parts.push(decodeToolResultBlock(block, at));
      return;
    }
    const part = decodeMediaBlock(block, at);
    // A kept block joins whatever run is current, so it stays where it was.
    const run = part ? runFor('user') : (runs.at(-1) ?? runFor('user'));
    if (part) run.parts.push(part);
    else run.unmapped.push({ index: run.parts.length, block });
  });
  if (runs.length === 0) return [withExtras({ role: 'user', content: [] }, { ...extras, content_form: 'blocks' })];
  return runs.map((run, position) => {
    const own = {
      ...(position === 0 ? extras : { same_turn: true }),
      ...(runs.length === 1 ? formFlag(content, run.parts, run.unmapped) : {}),
      ...unmappedExtras(run.unmapped),
    };
    return run.role === 'tool'
      ? withExtras({ role: 'tool', content: run.parts as ToolResultPart[] }, own)
      : withExtras({ role: 'user', content: run.parts as UserContentPart[] }, own);
  });
}

export function decodeMessages(list: readonly unknown[]): Message[] {
  const messages: Message[] = [];
  list.forEach((value, index) => {
    const path = ['messages', index];
    const message = parseAt(messageSchema, value, path);
    const extras = unknownFields(message, ['role', 'content']);
    const contentPath = [...path, 'content'];
    if (message.role === 'system') messages.push(decodeSystemMessage(message.content, extras, contentPath));
    else if (message.role === 'assistant') messages.push(decodeAssistant(message.content, extras, contentPath));
    else messages.push(...decodeUser(message.content, extras, contentPath));
  });
  nameToolResults(messages);
  return messages;
}

/** Claude results carry only the call id; the IR also names the tool (Gemini needs the name). */
function nameToolResults(messages: readonly Message[]): void {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'assistant') for (const part of message.content) if (part.type === 'tool-call') names.set(part.id, part.name);
    if (message.role !== 'tool') continue;
    for (const result of message.content) {
      const name = names.get(result.toolCallId);
      if (name !== undefined) result.toolName = name;
    }
  }
}
