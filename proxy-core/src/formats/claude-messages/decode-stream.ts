/**
 * Upstream Messages SSE events → IR stream parts.
 *
 * `message_start` → `stream-start` (id, model; input usage remembered); `content_block_start/delta/stop` →
 * the matching text / reasoning / tool-input lifecycle, keyed by block index (a thinking block's
 * `signature_delta` rides on its `reasoning-end`; a `redacted_thinking` block is a reasoning block with
 * `redactedData` and no text; a `tool_use` block ends with `tool-input-end` + `tool-call`); `message_delta`
 * → stop reason and usage (its counters are cumulative and overwrite); `message_stop` → `finish`. `ping`
 * and blocks with no IR part (server tool use, web search results) are skipped. An `error` event becomes an
 * `error` part with the status its type stands for (overloaded_error 529, rate_limit_error 429, …).
 */
import type { StreamPart } from '../../ir/index.js';
import type { SseEvent, StreamDecoder } from '../wire-format.js';
import { isRecord } from './claude-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { decodeSignature } from './signature.js';
import { streamEventSchema, type ClaudeUsageWire, type StreamEventWire } from './upstream-schema.js';
import { readUpstreamError } from './upstream-error.js';

type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature?: string; redactedData?: string }
  | { kind: 'tool'; id: string; name: string; arguments: string }
  | { kind: 'skipped' };

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function createStreamDecoder(): StreamDecoder {
  const blocks = new Map<number, OpenBlock>();
  let started = false;
  let done = false;
  let messageId: string | undefined;
  let stopReason: string | undefined;
  let sawStopReason = false;
  let sawToolCall = false;
  const usage: Record<string, unknown> = {};

  function mergeUsage(wire: ClaudeUsageWire | null | undefined) {
    if (!wire) return;
    for (const [key, value] of Object.entries(wire)) if (value !== null && value !== undefined) usage[key] = value;
  }

  function streamStart(out: StreamPart[], event?: StreamEventWire) {
    if (started) return;
    started = true;
    const part: Extract<StreamPart, { type: 'stream-start' }> = { type: 'stream-start' };
    if (event?.message?.id) {
      part.id = event.message.id;
      messageId = event.message.id;
    }
    if (event?.message?.model) part.model = event.message.model;
    out.push(part);
  }

  function openBlock(index: number, event: StreamEventWire, out: StreamPart[]) {
    const block = event.content_block;
    if (!block) return;
    switch (block.type) {
      case 'text': {
        const id = `text-${index}`;
        blocks.set(index, { kind: 'text', id });
        out.push({ type: 'text-start', id });
        if (block.text) out.push({ type: 'text-delta', id, delta: block.text });
        break;
      }
      case 'thinking':
      case 'redacted_thinking': {
        const id = `reasoning-${index}`;
        const open: OpenBlock = { kind: 'reasoning', id };
        if (block.signature) open.signature = block.signature;
        if (block.type === 'redacted_thinking' && typeof block.data === 'string') open.redactedData = block.data;
        blocks.set(index, open);
        out.push({ type: 'reasoning-start', id });
        if (block.thinking) out.push({ type: 'reasoning-delta', id, delta: block.thinking });
        break;
      }
      case 'tool_use': {
        const id = block.id || `${messageId ?? 'toolu'}_${index}`;
        const initial = isRecord(block.input) && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
        blocks.set(index, { kind: 'tool', id, name: block.name ?? '', arguments: initial });
        sawToolCall = true;
        out.push({ type: 'tool-input-start', id, name: block.name ?? '' });
        if (initial !== '') out.push({ type: 'tool-input-delta', id, delta: initial });
        break;
      }
      default:
        blocks.set(index, { kind: 'skipped' });
    }
  }

  function appendDelta(index: number, event: StreamEventWire, out: StreamPart[]) {
    const open = blocks.get(index);
    const delta = event.delta;
    if (!open || !delta) return;
    if (open.kind === 'text' && delta.type === 'text_delta' && delta.text) out.push({ type: 'text-delta', id: open.id, delta: delta.text });
    else if (open.kind === 'reasoning' && delta.type === 'thinking_delta' && delta.thinking) out.push({ type: 'reasoning-delta', id: open.id, delta: delta.thinking });
    else if (open.kind === 'reasoning' && delta.type === 'signature_delta' && delta.signature) open.signature = delta.signature;
    else if (open.kind === 'tool' && delta.type === 'input_json_delta' && delta.partial_json) {
      open.arguments += delta.partial_json;
      out.push({ type: 'tool-input-delta', id: open.id, delta: delta.partial_json });
    }
  }

  /** End a block; a tool call is completed only when `complete` (not when the stream broke). */
  function closeBlock(index: number, out: StreamPart[], complete: boolean) {
    const open = blocks.get(index);
    blocks.delete(index);
    if (!open) return;
    switch (open.kind) {
      case 'text':
        out.push({ type: 'text-end', id: open.id });
        break;
      case 'reasoning': {
        const part: Extract<StreamPart, { type: 'reasoning-end' }> = { type: 'reasoning-end', id: open.id };
        const signature = decodeSignature(open.signature);
        if (signature) part.signature = signature;
        if (open.redactedData !== undefined) part.redactedData = open.redactedData;
        out.push(part);
        break;
      }
      case 'tool':
        out.push({ type: 'tool-input-end', id: open.id });
        if (complete) out.push({ type: 'tool-call', id: open.id, name: open.name, arguments: open.arguments === '' ? '{}' : open.arguments });
        break;
      case 'skipped':
        break;
    }
  }

  function closeAll(out: StreamPart[], complete: boolean) {
    for (const index of [...blocks.keys()].sort((a, b) => a - b)) closeBlock(index, out, complete);
  }

  function finish(out: StreamPart[]) {
    done = true;
    streamStart(out);
    closeAll(out, true);
    let finishReason = decodeFinishReason(stopReason);
    if (stopReason === undefined) finishReason = { unified: sawToolCall ? 'tool-calls' : 'stop' };
    const decoded = decodeUsage(usage);
    out.push(decoded ? { type: 'finish', finishReason, usage: decoded } : { type: 'finish', finishReason });
  }

  function fail(out: StreamPart[], status: number, message: string, code: string) {
    done = true;
    closeAll(out, false);
    out.push({ type: 'error', status, message, code });
  }

  return {
    push(event: SseEvent): StreamPart[] {
      if (done) return [];
      const data = event.data.trim();
      if (data === '') return [];
      const out: StreamPart[] = [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        fail(out, 502, `The upstream sent a stream event that is not JSON: ${excerpt(data)}`, 'upstream_stream_error');
        return out;
      }
      if (isRecord(json) && (json.type === 'error' || event.event === 'error')) {
        const error = readUpstreamError(json.error ?? json);
        fail(out, error.status, error.message, 'upstream_error');
        return out;
      }
      const parsed = streamEventSchema.safeParse(json);
      if (!parsed.success) {
        fail(out, 502, `The upstream sent a stream event that is not a Messages event: ${excerpt(data)}`, 'upstream_stream_error');
        return out;
      }
      const wire = parsed.data;
      if (wire.type === 'ping') return out;
      streamStart(out, wire.type === 'message_start' ? wire : undefined);
      const index = wire.index ?? 0;
      switch (wire.type) {
        case 'message_start':
          mergeUsage(wire.message?.usage);
          break;
        case 'content_block_start':
          closeBlock(index, out, true);
          openBlock(index, wire, out);
          break;
        case 'content_block_delta':
          appendDelta(index, wire, out);
          break;
        case 'content_block_stop':
          closeBlock(index, out, true);
          break;
        case 'message_delta':
          if (wire.delta?.stop_reason) {
            stopReason = wire.delta.stop_reason;
            sawStopReason = true;
          }
          mergeUsage(wire.usage);
          break;
        case 'message_stop':
          finish(out);
          break;
        default:
          break;
      }
      return out;
    },

    flush(): StreamPart[] {
      if (done) return [];
      const out: StreamPart[] = [];
      if (sawStopReason) finish(out);
      else {
        streamStart(out);
        fail(out, 502, 'The upstream closed the stream before it finished.', 'upstream_stream_error');
      }
      return out;
    },
  };
}
