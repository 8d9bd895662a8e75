/**
 * Gemini SSE (`streamGenerateContent?alt=sse`) → IR stream parts. Each `data:` event is a whole
 * `GenerateContentResponse` fragment: text and thought deltas, whole function calls, `finishReason` on
 * the last chunk of a candidate, `usageMetadata` (a running total) usually on every chunk.
 *
 * - Text and thought runs become `text-*` / `reasoning-*` lifecycles with ids stable per candidate
 *   (`text-<candidate>-<n>`); a signature on a thought closes with its `reasoning-end`; a signature on a
 *   text or image part becomes an empty signed reasoning block after it (as in `decode-parts.ts`).
 * - A `functionCall` becomes `tool-input-start` / one `tool-input-delta` with all arguments /
 *   `tool-input-end` / `tool-call`.
 * - Gemini has no terminal event: the chunk that finishes every candidate seen so far ends the stream
 *   (`finish` parts, usage on the last). `{"error": …}` becomes an `error` part; a close without a finish
 *   becomes the 502 `upstream_stream_error`.
 */
import type { FinishReason, ReasoningSignature, StreamPart, Usage } from '../../ir/index.js';
import type { SseEvent, StreamDecoder } from '../wire-format.js';
import { generatedCallId } from './decode-contents.js';
import { argumentsText, codeText, readPart } from './decode-parts.js';
import { createdFrom, unwrapResponse } from './decode-response.js';
import { isRecord } from './gemini-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { candidateSchema, parseLenient, responseSchema, type WirePart } from './schema.js';
import { decodeSignature } from './thought-signature.js';

interface OpenBlock {
  kind: 'text' | 'reasoning';
  id: string;
  signature?: ReasoningSignature;
}

interface CandidateState {
  index: number;
  open?: OpenBlock;
  blocks: number;
  calls: number;
  calledTool: boolean;
  finish?: FinishReason;
}

const EARLY_CLOSE = 'The upstream closed the stream before it finished.';

