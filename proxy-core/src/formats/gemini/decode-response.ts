/**
 * A Gemini `GenerateContentResponse` (non-stream) → `IrResponse`. Parsed leniently: unknown fields
 * (`promptFeedback`, `safetyRatings`, `groundingMetadata`, `citationMetadata`, …) are kept in extras so a
 * Gemini client gets them back. A Gemini CLI envelope `{response: {…}}` is unwrapped.
 */
import type { Candidate, IrResponse } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { generatedCallId } from './decode-contents.js';
import { decodeModelParts } from './decode-parts.js';
import { isRecord, toExtras, unknownFields } from './gemini-extras.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { candidateSchema, parseLenient, responseSchema, type WireResponse } from './schema.js';

const RESPONSE_KEYS = ['candidates', 'usageMetadata', 'modelVersion', 'responseId', 'createTime'];
const CANDIDATE_KEYS = ['content', 'finishReason', 'index'];

/** The response inside a Gemini CLI / Antigravity envelope, or the body itself. */
export function unwrapResponse(body: unknown): unknown {
  return isRecord(body) && isRecord(body.response) && body.candidates === undefined ? body.response : body;
}

export function createdFrom(createTime: string | null | undefined): number | undefined {
  if (!createTime) return undefined;
  const millis = Date.parse(createTime);
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}

export interface DecodedCandidate {
  candidate: Candidate;
  extras?: Record<string, unknown>;
}

/** One wire candidate (lenient) → an IR candidate; `position` is its place in the list. */
export function decodeCandidate(raw: unknown, position: number, responseId: string | undefined): DecodedCandidate | undefined {
  const wire = parseLenient(candidateSchema, raw);
  if (!wire) return undefined;
  const index = wire.index ?? position;
  const content = decodeModelParts(wire.content?.parts ?? [], {
    strict: false,
    path: [],
    callId: (call, partIndex) => call.id || generatedCallId(responseId, index, partIndex, call.name),
  });
  const calledTool = content.some((part) => part.type === 'tool-call');
  const extras = unknownFields(wire, CANDIDATE_KEYS);
  return { candidate: { index, content, finishReason: decodeFinishReason(wire.finishReason, calledTool) }, ...(extras ? { extras } : {}) };
}

/** No candidates at all: the prompt was blocked (`promptFeedback.blockReason`) or the answer is empty. */
export function blockedCandidate(response: WireResponse): Candidate {
  const blockReason = response.promptFeedback?.blockReason;
  return { index: 0, content: [], finishReason: blockReason ? { unified: 'content-filter', raw: blockReason } : { unified: 'other' } };
}

export function decodeResponse(body: unknown): IrResponse {
  const raw = unwrapResponse(body);
  if (isRecord(raw) && isRecord(raw.error) && raw.candidates === undefined) {
    const message = typeof raw.error.message === 'string' ? raw.error.message : 'The upstream returned an error.';
    throw new ProxyError(message, { status: 502, code: 'upstream_error', scope: 'upstream', retryable: true });
  }
  const response = parseLenient(responseSchema, raw);
  if (!response) {
    throw new ProxyError('The upstream answered with something that is not a Gemini response.', { status: 502, code: 'upstream_error', scope: 'upstream', retryable: true });
  }
  const responseId = response.responseId ?? undefined;
  const decoded = (response.candidates ?? []).flatMap((candidate, position) => decodeCandidate(candidate, position, responseId) ?? []);
  const candidates = decoded.length > 0 ? decoded.map((item) => item.candidate) : [blockedCandidate(response)];

  const result: IrResponse = { model: response.modelVersion ?? '', candidates };
  if (responseId) result.id = responseId;
  const created = createdFrom(response.createTime);
  if (created !== undefined) result.created = created;
  const usage = decodeUsage(response.usageMetadata);
  if (usage) result.usage = usage;

  const extras: Record<string, unknown> = { ...unknownFields(response, RESPONSE_KEYS) };
  if (decoded.some((item) => item.extras)) extras.candidates = decoded.map((item) => item.extras ?? {});
  if (response.createTime) extras.createTime = response.createTime;
  const wrapped = toExtras(extras);
  if (wrapped) result.extras = wrapped;
  return result;
}
