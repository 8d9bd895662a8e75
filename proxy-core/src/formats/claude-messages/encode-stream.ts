/**
 * IR stream parts → Messages SSE events for a Claude client.
 *
 * Grammar: `message_start` (empty content, usage so far), one `ping`, then per block `content_block_start`
 * (`text` / `thinking` / `redacted_thinking` / `tool_use` with `input: {}`) → deltas (`text_delta`,
 * `thinking_delta`, `signature_delta` just before the thinking block's stop, `input_json_delta`) →
 * `content_block_stop`; then `message_delta` (stop reason, full usage) and `message_stop`. Events are framed
 * `event: <type>` + `data: <json>`.
 *
 * Claude blocks never interleave, so one IR block is active at a time: parts of any other block wait in a
 * queue until the active one ends (e.g. tool arguments wait for the text block to close), then are replayed
 * in order. Text and thinking blocks open on their first content, so empty IR blocks produce nothing; a
 * thinking block with only a signature (or redacted data) is still sent. Custom-tool input (free text) is
 * streamed as the JSON of `{"input": "…"}`. An `error` part becomes `event: error` and ends the stream;
 * `flush()` without `finish` closes what is open and still ends with `message_delta` + `message_stop`.
 */
import type { FinishReason, ReasoningSignature, StreamPart, Usage } from '../../ir/index.js';
import { ProxyError, type ErrorCode } from '../../shared/errors.js';
import type { EncodeContext, SseEvent, StreamEncoder } from '../wire-format.js';
import { encodeStreamError } from './encode-error.js';
import { EMPTY_USAGE } from './encode-response.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { encodeSignature } from './signature.js';

type BlockPart = Extract<StreamPart, { id: string }>;

interface Active {
  key: string;
  kind: 'text' | 'thinking' | 'tool';
  /** Claude block index once `content_block_start` was sent. */
  index?: number;
  /** Tool: argument text was streamed; custom tools are wrapped in `{"input": …}`. */
  streamed?: boolean;
  custom?: boolean;
}

const ERROR_CODES: readonly ErrorCode[] = ['invalid_request', 'upstream_error', 'upstream_unreachable', 'upstream_stream_error', 'model_cooldown', 'no_credentials', 'unsupported', 'internal_error'];

/** The `error` stream part as the `ProxyError` the error encoder takes. */
export function errorFromPart(part: Extract<StreamPart, { type: 'error' }>): ProxyError {
  const code = ERROR_CODES.find((known) => known === part.code) ?? 'upstream_stream_error';
  return new ProxyError(part.message, { status: part.status, code, scope: 'upstream' });
}

function keyOf(part: BlockPart): string {
  if (part.type.startsWith('text-')) return `text:${part.id}`;
  if (part.type.startsWith('reasoning-')) return `reasoning:${part.id}`;
  return `tool:${part.id}`;
}

