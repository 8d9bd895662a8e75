/**
 * IR stream parts → Responses SSE events (`event: <type>` + `data: {type, sequence_number, …}`).
 *
 * Grammar: `response.created` (first, for the SDKs' stream helpers) and `response.in_progress`; then per
 * output item `response.output_item.added` … `response.output_item.done` carrying the full item (what
 * Codex CLI reads), with the item's own events in between (text: `content_part.added`,
 * `output_text.delta`*, `output_text.done`, `content_part.done`; reasoning: `reasoning_summary_part.added`,
 * `reasoning_summary_text.delta`*, `.done`s; calls: `function_call_arguments.delta`* then `.done`, or
 * the `custom_tool_call_input` pair); last `response.completed` (or `response.incomplete` when the
 * answer was cut short) with every item and the usage. Only the first candidate is streamed. An `error`
 * part ends the stream with `error` + `response.failed`.
 */
import type { FinishReason, StreamPart, Usage } from '../../ir/index.js';
import { errorFromPart } from '../openai-chat/encode-stream.js';
import type { EncodeContext, SseEvent, StreamEncoder } from '../wire-format.js';
import { type ClientCall, clientTools } from './client-tools.js';
import { encodeStreamError } from './encode-error.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { callItem, callItemId, imageItem, type Item, messageItem, outputTextPart, reasoningItem, responseObject, type ResponseState } from './output-items.js';
import { encodeEncryptedContent } from './reasoning-carrier.js';

interface OpenText {
  itemId: string;
  index: number;
  text: string;
}

interface OpenReasoning extends OpenText {
  partOpen: boolean;
}

interface OpenCall {
  index: number;
  call: ClientCall;
  /** A custom tool another vendor calls with `{"input": …}` JSON: its input is sent whole at the end. */
  unwrap: boolean;
  streamed: string;
}

