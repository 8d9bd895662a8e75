/**
 * IR stream parts → `chat.completion.chunk` SSE events for the client.
 *
 * Grammar: a first chunk with `delta.role: "assistant"`; content / reasoning_content deltas; tool calls
 * announced with `index`, `id`, `type`, `function.name` and `arguments: ""`, then argument fragments; one
 * chunk per choice with its `finish_reason`; a usage-only chunk (`choices: []`) only when the client asked
 * with `stream_options.include_usage` (read from `context.request`'s extras; no request means not asked) and
 * the usage is known; then `data: [DONE]`. Clients that did not ask get no usage, as from OpenAI itself. After an `error` part the error chunk is the
 * last event: no `[DONE]` (the OpenAI SDKs raise on it).
 */
import type { ErrorCode } from '../../shared/errors.js';
import { ProxyError } from '../../shared/errors.js';
import type { StreamPart, Usage } from '../../ir/index.js';
import type { EncodeContext, SseEvent, StreamEncoder } from '../wire-format.js';
import { includeUsageRequested } from './decode-request.js';
import { encodeStreamError } from './encode-error.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { toDataUrl } from './media-source.js';
import { encodeExtraContent } from './tool-call-signature.js';

const ERROR_CODES: readonly ErrorCode[] = [
  'invalid_request',
  'upstream_error',
  'upstream_unreachable',
  'upstream_stream_error',
  'model_cooldown',
  'no_credentials',
  'unsupported',
  'internal_error',
];

interface ToolStream {
  index: number;
  kind?: 'function' | 'custom';
  streamed: string;
}

interface ChoiceStream {
  announced: boolean;
  finished: boolean;
  tools: Map<string, ToolStream>;
  /** Reasoning blocks already written, so the next one is separated by a blank line. */
  reasoningWritten: boolean;
  pendingReasoningBreak: boolean;
  images: number;
}

/** The `error` stream part as the `ProxyError` our error encoders take. */
export function errorFromPart(part: Extract<StreamPart, { type: 'error' }>): ProxyError {
  const code = ERROR_CODES.find((known) => known === part.code) ?? 'upstream_stream_error';
  return new ProxyError(part.message, { status: part.status, code, scope: 'upstream' });
}

