/** Responses output items (in a response body or a stream's `output_item.done`) → IR content parts. */
import type { AssistantContentPart, ReasoningPart, ToolCallPart } from '../../ir/index.js';
import { callToolName } from './namespace-tools.js';
import { decodeEncryptedContent } from './reasoning-carrier.js';
import { isRecord } from './responses-extras.js';

function texts(parts: unknown, types: readonly string[], key = 'text'): string[] {
  if (!Array.isArray(parts)) return [];
  return parts.filter((part) => isRecord(part) && types.includes(String(part.type)) && typeof part[key] === 'string').map((part) => (part as Record<string, string>)[key]);
}

export function decodeReasoningItem(item: Record<string, unknown>): ReasoningPart {
  const summary = texts(item.summary, ['summary_text']);
  const content = texts(item.content, ['reasoning_text']);
  const part: ReasoningPart = { type: 'reasoning', text: (summary.length > 0 ? summary : content).join('\n\n') };
  const proof = decodeEncryptedContent(typeof item.encrypted_content === 'string' ? item.encrypted_content : undefined);
  if (proof.signature) part.signature = proof.signature;
  if (proof.redactedData !== undefined) part.redactedData = proof.redactedData;
  if (typeof item.id === 'string') part.itemId = item.id;
  return part;
}

/** A `function_call` / `custom_tool_call` item; `undefined` when it lacks a name. */
export function decodeCallItem(item: Record<string, unknown>, fallbackId: string): ToolCallPart | undefined {
  if (typeof item.name !== 'string' || item.name === '') return undefined;
  const id = typeof item.call_id === 'string' && item.call_id !== '' ? item.call_id : typeof item.id === 'string' ? item.id : fallbackId;
  const custom = item.type === 'custom_tool_call';
  const raw = custom ? item.input : item.arguments;
  const args = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
  const name = callToolName(typeof item.namespace === 'string' ? item.namespace : undefined, item.name);
  const part: ToolCallPart = { type: 'tool-call', id, name, arguments: custom ? args : args === '' ? '{}' : args };
  if (custom) part.kind = 'custom';
  if (typeof item.id === 'string') part.itemId = item.id;
  return part;
}

/** All IR parts of one output item (a message may hold several text parts; refusals read as text). */
export function decodeOutputItem(item: Record<string, unknown>, fallbackId: string): AssistantContentPart[] {
  switch (item.type) {
    case 'message': {
      const parts = Array.isArray(item.content) ? item.content : [];
      return parts.flatMap((part): AssistantContentPart[] => {
        if (!isRecord(part)) return [];
        if (part.type === 'output_text' && typeof part.text === 'string') return [{ type: 'text', text: part.text }];
        if (part.type === 'refusal' && typeof part.refusal === 'string') return [{ type: 'text', text: part.refusal }];
        return [];
      });
    }
    case 'reasoning':
      return [decodeReasoningItem(item)];
    case 'function_call':
    case 'custom_tool_call': {
      const call = decodeCallItem(item, fallbackId);
      return call ? [call] : [];
    }
    case 'image_generation_call':
      return typeof item.result === 'string' && item.result !== '' ? [{ type: 'generated-image', mediaType: 'image/png', data: item.result }] : [];
    default:
      // Hosted-tool records (web_search_call, …) describe work the upstream already did.
      return [];
  }
}
