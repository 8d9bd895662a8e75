/**
 * IR messages → Claude `messages` for a Claude upstream.
 *
 *  - IR `tool` messages become a user turn of `tool_result` blocks.
 *  - Consecutive turns of the same role are merged (Claude wants alternating roles); in a merged user turn the
 *    `tool_result` blocks go first. For a request that came from a Claude client only the pieces the decoder
 *    split apart (`same_turn`) are merged back, so the client's own turn structure is kept.
 *  - Mid-conversation `system` messages stay `role: "system"` entries when the request came from a Claude
 *    client (it sent them with the mid-conversation-system beta header, which is forwarded). From other
 *    formats they become a `<system-reminder>` text in a user turn — the reference's wording — which the
 *    merge then folds into the neighbouring user turn.
 *  - Requests from other formats are made acceptable to Anthropic: empty turns are dropped, a conversation
 *    that starts with the assistant gets a leading `"."` user turn, an empty conversation becomes one
 *    `"."` user turn, and a final assistant turn (a prefill) loses trailing whitespace.
 */
import type { AssistantContentPart, IrRequest, Message } from '../../ir/index.js';
import { interleaveUnmapped, omitKeys, ownExtras, unmappedBlocks } from './claude-extras.js';
import { encodeReasoningPart, encodeTextPart, encodeToolCallPart, encodeToolResultPart, encodeUserPart, type Block, type Warn } from './encode-content.js';

interface Turn {
  role: 'user' | 'assistant' | 'system';
  content: Block[];
  fields: Record<string, unknown>;
  sameTurn: boolean;
  keepBlocks: boolean;
}

const FLAG_KEYS = ['content_form', 'same_turn', 'unmapped'];

function encodeAssistantPart(part: AssistantContentPart, warn: Warn): Block | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : encodeTextPart(part);
    case 'reasoning':
      return encodeReasoningPart(part);
    case 'tool-call':
      return encodeToolCallPart(part, warn);
    case 'generated-image':
      // Claude takes no images in assistant turns.
      return undefined;
  }
}

function reminder(message: Extract<Message, { role: 'system' }>): Block | undefined {
  const text = message.content
    .map((part) => part.text)
    .filter((part) => part.trim() !== '')
    .join('\n');
  return text === '' ? undefined : { type: 'text', text: `<system-reminder>\n${text}\n</system-reminder>` };
}

function toTurn(message: Message, native: boolean, warn: Warn): Turn | undefined {
  const own = ownExtras(message.extras);
  const unmapped = unmappedBlocks(own);
  const turn = (role: Turn['role'], content: Block[]): Turn => ({
    role,
    content,
    fields: omitKeys(own, FLAG_KEYS),
    sameTurn: own.same_turn === true,
    keepBlocks: own.content_form === 'blocks',
  });
  switch (message.role) {
    case 'system': {
      if (!native) {
        const block = reminder(message);
        return block ? { role: 'user', content: [block], fields: {}, sameTurn: false, keepBlocks: false } : undefined;
      }
      return turn('system', message.content.map(encodeTextPart));
    }
    case 'user':
      return turn('user', interleaveUnmapped(message.content.map((part) => encodeUserPart(part, warn)), unmapped));
    case 'assistant':
      return turn('assistant', interleaveUnmapped(message.content.map((part) => encodeAssistantPart(part, warn)), unmapped));
    case 'tool':
      return turn('user', interleaveUnmapped(message.content.map((part) => encodeToolResultPart(part, warn)), unmapped));
  }
}

function toolResultsFirst(blocks: Block[]): Block[] {
  return [...blocks.filter((block) => block.type === 'tool_result'), ...blocks.filter((block) => block.type !== 'tool_result')];
}

function mergeTurns(turns: readonly Turn[], native: boolean): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    const mergeable = previous !== undefined && previous.role === turn.role && turn.role !== 'system' && (!native || turn.sameTurn);
    if (!mergeable) {
      merged.push({ ...turn, content: [...turn.content] });
      continue;
    }
    previous.content.push(...turn.content);
    previous.keepBlocks = true;
    if (!native && previous.role === 'user') previous.content = toolResultsFirst(previous.content);
  }
  return merged;
}

/** A final assistant turn is a prefill: Anthropic rejects one that ends with whitespace. */
function trimPrefill(turns: Turn[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block?.type !== 'text' || typeof block.text !== 'string') return;
  const text = block.text.trimEnd();
  if (text === '') last.content.pop();
  else last.content[last.content.length - 1] = { ...block, text };
  if (last.content.length === 0) turns.pop();
}

function isBareText(block: Block): boolean {
  return block.type === 'text' && typeof block.text === 'string' && Object.keys(block).length === 2;
}

export function encodeMessages(request: IrRequest, warn: Warn): Array<Record<string, unknown>> {
  const native = request.source === 'claude-messages';
  const turns = request.messages
    .map((message) => toTurn(message, native, warn))
    .filter((turn): turn is Turn => turn !== undefined && turn.content.length > 0);
  const merged = mergeTurns(turns, native);
  if (!native) {
    trimPrefill(merged);
    if (merged.length === 0 || merged[0].role === 'assistant') {
      merged.unshift({ role: 'user', content: [{ type: 'text', text: '.' }], fields: {}, sameTurn: false, keepBlocks: false });
    }
  }
  return merged.map((turn) => {
    const only = turn.content.length === 1 ? turn.content[0] : undefined;
    const content = only && !turn.keepBlocks && isBareText(only) ? only.text : turn.content;
    return { ...turn.fields, role: turn.role, content };
  });
}

/**
 * Anthropic rejects thinking when the turn in progress is a tool loop whose assistant turn does not start with a
 * (signed) thinking block — the usual case when the history came from another vendor. True when thinking
 * must be left off for this request.
 */
export function toolLoopLacksThinking(messages: ReadonlyArray<Record<string, unknown>>): boolean {
  let index = messages.length - 1;
  while (index >= 0 && messages[index].role !== 'assistant') index--;
  if (index < 0 || index === messages.length - 1) return false;
  const content = messages[index].content;
  if (!Array.isArray(content) || !content.some((block: Block) => block.type === 'tool_use')) return false;
  const answered = messages
    .slice(index + 1)
    .some((message) => Array.isArray(message.content) && message.content.some((block: Block) => block.type === 'tool_result'));
  const first = content[0] as Block | undefined;
  return answered && first?.type !== 'thinking' && first?.type !== 'redacted_thinking';
}
