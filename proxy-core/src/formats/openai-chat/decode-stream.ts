/**
 * Upstream `chat.completion.chunk` events → IR stream parts.
 *
 * Per choice at most one block is open at a time: text, reasoning, or one tool call. A tool call starts
 * once its name is known (id and name arrive on the first fragment of an index), streams its argument
 * fragments, and ends with `tool-input-end` + `tool-call` when the next block begins or the choice
 * finishes. `finish` parts wait for `[DONE]` (or the end of the stream) so a late usage-only chunk is
 * counted; the last `finish` carries the usage. `candidate` is set on parts of choices other than 0.
 */
import type { FinishReason, ReasoningSignature, StreamPart, Usage } from '../../ir/index.js';
import type { SseEvent, StreamDecoder } from '../wire-format.js';
import { fallbackCallId } from './call-ids.js';
import { isRecord } from './chat-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { parseDataUrl } from './media-source.js';
import { chatChunkSchema, type ChatChunkWire, type ChatToolCallWire } from './upstream-schema.js';
import { decodeToolCallSignature } from './tool-call-signature.js';
import { readUpstreamError } from './upstream-error.js';

type ChoiceWire = NonNullable<ChatChunkWire['choices']>[number];

interface ToolState {
  index: number;
  id?: string;
  name: string;
  kind?: 'custom';
  arguments: string;
  signature?: ReasoningSignature;
  started: boolean;
}

