import { asArray, asObject, estimateTokens, exampleFromSchema, splitText, type JsonObject } from './fake-content.js';
import { geminiFunctionCallId, geminiResponseId } from './fake-ids.js';
import { planTurn, type DefaultAnswerOptions, type TurnPlan } from './fake-tools.js';
import type { FakeResponse, RecordedRequest } from './fake-upstream-types.js';
import { pickUsage, type FakeUsage } from './fake-usage.js';
import { jsonEvent } from './sse-text.js';
import { vendorError } from './vendor-errors.js';

const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };

/**
 * With `generationConfig.responseMimeType: application/json` Gemini answers JSON text that fits
 * `responseJsonSchema`/`responseSchema` (the Gemini CLI's model router depends on it); tools are not called then.
 */
function planGeminiTurn(body: JsonObject, options: DefaultAnswerOptions): TurnPlan {
  const config = asObject(body.generationConfig);
  if (config?.responseMimeType === 'application/json') {
    return { kind: 'text', text: JSON.stringify(exampleFromSchema(config.responseJsonSchema ?? config.responseSchema, true)) };
  }
  return planTurn('gemini', body, options);
}

/** Gemini's `promptTokenCount` includes cached tokens; thoughts are counted beside the candidates, not in them. */
function usageMetadata(counts: Required<FakeUsage>): JsonObject {
  return {
    promptTokenCount: counts.input,
    candidatesTokenCount: counts.output - counts.reasoning,
    totalTokenCount: counts.input + counts.output,
    ...(counts.cached > 0 ? { cachedContentTokenCount: counts.cached } : {}),
    ...(counts.reasoning > 0 ? { thoughtsTokenCount: counts.reasoning } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: counts.input }],
  };
}

/** `POST …/models/{model}:generateContent | :streamGenerateContent` (v1 and v1beta). */
export function answerGenerateContent(request: RecordedRequest, model: string, stream: boolean, options: DefaultAnswerOptions): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('gemini', 400, 'Invalid JSON payload received. Expected an object.');
  if (asArray(body.contents).length === 0) return vendorError('gemini', 400, '* GenerateContentRequest.contents: contents is not specified\n');

  const plan = planGeminiTurn(body, options);
  const promptTokens = estimateTokens(request.rawBody);
  const responseId = geminiResponseId();
  const candidateText = plan.kind === 'text' ? plan.text : JSON.stringify(plan.call.arguments);
  const counts = pickUsage(options.usage, promptTokens, estimateTokens(candidateText));
  const usage = (last: boolean) => (last ? usageMetadata(counts) : { promptTokenCount: counts.input, totalTokenCount: counts.input });
  const chunk = (parts: JsonObject[], last: boolean) => ({
    candidates: [{ content: { parts, role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
    ...(options.usage === 'none' ? {} : { usageMetadata: usage(last) }),
    modelVersion: model,
    responseId,
  });
  const parts: JsonObject[][] =
    plan.kind === 'tool-call'
      ? [[{ functionCall: { id: geminiFunctionCallId(), name: plan.call.name, args: plan.call.arguments } }]]
      : (stream ? splitText(plan.text) : [plan.text]).map((text) => [{ text }]);
  const chunks = parts.map((piece, index) => chunk(piece, index === parts.length - 1));

  if (!stream) return { kind: 'json', headers: jsonHeaders, body: chunks[0] };
  // Without `alt=sse` Google streams one JSON array of responses (its default wire format).
  if (request.query.alt !== 'sse') return { kind: 'json', headers: jsonHeaders, body: chunks };
  return { kind: 'sse', headers: { 'content-type': 'text/event-stream' }, events: chunks.map(jsonEvent) };
}

/** `POST …/models/{model}:countTokens`. */
export function answerGeminiCountTokens(request: RecordedRequest): FakeResponse {
  const tokens = estimateTokens(request.rawBody);
  return { kind: 'json', headers: jsonHeaders, body: { totalTokens: tokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: tokens }] } };
}

/** `GET /v1beta/models` (and `GET /v1/models` from a Gemini client): Google's model list. */
/** Gemini `models.list`; `ids` replaces the default two models (a test's mutable list). */
export function geminiModelList(ids?: readonly string[]): FakeResponse {
  const model = (id: string, displayName: string) => ({
    name: `models/${id}`,
    version: '001',
    displayName,
    description: `Fake ${displayName}`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  });
  return { kind: 'json', headers: jsonHeaders, body: { models: ids ? ids.map((id) => model(id, id)) : [model('gemini-2.5-flash', 'Gemini 2.5 Flash'), model('gemini-2.5-pro', 'Gemini 2.5 Pro')] } };
}
