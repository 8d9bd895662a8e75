/**
 * Responses SSE events from an upstream → IR stream parts.
 *
 * Items are identified by `output_index`. Deltas open their block on first sight; `output_item.done` is
 * authoritative (it closes the item's blocks and supplies anything that was never streamed), and the
 * terminal `response.completed` / `response.incomplete` replays every item that never got its `.done` —
 * so an upstream that sends only the terminal event still yields the whole answer. `response.failed` and
 * `error` become an `error` part; a stream that closes before a terminal event is an error too (the
 * answer may be cut short).
 */
import type { StreamPart, ToolCallPart } from '../../ir/index.js';
import { fallbackCallId } from '../openai-chat/call-ids.js';
import type { SseEvent, StreamDecoder } from '../wire-format.js';
import { decodeCallItem, decodeOutputItem } from './decode-output.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { isRecord } from './responses-extras.js';
import { readFailure } from './upstream-error.js';
import { parseLenient, responseSchema } from './schema.js';

interface ItemState {
  type: string;
  /** Open text blocks by content index. */
  texts: Map<number, string>;
  /** Content indexes whose text was streamed. */
  streamedTexts: Set<number>;
  reasoningOpen: boolean;
  reasoningText: string;
  callId?: string;
  callStarted: boolean;
  done: boolean;
}

type Json = Record<string, unknown>;

