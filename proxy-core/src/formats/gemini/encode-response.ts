/**
 * `IrResponse` → a Gemini `GenerateContentResponse` for a Gemini client:
 * `{candidates: [{content: {role: "model", parts}, finishReason, index}], usageMetadata, modelVersion, responseId}`.
 * Thought parts are shown unless the client turned `includeThoughts` off; only Gemini signatures are sent.
 */
import type { IrResponse } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import { encodeAssistantContent } from './encode-parts.js';
import { isRecord, mergeExtras, omitKeys, ownExtras } from './gemini-extras.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';

export function encodeResponse(response: IrResponse, context: EncodeContext): Record<string, unknown> {
  const own = ownExtras(response.extras);
  const keptCandidates = Array.isArray(own.candidates) ? own.candidates : [];
  const showThoughts = context.request?.reasoning?.includeThoughts !== false;
  const candidates = response.candidates.map((candidate, position) => {
    const parts = encodeAssistantContent(candidate.content, { target: 'response', showThoughts, nameOf: (name) => name, includeId: () => true });
    const encoded = { content: { role: 'model', parts }, finishReason: encodeFinishReason(candidate.finishReason), index: candidate.index };
    const kept = keptCandidates[position];
    return mergeExtras(encoded, isRecord(kept) ? kept : undefined);
  });
  const body: Record<string, unknown> = { candidates };
  if (response.usage) body.usageMetadata = encodeUsage(response.usage);
  body.modelVersion = context.model;
  body.responseId = response.id ?? context.requestId;
  return mergeExtras(body, omitKeys(own, ['candidates']));
}
