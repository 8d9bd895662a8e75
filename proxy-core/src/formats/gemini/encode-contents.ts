/**
 * IR messages → Gemini `contents` and `systemInstruction` for a Gemini upstream.
 *
 * - Roles: assistant → `model`; tool results → a `user` turn of `functionResponse` parts; a
 *   mid-conversation system message → a user turn wrapped in `<system-reminder>` (inventory §2.0).
 * - Adjacent turns of the same role are merged, except two plain user turns (Gemini accepts those and
 *   Gemini CLI sends them), so tool results and the text after them travel in one turn.
 * - A trailing model turn (assistant prefill) from another format is dropped (§6 #1); a history that
 *   starts with the model gets an empty user turn first (the reference executor does the same).
 * - The first `functionCall` of every model turn carries a `thoughtSignature`: its own Gemini one, else
 *   the bypass sentinel (§4.8).
 */
import type { IrRequest, Message, TextPart, ToolResultPart } from '../../ir/index.js';
import { GENERATED_CALL_ID } from './decode-contents.js';
import { encodeAssistantContent, encodeToolResults, encodeUserContent, type WirePartOut } from './encode-parts.js';
import { mergeExtras, omitKeys, ownExtras } from './gemini-extras.js';
import { BYPASS_SIGNATURE } from './thought-signature.js';

interface WireContent {
  role: 'user' | 'model';
  parts: WirePartOut[];
  /** Whether this turn may absorb a neighbour of the same role. */
  mergeable: boolean;
  extras: Record<string, unknown>;
}

const BILLING_HEADER = 'x-anthropic-billing-header:';

/** System text without Claude Code's billing attribution block, which no other vendor should see. */
export function systemTexts(parts: readonly TextPart[]): TextPart[] {
  return parts.filter((part) => part.text !== '' && !part.text.trimStart().startsWith(BILLING_HEADER));
}

export interface ContentsOptions {
  nameOf(name: string): string;
}

export function encodeContents(request: IrRequest, options: ContentsOptions): Array<Record<string, unknown>> {
  const fromGemini = request.source === 'gemini';
  const includeId = (id: string) => fromGemini && !GENERATED_CALL_ID.test(id);
  const callNames = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') callNames.set(part.id, part.name);
  }
  const nameFor = (result: ToolResultPart) => options.nameOf(result.toolName || callNames.get(result.toolCallId) || result.toolCallId);

  const turns: WireContent[] = [];
  const add = (message: Message, role: WireContent['role'], parts: WirePartOut[], mergeable: boolean) => {
    if (parts.length === 0) return;
    const extras = ownExtras(message.extras);
    const last = turns[turns.length - 1];
    if (last && last.role === role && (last.mergeable || mergeable)) {
      last.parts.push(...parts);
      last.mergeable = mergeable;
      last.extras = { ...extras, ...last.extras };
      return;
    }
    turns.push({ role, parts, mergeable, extras });
  };

  for (const message of request.messages) {
    switch (message.role) {
      case 'system': {
        const text = systemTexts(message.content).map((part) => part.text).join('\n');
        if (text !== '') add(message, 'user', [{ text: `<system-reminder>\n${text}\n</system-reminder>` }], false);
        break;
      }
      case 'user':
        add(message, 'user', encodeUserContent(message.content), false);
        break;
      case 'assistant':
        add(message, 'model', encodeAssistantContent(message.content, { target: 'request', showThoughts: false, nameOf: options.nameOf, includeId }), true);
        break;
      case 'tool':
        add(message, 'user', encodeToolResults(message.content, { nameFor, includeId }), true);
        break;
    }
  }

  if (!fromGemini) while (turns.length > 0 && turns[turns.length - 1].role === 'model') turns.pop();
  if (turns[0]?.role === 'model') turns.unshift({ role: 'user', parts: [{ text: '' }], mergeable: false, extras: {} });

  for (const turn of turns) {
    if (turn.role !== 'model') continue;
    const first = turn.parts.find((part) => part.functionCall !== undefined);
    if (first && typeof first.thoughtSignature !== 'string') first.thoughtSignature = BYPASS_SIGNATURE;
  }
  return turns.map((turn) => mergeExtras({ role: turn.role, parts: turn.parts }, omitKeys(turn.extras, ['role', 'parts'])));
}