export function createStreamDecoder(): StreamDecoder {
  const items = new Map<number, ItemState>();
  const indexById = new Map<string, number>();
  let started = false;
  let finished = false;
  let responseId: string | undefined;
  let sawToolCall = false;

  function item(index: number, type = 'message'): ItemState {
    let state = items.get(index);
    if (!state) {
      state = { type, texts: new Map(), streamedTexts: new Set(), reasoningOpen: false, reasoningText: '', callStarted: false, done: false };
      items.set(index, state);
    }
    return state;
  }

  /** The output index an event refers to (`output_index`, else the item id seen at `output_item.added`). */
  function indexOf(event: Json): number {
    if (typeof event.output_index === 'number') return event.output_index;
    const byId = typeof event.item_id === 'string' ? indexById.get(event.item_id) : undefined;
    return byId ?? 0;
  }

  const blockId = (index: number, suffix: string | number) => `${index}:${suffix}`;

  function startStream(out: StreamPart[], response: unknown) {
    if (started) return;
    started = true;
    const parsed = isRecord(response) ? parseLenient(responseSchema, response) : undefined;
    if (parsed?.id) responseId = parsed.id;
    const part: StreamPart = { type: 'stream-start' };
    if (parsed?.id) part.id = parsed.id;
    if (parsed?.model) part.model = parsed.model;
    if (parsed?.created_at != null) part.created = parsed.created_at;
    out.push(part);
  }

  function textDelta(out: StreamPart[], index: number, contentIndex: number, delta: string) {
    const state = item(index);
    const id = blockId(index, contentIndex);
    if (!state.texts.has(contentIndex)) {
      state.texts.set(contentIndex, '');
      state.streamedTexts.add(contentIndex);
      out.push({ type: 'text-start', id });
    }
    if (delta !== '') out.push({ type: 'text-delta', id, delta });
  }

  function closeTexts(out: StreamPart[], index: number, state: ItemState) {
    for (const contentIndex of state.texts.keys()) out.push({ type: 'text-end', id: blockId(index, contentIndex) });
    state.texts.clear();
  }

  function reasoningDelta(out: StreamPart[], index: number, delta: string) {
    const state = item(index, 'reasoning');
    if (!state.reasoningOpen) {
      state.reasoningOpen = true;
      out.push({ type: 'reasoning-start', id: blockId(index, 'r') });
    }
    if (delta === '') return;
    state.reasoningText += delta;
    out.push({ type: 'reasoning-delta', id: blockId(index, 'r'), delta });
  }

  function startCall(out: StreamPart[], index: number, raw: Json) {
    const state = item(index, String(raw.type));
    const call = decodeCallItem(raw, fallbackCallId(responseId, 0, index));
    if (!call || state.callStarted) return;
    state.callStarted = true;
    state.callId = call.id;
    out.push({ type: 'tool-input-start', id: call.id, name: call.name, ...(call.kind ? { kind: call.kind } : {}) });
  }

  function emitCall(out: StreamPart[], state: ItemState, call: ToolCallPart) {
    sawToolCall = true;
    const id = state.callId ?? call.id;
    if (state.callStarted) out.push({ type: 'tool-input-end', id });
    out.push({ type: 'tool-call', id, name: call.name, arguments: call.arguments, ...(call.kind ? { kind: call.kind } : {}) });
  }

  /** An item is complete: close its blocks, supply what was not streamed. Idempotent per index. */
  function itemDone(out: StreamPart[], index: number, raw: Json) {
    const state = item(index, String(raw.type));
    if (state.done) return;
    state.done = true;
    const parts = decodeOutputItem(raw, fallbackCallId(responseId, 0, index));
    if (raw.type === 'message') {
      closeTexts(out, index, state);
      parts.forEach((part, contentIndex) => {
        if (part.type !== 'text' || state.streamedTexts.has(contentIndex) || part.text === '') return;
        const id = blockId(index, contentIndex);
        out.push({ type: 'text-start', id }, { type: 'text-delta', id, delta: part.text }, { type: 'text-end', id });
      });
      return;
    }
    for (const part of parts) {
      if (part.type === 'reasoning') {
        if (!state.reasoningOpen) reasoningDelta(out, index, '');
        if (state.reasoningText === '' && part.text !== '') reasoningDelta(out, index, part.text);
        state.reasoningOpen = false;
        out.push({ type: 'reasoning-end', id: blockId(index, 'r'), ...(part.signature ? { signature: part.signature } : {}), ...(part.redactedData !== undefined ? { redactedData: part.redactedData } : {}) });
      } else if (part.type === 'tool-call') emitCall(out, state, part);
      else if (part.type === 'generated-image') out.push(part);
    }
  }

  /** Close whatever is still open (a truncated or terminal-only stream). */
  function closeOpen(out: StreamPart[]) {
    for (const [index, state] of items) {
      if (state.done) continue;
      closeTexts(out, index, state);
      if (state.reasoningOpen) {
        state.reasoningOpen = false;
        out.push({ type: 'reasoning-end', id: blockId(index, 'r') });
      }
      if (state.callStarted) out.push({ type: 'tool-input-end', id: state.callId! });
      state.done = true;
    }
  }

  function terminal(out: StreamPart[], event: Json) {
    finished = true;
    startStream(out, event.response);
    const response = parseLenient(responseSchema, event.response) ?? {};
    (response.output ?? []).forEach((raw, index) => itemDone(out, index, raw));
    closeOpen(out);
    const usage = decodeUsage(response.usage);
    const status = response.status ?? (event.type === 'response.incomplete' ? 'incomplete' : 'completed');
    const finishReason = decodeFinishReason(status, response.incomplete_details?.reason, sawToolCall);
    out.push(usage ? { type: 'finish', finishReason, usage } : { type: 'finish', finishReason });
  }

  function fail(out: StreamPart[], status: number, message: string, code = 'upstream_stream_error') {
    finished = true;
    out.push({ type: 'error', status, message, code });
  }

  function handle(event: Json, out: StreamPart[]) {
    const type = typeof event.type === 'string' ? event.type : '';
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
        startStream(out, event.response);
        return;
      case 'response.output_item.added': {
        startStream(out, undefined);
        if (!isRecord(event.item)) return;
        const index = indexOf(event);
        const state = item(index, String(event.item.type));
        if (typeof event.item.id === 'string') indexById.set(event.item.id, index);
        if (state.type === 'reasoning') reasoningDelta(out, index, '');
        if (state.type === 'function_call' || state.type === 'custom_tool_call') startCall(out, index, event.item);
        return;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        startStream(out, undefined);
        if (typeof event.delta === 'string') textDelta(out, indexOf(event), typeof event.content_index === 'number' ? event.content_index : 0, event.delta);
        return;
      case 'response.content_part.done': {
        const index = indexOf(event);
        const contentIndex = typeof event.content_index === 'number' ? event.content_index : 0;
        const state = items.get(index);
        if (state?.texts.delete(contentIndex)) out.push({ type: 'text-end', id: blockId(index, contentIndex) });
        return;
      }
      case 'response.reasoning_summary_part.added': {
        const index = indexOf(event);
        if (typeof event.summary_index === 'number' && event.summary_index > 0 && item(index, 'reasoning').reasoningText !== '') reasoningDelta(out, index, '\n\n');
        return;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        startStream(out, undefined);
        if (typeof event.delta === 'string') reasoningDelta(out, indexOf(event), event.delta);
        return;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta': {
        const state = items.get(indexOf(event));
        if (state?.callStarted && typeof event.delta === 'string' && event.delta !== '') out.push({ type: 'tool-input-delta', id: state.callId!, delta: event.delta });
        return;
      }
      case 'response.output_item.done':
        startStream(out, undefined);
        if (isRecord(event.item)) itemDone(out, indexOf(event), event.item);
        return;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.done':
        terminal(out, event);
        return;
      case 'response.failed': {
        const failure = readFailure(isRecord(event.response) ? event.response.error : undefined);
        fail(out, failure.status, failure.message, failure.code);
        return;
      }
      case 'error': {
        const failure = readFailure(isRecord(event.error) ? event.error : event);
        fail(out, failure.status, failure.message, failure.code);
        return;
      }
      default:
        return;
    }
  }

  return {
    push(event: SseEvent): StreamPart[] {
      if (finished) return [];
      const data = event.data.trim();
      if (data === '' || data === '[DONE]') return [];
      const out: StreamPart[] = [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        fail(out, 502, `The upstream sent an event that is not JSON: ${data.slice(0, 200)}`);
        return out;
      }
      if (isRecord(json)) handle(json, out);
      return out;
    },
    flush(): StreamPart[] {
      if (finished) return [];
      const out: StreamPart[] = [];
      closeOpen(out);
      fail(out, 502, 'The upstream closed the stream before response.completed.');
      return out;
    },
  };
}