export function createStreamEncoder(context: EncodeContext): StreamEncoder {
  const id = `chatcmpl-${context.requestId}`;
  const includeUsage = includeUsageRequested(context.request);
  const choices = new Map<number, ChoiceStream>();
  let usage: Usage | undefined;
  let closed = false;

  const event = (payload: Record<string, unknown>): SseEvent => ({ data: JSON.stringify(payload) });
  const chunk = (choiceList: unknown[], extra: Record<string, unknown> = {}): SseEvent =>
    event({ id, object: 'chat.completion.chunk', created: context.created, model: context.model, choices: choiceList, ...extra });
  const choiceChunk = (index: number, delta: Record<string, unknown>, finishReason: string | null = null): SseEvent =>
    chunk([{ index, delta, logprobs: null, finish_reason: finishReason }]);

  function choice(index: number, out: SseEvent[]): ChoiceStream {
    let state = choices.get(index);
    if (!state) {
      state = { announced: false, finished: false, tools: new Map(), reasoningWritten: false, pendingReasoningBreak: false, images: 0 };
      choices.set(index, state);
    }
    if (!state.announced) {
      state.announced = true;
      out.push(choiceChunk(index, { role: 'assistant', content: '' }));
    }
    return state;
  }

  function toolDelta(index: number, call: Record<string, unknown>): SseEvent {
    return choiceChunk(index, { tool_calls: [call] });
  }

  function finishChoice(index: number, state: ChoiceStream, reason: Parameters<typeof encodeFinishReason>[0], out: SseEvent[]) {
    if (state.finished) return;
    state.finished = true;
    out.push(choiceChunk(index, {}, encodeFinishReason(reason, state.tools.size > 0)));
  }

  function push(part: StreamPart): SseEvent[] {
    if (closed) return [];
    const out: SseEvent[] = [];
    const index = 'candidate' in part && part.candidate !== undefined ? part.candidate : 0;
    switch (part.type) {
      case 'stream-start':
        choice(0, out);
        break;
      case 'text-delta':
        if (part.delta === '') break;
        choice(index, out);
        out.push(choiceChunk(index, { content: part.delta }));
        break;
      case 'reasoning-start': {
        const state = choice(index, out);
        state.pendingReasoningBreak = state.reasoningWritten;
        break;
      }
      case 'reasoning-delta': {
        if (part.delta === '') break;
        const state = choice(index, out);
        const text = state.pendingReasoningBreak ? `\n\n${part.delta}` : part.delta;
        state.pendingReasoningBreak = false;
        state.reasoningWritten = true;
        out.push(choiceChunk(index, { reasoning_content: text }));
        break;
      }
      case 'tool-input-start': {
        const state = choice(index, out);
        const tool: ToolStream = { index: state.tools.size, kind: part.kind, streamed: '' };
        state.tools.set(part.id, tool);
        out.push(
          toolDelta(
            index,
            part.kind === 'custom'
              ? { index: tool.index, id: part.id, type: 'custom', custom: { name: part.name, input: '' } }
              : { index: tool.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } },
          ),
        );
        break;
      }
      case 'tool-input-delta': {
        const tool = choices.get(index)?.tools.get(part.id);
        if (!tool || part.delta === '') break;
        tool.streamed += part.delta;
        out.push(
          toolDelta(index, tool.kind === 'custom' ? { index: tool.index, custom: { input: part.delta } } : { index: tool.index, function: { arguments: part.delta } }),
        );
        break;
      }
      case 'tool-call': {
        const state = choice(index, out);
        const extraContent = encodeExtraContent(undefined, part.signature);
        const announced = state.tools.get(part.id);
        if (!announced) {
          // A whole call with no lifecycle before it: one fragment carries everything.
          const tool: ToolStream = { index: state.tools.size, kind: part.kind, streamed: part.arguments };
          state.tools.set(part.id, tool);
          const call: Record<string, unknown> =
            part.kind === 'custom'
              ? { index: tool.index, id: part.id, type: 'custom', custom: { name: part.name, input: part.arguments } }
              : { index: tool.index, id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } };
          if (extraContent) call.extra_content = extraContent;
          out.push(toolDelta(index, call));
          break;
        }
        // Arguments that were never streamed as deltas are sent now; a signature rides on the same fragment.
        const missing = announced.streamed === '' ? part.arguments : '';
        if (missing === '' && !extraContent) break;
        const call: Record<string, unknown> = { index: announced.index };
        if (missing !== '' && announced.kind === 'custom') call.custom = { input: missing };
        else if (missing !== '') call.function = { arguments: missing };
        if (extraContent) call.extra_content = extraContent;
        announced.streamed += missing;
        out.push(toolDelta(index, call));
        break;
      }
      case 'generated-image': {
        const state = choice(index, out);
        const image = { type: 'image_url', image_url: { url: toDataUrl(part.mediaType, part.data) }, index: state.images++ };
        out.push(choiceChunk(index, { images: [image] }));
        break;
      }
      case 'usage':
        usage = part.usage;
        break;
      case 'finish':
        if (part.usage) usage = part.usage;
        finishChoice(index, choice(index, out), part.finishReason, out);
        break;
      case 'error':
        closed = true;
        out.push(...encodeStreamError(errorFromPart(part)));
        break;
      default:
        // text-start, text-end, reasoning-end (signatures have no Chat field), tool-input-end: no event.
        break;
    }
    return out;
  }

  function flush(): SseEvent[] {
    if (closed) return [];
    closed = true;
    const out: SseEvent[] = [];
    if (choices.size === 0) choice(0, out);
    for (const [index, state] of choices) finishChoice(index, state, { unified: 'stop' }, out);
    if (includeUsage && usage) out.push(chunk([], { usage: encodeUsage(usage) }));
    out.push({ data: '[DONE]' });
    return out;
  }

  return { push, flush };
}
