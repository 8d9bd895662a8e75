import type { FormatExtras } from './extras.js';
import type { AssistantContentPart, TextPart, ToolResultPart, UserContentPart } from './content-part.js';

export interface SystemMessage {
  role: 'system';
  content: TextPart[];
  extras?: FormatExtras;
}

export interface UserMessage {
  role: 'user';
  content: UserContentPart[];
  extras?: FormatExtras;
}

export interface AssistantMessage {
  role: 'assistant';
  content: AssistantContentPart[];
  extras?: FormatExtras;
}

/** Results of tool calls. Formats that put results in a user turn (Claude, Gemini) split or merge as needed. */
export interface ToolMessage {
  role: 'tool';
  content: ToolResultPart[];
  extras?: FormatExtras;
}

/**
 * A conversation turn. `system` messages may appear mid-conversation (Claude Code's
 * mid-conversation-system beta); the top-level system prompt lives in `IrRequest.system`.
 */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