/** JSON text of a string's contents without the quotes: chunks concatenate into one valid JSON string. */
function jsonStringBody(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

export function createStreamEncoder(context: EncodeContext): StreamEncoder {
  let started = false;
  let closed = false;
  let nextIndex = 0;
  let active: Active | undefined;
  let queue: BlockPart[] = [];
  let usage: Usage | undefined;
  let hasToolUse = false;
  const finishedTools = new Set<string>();

  const emit = (out: SseEvent[], payload: Record<string, unknown>) => out.push({ event: String(payload.type), data: JSON.stringify(payload) });

  function start(out: SseEvent[]) {
    if (started) return;
    started = true;
    emit(out, {
      type: 'message_start',
      message: {
        id: `msg_${context.requestId}`,
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usage ? encodeUsage(usage) : { ...EMPTY_USAGE },
      },
    });
    emit(out, { type: 'ping' });
  }

  function openBlock(out: SseEvent[], block: Record<string, unknown>): number {
    const index = nextIndex++;
    emit(out, { type: 'content_block_start', index, content_block: block });
    return index;
  }
  const delta = (out: SseEvent[], index: number, body: Record<string, unknown>) => emit(out, { type: 'content_block_delta', index, delta: body });
  const stop = (out: SseEvent[], index: number) => emit(out, { type: 'content_block_stop', index });

  function openTool(out: SseEvent[], id: string, name: string, custom: boolean): Active {
    hasToolUse = true;
    const index = openBlock(out, { type: 'tool_use', id, name, input: {} });
    if (custom) delta(out, index, { type: 'input_json_delta', partial_json: '{"input":"' });
    return { key: `tool:${id}`, kind: 'tool', index, custom, streamed: false };
  }

  function closeTool(out: SseEvent[], tool: Active, id: string, missingArguments: string) {
    const index = tool.index as number;
    if (!tool.streamed && missingArguments !== '') {
      delta(out, index, { type: 'input_json_delta', partial_json: tool.custom ? jsonStringBody(missingArguments) : missingArguments });
    }
    if (tool.custom) delta(out, index, { type: 'input_json_delta', partial_json: '"}' });
    stop(out, index);
    finishedTools.add(id);
  }

  /** A thinking block's end: signature (or redacted data) and stop; opens a block that had no text yet. */
  function endThinking(out: SseEvent[], thinking: Active, signature: ReasoningSignature | undefined, redactedData: string | undefined) {
    const family = signature?.family;
    if (thinking.index === undefined && redactedData !== undefined && (family === undefined || family === 'claude')) {
      stop(out, openBlock(out, { type: 'redacted_thinking', data: redactedData }));
      return;
    }
    if (thinking.index === undefined && signature === undefined) return;
    const index = thinking.index ?? openBlock(out, { type: 'thinking', thinking: '', signature: '' });
    if (signature) delta(out, index, { type: 'signature_delta', signature: encodeSignature(signature) });
    stop(out, index);
  }

  /** Handle one block part; the caller made sure it belongs to the active block (or nothing is active). */
  function handle(part: BlockPart, out: SseEvent[]) {
    const key = keyOf(part);
    switch (part.type) {
      case 'text-start':
        active = { key, kind: 'text' };
        break;
      case 'text-delta':
        active ??= { key, kind: 'text' };
        if (part.delta === '') break;
        active.index ??= openBlock(out, { type: 'text', text: '' });
        delta(out, active.index, { type: 'text_delta', text: part.delta });
        break;
      case 'text-end':
        if (active?.index !== undefined) stop(out, active.index);
        active = undefined;
        break;
      case 'reasoning-start':
        active = { key, kind: 'thinking' };
        break;
      case 'reasoning-delta':
        active ??= { key, kind: 'thinking' };
        if (part.delta === '') break;
        active.index ??= openBlock(out, { type: 'thinking', thinking: '', signature: '' });
        delta(out, active.index, { type: 'thinking_delta', thinking: part.delta });
        break;
      case 'reasoning-end':
        endThinking(out, active ?? { key, kind: 'thinking' }, part.signature, part.redactedData);
        active = undefined;
        break;
      case 'tool-input-start':
        active = openTool(out, part.id, part.name, part.kind === 'custom');
        break;
      case 'tool-input-delta':
        if (active?.kind !== 'tool' || part.delta === '') break;
        active.streamed = true;
        delta(out, active.index as number, { type: 'input_json_delta', partial_json: active.custom ? jsonStringBody(part.delta) : part.delta });
        break;
      case 'tool-input-end':
        // Arguments that were streamed are complete; otherwise wait for the `tool-call` that carries them.
        if (active?.kind === 'tool' && active.streamed) {
          closeTool(out, active, part.id, '');
          active = undefined;
        }
        break;
      case 'tool-call':
        if (finishedTools.has(part.id)) break;
        if (active?.kind === 'tool' && active.key === key) closeTool(out, active, part.id, part.arguments);
        else closeTool(out, openTool(out, part.id, part.name, part.kind === 'custom'), part.id, part.arguments);
        active = undefined;
        break;
    }
  }

  /** Replay queued parts: always the first one that may run now (same block as the active one, or any when idle). */
  function drain(out: SseEvent[]) {
    for (;;) {
      const position = queue.findIndex((part) => active === undefined || keyOf(part) === active.key);
      if (position === -1) return;
      const [part] = queue.splice(position, 1);
      handle(part, out);
    }
  }

  /** Close the active block even though its end never came (finish, flush). */
  function forceClose(out: SseEvent[]) {
    const current = active;
    active = undefined;
    if (!current || current.index === undefined) return;
    if (current.kind === 'tool') closeTool(out, current, current.key.slice('tool:'.length), '');
    else stop(out, current.index);
  }

  function settle(out: SseEvent[]) {
    drain(out);
    while (active !== undefined || queue.length > 0) {
      forceClose(out);
      drain(out);
    }
  }

  function end(out: SseEvent[], finishReason: FinishReason) {
    start(out);
    settle(out);
    emit(out, {
      type: 'message_delta',
      delta: { stop_reason: encodeFinishReason(finishReason, hasToolUse), stop_sequence: null },
      usage: usage ? encodeUsage(usage) : { output_tokens: 0 },
    });
    emit(out, { type: 'message_stop' });
    closed = true;
  }

  function push(part: StreamPart): SseEvent[] {
    if (closed) return [];
    const out: SseEvent[] = [];
    if ('candidate' in part && part.candidate !== undefined && part.candidate !== 0) return out;
    switch (part.type) {
      case 'stream-start':
        start(out);
        break;
      case 'usage':
        usage = part.usage;
        break;
      case 'finish':
        if (part.usage) usage = part.usage;
        end(out, part.finishReason);
        break;
      case 'error':
        closed = true;
        out.push(...encodeStreamError(errorFromPart(part)));
        break;
      case 'generated-image':
        // No Claude block carries generated images.
        break;
      default: {
        start(out);
        if (part.type === 'tool-call' && finishedTools.has(part.id)) break;
        if (active !== undefined && active.key !== keyOf(part)) queue.push(part);
        else {
          handle(part, out);
          drain(out);
        }
      }
    }
    return out;
  }

  function flush(): SseEvent[] {
    if (closed) return [];
    const out: SseEvent[] = [];
    end(out, { unified: 'stop' });
    return out;
  }

  return { push, flush };
}
