/**
 * `IrResponse` → a Messages API body for a Claude client. Tool-use ids are the IR ids verbatim (no `toolu_`
 * prefix is forced) so the client's next `tool_result` matches what the upstream knows.
 */
import type { AssistantContentPart, IrResponse } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import { interleaveUnmapped, isRecord, omitKeys, ownExtras, unmappedBlocks } from './claude-extras.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { encodeSignature } from './signature.js';

/** Parsed tool input for a client: a JSON object, or `{}` when the model produced something else. */
export function inputObject(argumentsText: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * One IR part → a client content block. Reasoning keeps its signature (foreign families tagged, see
 * `signature.ts`); Claude redacted data becomes `redacted_thinking`. Generated images have no Claude block.
 */
export function encodeResponsePart(part: AssistantContentPart): Record<string, unknown> | undefined {
  const own = 'extras' in part ? ownExtras(part.extras) : {};
  switch (part.type) {
    case 'text':
      return { ...own, type: 'text', text: part.text };
    case 'reasoning': {
      const family = part.signature?.family;
      if (part.redactedData !== undefined && (family === undefined || family === 'claude')) return { ...own, type: 'redacted_thinking', data: part.redactedData };
      if (part.text === '' && part.signature === undefined) return undefined;
      return { ...own, type: 'thinking', thinking: part.text, signature: part.signature ? encodeSignature(part.signature) : '' };
    }
    case 'tool-call':
      return { ...own, type: 'tool_use', id: part.id, name: part.name, input: inputObject(part.arguments) };
    case 'generated-image':
      return undefined;
  }
}

export const EMPTY_USAGE = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

export function encodeResponse(response: IrResponse, context: EncodeContext): Record<string, unknown> {
  const own = ownExtras(response.extras);
  const candidate = response.candidates[0];
  const content = interleaveUnmapped((candidate?.content ?? []).map(encodeResponsePart), unmappedBlocks(own));
  const hasToolUse = content.some((block) => block.type === 'tool_use');
  const usageExtras = isRecord(own.usage) ? own.usage : {};
  return {
    ...omitKeys(own, ['unmapped', 'usage', 'stop_sequence']),
    id: `msg_${context.requestId}`,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: encodeFinishReason(candidate?.finishReason ?? { unified: 'stop' }, hasToolUse),
    stop_sequence: typeof own.stop_sequence === 'string' ? own.stop_sequence : null,
    usage: response.usage ? { ...usageExtras, ...encodeUsage(response.usage) } : { ...EMPTY_USAGE },
  };
}