interface ChoiceState {
  index: number;
  blockCount: number;
  open?: { type: 'text'; id: string } | { type: 'reasoning'; id: string } | { type: 'tool'; tool: ToolState };
  tools: Map<number, ToolState>;
  sawToolCall: boolean;
  finishReason?: FinishReason;
}

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function createStreamDecoder(): StreamDecoder {
  const choices = new Map<number, ChoiceState>();
  let responseId: string | undefined;
  let started = false;
  let done = false;
  let usage: Usage | undefined;

  const candidateOf = (state: ChoiceState) => (state.index === 0 ? {} : { candidate: state.index });

  function choiceState(index: number): ChoiceState {
    let state = choices.get(index);
    if (!state) {
      state = { index, blockCount: 0, tools: new Map(), sawToolCall: false };
      choices.set(index, state);
    }
    return state;
  }

  function toolId(state: ChoiceState, tool: ToolState): string {
    tool.id ??= fallbackCallId(responseId, state.index, tool.index);
    return tool.id;
  }

  function startTool(state: ChoiceState, tool: ToolState, out: StreamPart[]) {
    tool.started = true;
    const id = toolId(state, tool);
    out.push({ type: 'tool-input-start', id, name: tool.name, ...(tool.kind ? { kind: tool.kind } : {}), ...candidateOf(state) });
    if (tool.arguments !== '') out.push({ type: 'tool-input-delta', id, delta: tool.arguments, ...candidateOf(state) });
  }

  /** Close the open block. A tool call is completed only when `complete` (not when the stream broke). */
  function closeOpen(state: ChoiceState, out: StreamPart[], complete = true) {
    const open = state.open;
    state.open = undefined;
    if (!open) return;
    if (open.type === 'text') out.push({ type: 'text-end', id: open.id, ...candidateOf(state) });
    else if (open.type === 'reasoning') out.push({ type: 'reasoning-end', id: open.id, ...candidateOf(state) });
    else {
      const tool = open.tool;
      // The reference names a call that never got a name `tool_<index>`.
      if (!tool.started) {
        if (!complete) return;
        if (tool.name === '') tool.name = `tool_${tool.index}`;
        startTool(state, tool, out);
      }
      const id = toolId(state, tool);
      out.push({ type: 'tool-input-end', id, ...candidateOf(state) });
      if (!complete) return;
      const args = tool.arguments === '' && tool.kind !== 'custom' ? '{}' : tool.arguments;
      out.push({
        type: 'tool-call',
        id,
        name: tool.name,
        arguments: args,
        ...(tool.kind ? { kind: tool.kind } : {}),
        ...(tool.signature ? { signature: tool.signature } : {}),
        ...candidateOf(state),
      });
    }
  }

  function appendText(state: ChoiceState, type: 'text' | 'reasoning', delta: string, out: StreamPart[]) {
    if (state.open?.type !== type) {
      closeOpen(state, out);
      const id = `${type}-${state.index}-${state.blockCount++}`;
      state.open = { type, id };
      out.push({ type: `${type}-start`, id, ...candidateOf(state) });
    }
    out.push({ type: `${type}-delta`, id: (state.open as { id: string }).id, delta, ...candidateOf(state) });
  }

  function appendToolFragment(state: ChoiceState, fragment: ChatToolCallWire, position: number, out: StreamPart[]) {
    let index = fragment.index ?? position;
    let tool = state.tools.get(index);
    // A different id at a known index is a new call: Google's endpoint sends whole calls without `index`.
    if (tool && fragment.id && tool.id !== undefined && fragment.id !== tool.id) {
      index = Math.max(...state.tools.keys()) + 1;
      tool = undefined;
    }
    if (!tool) {
      closeOpen(state, out);
      tool = { index, name: '', arguments: '', started: false };
      state.tools.set(index, tool);
      state.open = { type: 'tool', tool };
      state.sawToolCall = true;
    } else if (state.open?.type !== 'tool' || state.open.tool !== tool) {
      return; // a fragment for a call that was already closed: interleaving is not something servers do
    }
    if (fragment.id && tool.id === undefined) tool.id = fragment.id;
    if (fragment.type === 'custom' || fragment.custom) tool.kind = 'custom';
    const name = fragment.function?.name ?? fragment.custom?.name;
    if (name && tool.name === '') tool.name = name;
    const signature = decodeToolCallSignature(fragment);
    if (signature) tool.signature = signature;
    const raw = fragment.function?.arguments ?? fragment.custom?.input;
    const delta = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
    if (!tool.started) {
      tool.arguments += delta;
      if (tool.name !== '') startTool(state, tool, out);
      return;
    }
    if (delta !== '') {
      tool.arguments += delta;
      out.push({ type: 'tool-input-delta', id: toolId(state, tool), delta, ...candidateOf(state) });
    }
  }

  function handleChoice(choice: ChoiceWire, position: number, out: StreamPart[]) {
    const state = choiceState(choice.index ?? position);
    const delta = choice.delta;
    if (delta) {
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === 'string' && reasoning !== '') appendText(state, 'reasoning', reasoning, out);
      if (typeof delta.content === 'string' && delta.content !== '') appendText(state, 'text', delta.content, out);
      (delta.tool_calls ?? []).forEach((fragment, fragmentPosition) => appendToolFragment(state, fragment, fragmentPosition, out));
      if (delta.function_call) {
        appendToolFragment(state, { index: 0, function: delta.function_call }, 0, out);
      }
      for (const image of delta.images ?? []) {
        const url = typeof image.image_url === 'string' ? image.image_url : image.image_url?.url;
        const inline = url ? parseDataUrl(url) : undefined;
        if (!inline) continue;
        closeOpen(state, out);
        out.push({ type: 'generated-image', mediaType: inline.mediaType, data: inline.data, ...candidateOf(state) });
      }
    }
    if (choice.finish_reason) {
      closeOpen(state, out);
      let reason = decodeFinishReason(choice.finish_reason);
      if (state.sawToolCall && (reason.unified === 'stop' || reason.unified === 'other')) reason = { ...reason, unified: 'tool-calls' };
      state.finishReason = reason;
    }
  }

  function streamStart(out: StreamPart[], chunk?: ChatChunkWire) {
    if (started) return;
    started = true;
    const part: Extract<StreamPart, { type: 'stream-start' }> = { type: 'stream-start' };
    if (chunk?.id) part.id = chunk.id;
    if (chunk?.model) part.model = chunk.model;
    if (chunk?.created != null) part.created = chunk.created;
    out.push(part);
  }

  /** Close every block and emit the finishes (the stream ended properly or at least every choice finished). */
  function finishAll(out: StreamPart[]) {
    done = true;
    streamStart(out);
    if (choices.size === 0) choiceState(0);
    const states = [...choices.values()].sort((a, b) => a.index - b.index);
    for (const state of states) closeOpen(state, out);
    states.forEach((state, position) => {
      const finishReason = state.finishReason ?? (state.sawToolCall ? { unified: 'tool-calls' as const } : { unified: 'stop' as const });
      const last = position === states.length - 1;
      out.push({ type: 'finish', finishReason, ...(last && usage ? { usage } : {}), ...candidateOf(state) });
    });
  }

  function fail(out: StreamPart[], status: number, message: string, code: string) {
    done = true;
    for (const state of choices.values()) closeOpen(state, out, false);
    out.push({ type: 'error', status, message, code });
  }

  return {
    push(event: SseEvent): StreamPart[] {
      if (done) return [];
      const data = event.data.trim();
      if (data === '') return [];
      const out: StreamPart[] = [];
      if (data === '[DONE]') {
        finishAll(out);
        return out;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        fail(out, 502, `The upstream sent a stream event that is not JSON: ${excerpt(data)}`, 'upstream_stream_error');
        return out;
      }
      if (isRecord(json) && (json.error != null || event.event === 'error')) {
        const error = readUpstreamError(json.error ?? json);
        fail(out, error.status, error.message, 'upstream_error');
        return out;
      }
      const parsed = chatChunkSchema.safeParse(json);
      if (!parsed.success) {
        fail(out, 502, `The upstream sent a stream event that is not a chat completion chunk: ${excerpt(data)}`, 'upstream_stream_error');
        return out;
      }
      const chunk = parsed.data;
      streamStart(out, chunk);
      responseId ??= chunk.id ?? undefined;
      (chunk.choices ?? []).forEach((choice, position) => handleChoice(choice, position, out));
      usage = decodeUsage(chunk.usage) ?? usage;
      return out;
    },

    flush(): StreamPart[] {
      if (done) return [];
      const out: StreamPart[] = [];
      const finished = [...choices.values()].some((state) => state.finishReason !== undefined);
      if (finished) finishAll(out);
      else fail(out, 502, 'The upstream closed the stream before it finished.', 'upstream_stream_error');
      return out;
    },
  };
}