export function createStreamEncoder(context: EncodeContext): StreamEncoder {
  const tools = clientTools(context.request);
  const output: Item[] = [];
  const texts = new Map<string, OpenText>();
  const reasonings = new Map<string, OpenReasoning>();
  const calls = new Map<string, OpenCall>();
  let sequence = 0;
  let started = false;
  let closed = false;
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;

  const emit = (out: SseEvent[], type: string, payload: Record<string, unknown>) => {
    out.push({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...payload }) });
  };
  const response = (state: ResponseState) => responseObject(context, state);

  function start(out: SseEvent[]) {
    if (started) return;
    started = true;
    emit(out, 'response.created', { response: response({ status: 'in_progress', output: [] }) });
    emit(out, 'response.in_progress', { response: response({ status: 'in_progress', output: [] }) });
  }

  function addItem(out: SseEvent[], item: Item): number {
    const index = output.length;
    output.push(item);
    emit(out, 'response.output_item.added', { output_index: index, item });
    return index;
  }

  function doneItem(out: SseEvent[], index: number, item: Item) {
    output[index] = item;
    emit(out, 'response.output_item.done', { output_index: index, item });
  }

  function openText(out: SseEvent[], id: string): OpenText {
    let text = texts.get(id);
    if (text) return text;
    const itemId = `msg_${context.requestId}_${output.length}`;
    text = { itemId, index: addItem(out, messageItem(itemId, undefined, 'in_progress')), text: '' };
    texts.set(id, text);
    emit(out, 'response.content_part.added', { item_id: itemId, output_index: text.index, content_index: 0, part: outputTextPart('') });
    return text;
  }

  function closeText(out: SseEvent[], id: string) {
    const text = texts.get(id);
    if (!text) return;
    texts.delete(id);
    const where = { item_id: text.itemId, output_index: text.index, content_index: 0 };
    emit(out, 'response.output_text.done', { ...where, text: text.text, logprobs: [] });
    emit(out, 'response.content_part.done', { ...where, part: outputTextPart(text.text) });
    doneItem(out, text.index, messageItem(text.itemId, text.text, 'completed'));
  }

  function openReasoning(out: SseEvent[], id: string): OpenReasoning {
    let reasoning = reasonings.get(id);
    if (reasoning) return reasoning;
    const itemId = `rs_${context.requestId}_${output.length}`;
    reasoning = { itemId, index: addItem(out, reasoningItem(itemId, '', undefined)), text: '', partOpen: false };
    reasonings.set(id, reasoning);
    return reasoning;
  }

  function closeReasoning(out: SseEvent[], id: string, encrypted: string | undefined) {
    const reasoning = reasonings.get(id);
    if (!reasoning) return;
    reasonings.delete(id);
    const where = { item_id: reasoning.itemId, output_index: reasoning.index, summary_index: 0 };
    if (reasoning.partOpen) {
      emit(out, 'response.reasoning_summary_text.done', { ...where, text: reasoning.text });
      emit(out, 'response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text: reasoning.text } });
    }
    doneItem(out, reasoning.index, reasoningItem(reasoning.itemId, reasoning.text, encrypted));
  }

  function openCall(out: SseEvent[], id: string, name: string, kind: 'function' | 'custom' | undefined): OpenCall {
    let open = calls.get(id);
    if (open) return open;
    const call = tools.call(name, '', kind);
    open = { index: addItem(out, callItem(call, id, 'in_progress', '')), call, unwrap: call.kind === 'custom' && kind !== 'custom', streamed: '' };
    calls.set(id, open);
    return open;
  }

  function argumentsDelta(out: SseEvent[], id: string, open: OpenCall, delta: string) {
    open.streamed += delta;
    const type = open.call.kind === 'custom' ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta';
    emit(out, type, { item_id: callItemId(open.call, id), output_index: open.index, delta });
  }

  function finishCall(out: SseEvent[], id: string, open: OpenCall, final: ClientCall) {
    calls.delete(id);
    if (open.streamed === '' && final.input !== '') argumentsDelta(out, id, open, final.input);
    const where = { item_id: callItemId(final, id), output_index: open.index };
    if (final.kind === 'custom') emit(out, 'response.custom_tool_call_input.done', { ...where, input: final.input });
    else emit(out, 'response.function_call_arguments.done', { ...where, name: final.name, arguments: final.input });
    doneItem(out, open.index, callItem(final, id, 'completed'));
  }

  function closeAll(out: SseEvent[]) {
    for (const id of [...texts.keys()]) closeText(out, id);
    for (const id of [...reasonings.keys()]) closeReasoning(out, id, undefined);
    for (const [id, open] of [...calls]) finishCall(out, id, open, { ...open.call, input: open.streamed });
  }

  function push(part: StreamPart): SseEvent[] {
    if (closed || ('candidate' in part && part.candidate !== undefined && part.candidate !== 0)) return [];
    const out: SseEvent[] = [];
    if (part.type !== 'usage') start(out);
    switch (part.type) {
      case 'text-start':
        openText(out, part.id);
        break;
      case 'text-delta': {
        if (part.delta === '') break;
        const text = openText(out, part.id);
        text.text += part.delta;
        emit(out, 'response.output_text.delta', { item_id: text.itemId, output_index: text.index, content_index: 0, delta: part.delta, logprobs: [] });
        break;
      }
      case 'text-end':
        closeText(out, part.id);
        break;
      case 'reasoning-start':
        openReasoning(out, part.id);
        break;
      case 'reasoning-delta': {
        if (part.delta === '') break;
        const reasoning = openReasoning(out, part.id);
        const where = { item_id: reasoning.itemId, output_index: reasoning.index, summary_index: 0 };
        if (!reasoning.partOpen) {
          reasoning.partOpen = true;
          emit(out, 'response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
        }
        reasoning.text += part.delta;
        emit(out, 'response.reasoning_summary_text.delta', { ...where, delta: part.delta });
        break;
      }
      case 'reasoning-end':
        openReasoning(out, part.id);
        closeReasoning(out, part.id, encodeEncryptedContent(part));
        break;
      case 'tool-input-start':
        openCall(out, part.id, part.name, part.kind);
        break;
      case 'tool-input-delta': {
        const open = calls.get(part.id);
        if (open && !open.unwrap && part.delta !== '') argumentsDelta(out, part.id, open, part.delta);
        break;
      }
      case 'tool-call':
        finishCall(out, part.id, openCall(out, part.id, part.name, part.kind), tools.call(part.name, part.arguments, part.kind));
        break;
      case 'generated-image': {
        const itemId = `ig_${context.requestId}_${output.length}`;
        doneItem(out, addItem(out, { ...imageItem(itemId, ''), status: 'in_progress' }), imageItem(itemId, part.data));
        break;
      }
      case 'usage':
        usage = part.usage;
        break;
      case 'finish':
        finishReason = part.finishReason;
        if (part.usage) usage = part.usage;
        break;
      case 'error': {
        closed = true;
        const error = errorFromPart(part);
        out.push(...encodeStreamError(error, sequence, response({ status: 'failed', output, usage })));
        break;
      }
      default:
        // stream-start (handled by start) and tool-input-end (the call completes with its tool-call part).
        break;
    }
    return out;
  }

  function flush(): SseEvent[] {
    if (closed) return [];
    closed = true;
    const out: SseEvent[] = [];
    start(out);
    closeAll(out);
    const { status, incompleteDetails } = encodeFinishReason(finishReason);
    emit(out, status === 'completed' ? 'response.completed' : 'response.incomplete', { response: response({ status, output, usage, incompleteDetails }) });
    return out;
  }

  return { push, flush };
}