export function createStreamDecoder(): StreamDecoder {
  const candidates = new Map<number, CandidateState>();
  let started = false;
  let ended = false;
  let responseId: string | undefined;
  let usage: Usage | undefined;

  const stateOf = (index: number): CandidateState => {
    let state = candidates.get(index);
    if (!state) candidates.set(index, (state = { index, blocks: 0, calls: 0, calledTool: false }));
    return state;
  };
  const tag = (state: CandidateState) => (state.index > 0 ? { candidate: state.index } : {});

  const close = (state: CandidateState, out: StreamPart[]) => {
    const open = state.open;
    if (!open) return;
    state.open = undefined;
    if (open.kind === 'text') out.push({ type: 'text-end', id: open.id, ...tag(state) });
    else out.push({ type: 'reasoning-end', id: open.id, ...(open.signature ? { signature: open.signature } : {}), ...tag(state) });
  };
  const openBlock = (state: CandidateState, kind: OpenBlock['kind'], out: StreamPart[]): OpenBlock => {
    if (state.open?.kind === kind) return state.open;
    close(state, out);
    const block: OpenBlock = { kind, id: `${kind}-${state.index}-${state.blocks++}` };
    state.open = block;
    out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: block.id, ...tag(state) });
    return block;
  };
  const signedBlock = (state: CandidateState, signature: ReasoningSignature, out: StreamPart[]) => {
    if (state.open?.kind === 'reasoning' && !state.open.signature) {
      state.open.signature = signature;
      return;
    }
    close(state, out);
    openBlock(state, 'reasoning', out).signature = signature;
    close(state, out);
  };
  const fail = (status: number, message: string, code: string): StreamPart[] => {
    const out: StreamPart[] = [];
    for (const state of candidates.values()) close(state, out);
    ended = true;
    out.push({ type: 'error', status, message, code });
    return out;
  };

  const decodePart = (state: CandidateState, part: WirePart, out: StreamPart[]) => {
    const { signature } = decodeSignature(part.thoughtSignature);
    if (part.functionCall) {
      close(state, out);
      const call = part.functionCall;
      const id = call.id || generatedCallId(responseId, state.index, 'stream', state.calls, call.name);
      state.calls += 1;
      state.calledTool = true;
      const args = argumentsText(call.args);
      out.push({ type: 'tool-input-start', id, name: call.name, ...tag(state) });
      out.push({ type: 'tool-input-delta', id, delta: args, ...tag(state) });
      out.push({ type: 'tool-input-end', id, ...tag(state) });
      out.push({ type: 'tool-call', id, name: call.name, arguments: args, ...(signature ? { signature } : {}), ...tag(state) });
      return;
    }
    if (part.inlineData) {
      out.push({ type: 'generated-image', mediaType: part.inlineData.mimeType || 'image/png', data: part.inlineData.data, ...tag(state) });
      if (signature) signedBlock(state, signature, out);
      return;
    }
    const code = codeText(part);
    // Code blocks stand on their own lines inside the running text.
    const text = code !== undefined ? `\n${code}\n` : (part.text ?? '');
    if (part.thought === true) {
      if (text !== '') out.push({ type: 'reasoning-delta', id: openBlock(state, 'reasoning', out).id, delta: text, ...tag(state) });
      if (signature) signedBlock(state, signature, out);
      return;
    }
    if (text !== '') out.push({ type: 'text-delta', id: openBlock(state, 'text', out).id, delta: text, ...tag(state) });
    if (signature) signedBlock(state, signature, out);
  };

  const finishAll = (out: StreamPart[]) => {
    const finished = [...candidates.values()].filter((state) => state.finish).sort((a, b) => a.index - b.index);
    finished.forEach((state, position) => {
      const last = position === finished.length - 1;
      out.push({ type: 'finish', finishReason: state.finish!, ...(last && usage ? { usage } : {}), ...tag(state) });
    });
    ended = true;
  };

  const decodeChunk = (json: unknown): StreamPart[] => {
    const raw = unwrapResponse(json);
    if (isRecord(raw) && isRecord(raw.error)) {
      const code = raw.error.code;
      const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 502;
      const message = typeof raw.error.message === 'string' ? raw.error.message : 'The upstream reported an error.';
      return fail(status, message, 'upstream_error');
    }
    const response = parseLenient(responseSchema, raw);
    if (!response) return fail(502, 'The upstream sent a stream event that is not a Gemini response.', 'upstream_stream_error');

    const out: StreamPart[] = [];
    if (!started) {
      started = true;
      responseId = response.responseId ?? undefined;
      const created = createdFrom(response.createTime);
      out.push({ type: 'stream-start', ...(responseId ? { id: responseId } : {}), ...(response.modelVersion ? { model: response.modelVersion } : {}), ...(created !== undefined ? { created } : {}) });
    }
    usage = decodeUsage(response.usageMetadata) ?? usage;
    (response.candidates ?? []).forEach((rawCandidate, position) => {
      const candidate = parseLenient(candidateSchema, rawCandidate);
      if (!candidate) return;
      const state = stateOf(candidate.index ?? position);
      if (state.finish) return;
      (candidate.content?.parts ?? []).forEach((rawPart, index) => {
        const part = readPart(rawPart, { strict: false, path: [] }, index);
        if (part) decodePart(state, part, out);
      });
      if (candidate.finishReason) {
        close(state, out);
        state.finish = decodeFinishReason(candidate.finishReason, state.calledTool);
      }
    });
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason && candidates.size === 0) stateOf(0).finish = { unified: 'content-filter', raw: blockReason };
    if (candidates.size > 0 && [...candidates.values()].every((state) => state.finish)) finishAll(out);
    return out;
  };

  return {
    push(event: SseEvent): StreamPart[] {
      if (ended) return [];
      const data = event.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return fail(502, `The upstream sent a stream event that is not JSON: ${data.slice(0, 200)}`, 'upstream_stream_error');
      }
      try {
        return decodeChunk(json);
      } catch (error) {
        // Defensive: a decoder never throws; whatever went wrong ends the stream in-band.
        return fail(502, `The upstream stream could not be read: ${error instanceof Error ? error.message : String(error)}`, 'upstream_stream_error');
      }
    },

    flush(): StreamPart[] {
      if (ended) return [];
      const out: StreamPart[] = [];
      for (const state of candidates.values()) close(state, out);
      if ([...candidates.values()].some((state) => state.finish)) {
        finishAll(out);
        return out;
      }
      return [...out, ...fail(502, EARLY_CLOSE, 'upstream_stream_error')];
    },
  };
}
