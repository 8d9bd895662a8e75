/** An upstream Messages API body → `IrResponse` (lenient). An error body becomes a `ProxyError`. */
import type { AssistantContentPart, IrResponse, ReasoningPart, TextPart, ToolCallPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { isRecord, unknownFields, withExtras, type UnmappedBlock } from './claude-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { decodeSignature } from './signature.js';
import { claudeMessageSchema } from './upstream-schema.js';
import { readUpstreamError } from './upstream-error.js';

const USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'output_tokens_details'];

/** One response content block → an IR part, or `undefined` for blocks with no IR part (kept raw). */
export function decodeResponseBlock(block: Record<string, unknown>): AssistantContentPart | undefined {
  switch (block.type) {
    case 'text': {
      const part: TextPart = { type: 'text', text: typeof block.text === 'string' ? block.text : '' };
      return withExtras(part, unknownFields(block, ['type', 'text']));
    }
    case 'thinking': {
      const part: ReasoningPart = { type: 'reasoning', text: typeof block.thinking === 'string' ? block.thinking : '' };
      const signature = decodeSignature(typeof block.signature === 'string' ? block.signature : undefined);
      if (signature) part.signature = signature;
      return withExtras(part, unknownFields(block, ['type', 'thinking', 'signature']));
    }
    case 'redacted_thinking': {
      if (typeof block.data !== 'string') return undefined;
      const part: ReasoningPart = { type: 'reasoning', text: '', redactedData: block.data };
      return withExtras(part, unknownFields(block, ['type', 'data']));
    }
    case 'tool_use': {
      const part: ToolCallPart = {
        type: 'tool-call',
        id: typeof block.id === 'string' ? block.id : '',
        name: typeof block.name === 'string' ? block.name : '',
        arguments: JSON.stringify(block.input ?? {}),
      };
      return withExtras(part, unknownFields(block, ['type', 'id', 'name', 'input']));
    }
    default:
      return undefined;
  }
}

export function decodeResponse(body: unknown): IrResponse {
  if (isRecord(body) && (body.type === 'error' || (body.error != null && !Array.isArray(body.content)))) {
    const error = readUpstreamError(body.error);
    throw new ProxyError(error.message, { status: error.status, code: 'upstream_error', scope: 'upstream', details: { type: error.type } });
  }
  const parsed = claudeMessageSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProxyError('The upstream answered with a body that is not a Messages API response (no `content` array).', {
      status: 502,
      code: 'upstream_error',
      scope: 'upstream',
    });
  }
  const message = parsed.data;
  const content: AssistantContentPart[] = [];
  const unmapped: UnmappedBlock[] = [];
  for (const block of message.content) {
    const part = decodeResponseBlock(block);
    if (part) content.push(part);
    else unmapped.push({ index: content.length, block });
  }
  const result: IrResponse = { model: message.model ?? '', candidates: [{ index: 0, content, finishReason: decodeFinishReason(message.stop_reason) }] };
  if (message.id) result.id = message.id;
  const usage = decodeUsage(message.usage);
  if (usage) result.usage = usage;
  const usageExtras = message.usage ? unknownFields(message.usage, USAGE_FIELDS) : undefined;
  return withExtras(result, {
    ...unknownFields(message, ['id', 'type', 'role', 'model', 'content', 'stop_reason', 'usage']),
    ...(usageExtras ? { usage: usageExtras } : {}),
    ...(unmapped.length > 0 ? { unmapped } : {}),
  });
}
