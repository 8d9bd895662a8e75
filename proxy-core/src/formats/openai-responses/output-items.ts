/** Responses output items and the response object, shared by the JSON and the stream encoders. */
import type { IrRequest, Usage } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import type { ClientCall } from './client-tools.js';
import { encodeSettings } from './encode-request.js';
import { encodeUsage } from './map-usage.js';

export type Item = Record<string, unknown>;
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export function outputTextPart(text: string): Item {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function messageItem(id: string, text: string | undefined, status: ItemStatus): Item {
  return { id, type: 'message', status, role: 'assistant', content: text === undefined ? [] : [outputTextPart(text)] };
}

export function reasoningItem(id: string, text: string, encrypted: string | undefined): Item {
  const item: Item = { id, type: 'reasoning', summary: text === '' ? [] : [{ type: 'summary_text', text }] };
  if (encrypted !== undefined) item.encrypted_content = encrypted;
  return item;
}

export function callItemId(call: ClientCall, callId: string): string {
  return `${call.kind === 'custom' ? 'ctc' : 'fc'}_${callId.replace(/^(call_|fc_|ctc_)/, '')}`;
}

export function callItem(call: ClientCall, callId: string, status: ItemStatus, input = call.input): Item {
  const id = callItemId(call, callId);
  const item: Item =
    call.kind === 'custom'
      ? { id, type: 'custom_tool_call', status, call_id: callId, name: call.name, input }
      : { id, type: 'function_call', status, call_id: callId, name: call.name, arguments: input };
  if (call.namespace !== undefined) item.namespace = call.namespace;
  return item;
}

export function imageItem(id: string, data: string): Item {
  return { id, type: 'image_generation_call', status: 'completed', result: data };
}

/** The request settings a response object echoes, in Responses terms. */
function echoedSettings(request: IrRequest | undefined): Item {
  const encoded = request ? encodeSettings(request) : {};
  const reasoning = (encoded.reasoning as Item | undefined) ?? {};
  return {
    instructions: request?.envelope?.instructions ?? null,
    max_output_tokens: request?.maxOutputTokens ?? null,
    parallel_tool_calls: request?.parallelToolCalls ?? true,
    previous_response_id: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    store: false,
    temperature: request?.temperature ?? 1,
    text: encoded.text ?? { format: { type: 'text' } },
    tool_choice: encoded.tool_choice ?? 'auto',
    tools: encoded.tools ?? [],
    top_p: request?.topP ?? 1,
    truncation: 'disabled',
    user: request?.envelope?.user ?? null,
    metadata: {},
  };
}

export interface ResponseState {
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: Item[];
  usage?: Usage;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
}

export function responseObject(context: EncodeContext, state: ResponseState): Item {
  return {
    id: `resp_${context.requestId}`,
    object: 'response',
    created_at: context.created,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.incompleteDetails ?? null,
    model: context.model,
    output: state.output,
    ...echoedSettings(context.request),
    usage: state.status === 'in_progress' ? null : encodeUsage(state.usage),
  };
}
