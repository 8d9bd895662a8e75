/**
 * IR stream parts → Gemini SSE events (`data: {GenerateContentResponse}` with no event names), the shape
 * `streamGenerateContent?alt=sse` and Gemini CLI expect:
 * `{candidates: [{content: {role: "model", parts}, index}], modelVersion, responseId}`.
 *
 * Each chunk is held back until the next one arrives, so the last content chunk can carry `finishReason`
 * and `usageMetadata` as Gemini's own last chunk does (a separate empty final chunk would make SDKs report
 * `text: undefined` for it). Function calls are sent whole (Gemini never streams arguments). An `error` part
 * becomes `data: {"error": …}` and nothing follows it. A separate writer turns these events into Google's
 * JSON-array stream for clients that did not ask for `alt=sse`.
 */
import type { StreamPart, Usage } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import type { EncodeContext, SseEvent, StreamEncoder } from '../wire-format.js';
import { encodeStreamError } from './encode-error.js';
import { encodeToolCall, type WirePartOut } from './encode-parts.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { geminiSignature } from './thought-signature.js';

interface Pending {
  candidate: number;
  parts: WirePartOut[];
}

export function createStreamEncoder(context: EncodeContext): StreamEncoder {
  const showThoughts = context.request?.reasoning?.includeThoughts !== false;
  let responseId = context.requestId;
  let usage: Usage | undefined;
  let pending: Pending | undefined;
  let finished = false;
  let closed = false;
  const reasoningWithText = new Set<string>();

  const event = (candidate: number, parts: WirePartOut[], finishReason?: string): SseEvent => {
    const body: Record<string, unknown> = {
      candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}), index: candidate }],
    };
    if (finishReason && usage) body.usageMetadata = encodeUsage(usage);
    body.modelVersion = context.model;
    body.responseId = responseId;
    return { data: JSON.stringify(body) };
  };

  const release = (): SseEvent[] => {
    if (!pending) return [];
    const held = pending;
    pending = undefined;
    return [event(held.candidate, held.parts)];
  };

  const hold = (candidate: number, part: WirePartOut): SseEvent[] => {
    const out = release();
    pending = { candidate, parts: [part] };
    return out;
  };

  const finish = (candidate: number, reason: string): SseEvent[] => {
    finished = true;
    if (pending && pending.candidate === candidate) {
      const held = pending;
      pending = undefined;
      return [event(candidate, held.parts, reason)];
    }
    return [...release(), event(candidate, [], reason)];
  };

  return {
    push(part: StreamPart): SseEvent[] {
      if (closed) return [];
      const candidate = 'candidate' in part && part.candidate !== undefined ? part.candidate : 0;
      switch (part.type) {
        case 'stream-start':
          if (part.id) responseId = part.id;
          return [];
        case 'text-delta':
          return part.delta === '' ? [] : hold(candidate, { text: part.delta });
        case 'reasoning-delta':
          reasoningWithText.add(part.id);
          return showThoughts && part.delta !== '' ? hold(candidate, { text: part.delta, thought: true }) : [];
        case 'reasoning-end': {
          const signature = geminiSignature(part.signature);
          if (!signature) return [];
          const thought = reasoningWithText.has(part.id) && showThoughts ? { thought: true } : {};
          return hold(candidate, { text: '', ...thought, thoughtSignature: signature });
        }
        case 'tool-call':
          return hold(candidate, encodeToolCall(part, { nameOf: (name) => name, includeId: () => true }));
        case 'generated-image':
          return hold(candidate, { inlineData: { mimeType: part.mediaType, data: part.data } });
        case 'usage':
          usage = part.usage;
          return [];
        case 'finish':
          usage = part.usage ?? usage;
          return finish(candidate, encodeFinishReason(part.finishReason));
        case 'error': {
          closed = true;
          const code = part.code === 'upstream_stream_error' ? 'upstream_stream_error' : 'upstream_error';
          return [...release(), ...encodeStreamError(new ProxyError(part.message, { status: part.status, code, scope: 'upstream' }))];
        }
        default:
          // Block starts/ends and argument deltas have no Gemini event of their own.
          return [];
      }
    },

    flush(): SseEvent[] {
      if (closed) return [];
      closed = true;
      if (finished) return release();
      return finish(pending?.candidate ?? 0, 'STOP');
    },
  };
}
