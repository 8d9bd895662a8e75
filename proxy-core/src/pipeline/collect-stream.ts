import type { Readable } from 'node:stream';
import type { FormatEntry } from '../formats/format-registry.js';
import { createSseParser } from '../formats/shared/sse-parser.js';
import type { EncodeContext, SseEvent } from '../formats/wire-format.js';
import { bodyTooLargeError } from './read-first-chunk.js';
import type { AssistantContentPart, Candidate, IrResponse, StreamPart } from '../ir/index.js';

/** Stream parts → one complete answer, as a non-stream response would have carried it. */
export function collectStreamParts(parts: readonly StreamPart[]): { response: IrResponse; error?: { status: number; message: string; code?: string } } {
  const response: IrResponse = { model: '', candidates: [] };
  const candidates = new Map<number, Candidate>();
  const open = new Map<string, AssistantContentPart>();
  let error: { status: number; message: string; code?: string } | undefined;
  const candidate = (index = 0): Candidate => {
    let found = candidates.get(index);
    if (!found) candidates.set(index, (found = { index, content: [], finishReason: { unified: 'stop' } }));
    return found;
  };
  for (const part of parts) {
    switch (part.type) {
      case 'stream-start':
        if (part.id) response.id = part.id;
        if (part.model) response.model = part.model;
        if (part.created) response.created = part.created;
        break;
      case 'text-start': {
        const text: AssistantContentPart = { type: 'text', text: '' };
        open.set(`t${part.candidate ?? 0}:${part.id}`, text);
        candidate(part.candidate).content.push(text);
        break;
      }
      case 'text-delta': {
        const text = open.get(`t${part.candidate ?? 0}:${part.id}`);
        if (text?.type === 'text') text.text += part.delta;
        else {
          const created: AssistantContentPart = { type: 'text', text: part.delta };
          open.set(`t${part.candidate ?? 0}:${part.id}`, created);
          candidate(part.candidate).content.push(created);
        }
        break;
      }
      case 'reasoning-start': {
        const reasoning: AssistantContentPart = { type: 'reasoning', text: '' };
        open.set(`r${part.candidate ?? 0}:${part.id}`, reasoning);
        candidate(part.candidate).content.push(reasoning);
        break;
      }
      case 'reasoning-delta': {
        const reasoning = open.get(`r${part.candidate ?? 0}:${part.id}`);
        if (reasoning?.type === 'reasoning') reasoning.text += part.delta;
        break;
      }
      case 'reasoning-end': {
        const reasoning = open.get(`r${part.candidate ?? 0}:${part.id}`);
        if (reasoning?.type === 'reasoning') {
          if (part.signature) reasoning.signature = part.signature;
          if (part.redactedData) reasoning.redactedData = part.redactedData;
        }
        break;
      }
      case 'tool-call':
        candidate(part.candidate).content.push({ type: 'tool-call', id: part.id, name: part.name, arguments: part.arguments, kind: part.kind, signature: part.signature });
        break;
      case 'generated-image':
        candidate(part.candidate).content.push({ type: 'generated-image', mediaType: part.mediaType, data: part.data });
        break;
      case 'usage':
        response.usage = part.usage;
        break;
      case 'finish':
        candidate(part.candidate).finishReason = part.finishReason;
        if (part.usage) response.usage = part.usage;
        break;
      case 'error':
        error ??= { status: part.status, message: part.message, code: part.code };
        break;
      default:
        break;
    }
  }
  response.candidates = [...candidates.values()].sort((a, b) => a.index - b.index);
  if (response.candidates.length === 0) response.candidates.push({ index: 0, content: [], finishReason: { unified: 'stop' } });
  return { response, error };
}

export interface AggregatedStream {
  /** The answer as the upstream format's non-stream body. */
  body?: Buffer;
  /** An error the stream carried (in band), with the event's raw data for the classifier. */
  error?: { status: number; message: string; raw: string };
}

/**
 * Reads a whole upstream stream (an upstream that only streams, for a client that did not ask to) and turns
 * it into the same format's non-stream body, so the rest of the pipeline sees an ordinary answer.
 */
export async function aggregateStream(body: Readable, format: FormatEntry, context: EncodeContext, limitBytes = Infinity): Promise<AggregatedStream> {
  const decoder = format.wire.createStreamDecoder();
  const parts: StreamPart[] = [];
  let errorEvent: SseEvent | undefined;
  const parser = createSseParser((event) => {
    const decoded = decoder.push(event);
    if (!errorEvent && decoded.some((part) => part.type === 'error')) errorEvent = event;
    parts.push(...decoded);
  });
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    // The collected answer grows with the stream: the same budget as a non-stream body.
    if (size > limitBytes) {
      body.destroy();
      throw bodyTooLargeError(limitBytes);
    }
    parser.push(chunk as Buffer);
  }
  parser.end();
  parts.push(...decoder.flush());
  const { response, error } = collectStreamParts(parts);
  if (error) return { error: { status: error.status, message: error.message, raw: errorEvent?.data ?? JSON.stringify({ error: { message: error.message } }) } };
  if (!response.model) response.model = context.model;
  return { body: Buffer.from(JSON.stringify(format.wire.encodeResponse(response, context))) };
}
