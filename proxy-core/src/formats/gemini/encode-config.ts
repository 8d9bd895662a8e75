/**
 * IR sampling, thinking and response-format settings → `generationConfig`.
 *
 * Thinking (inventory §4.5): a level → `thinkingLevel` (Gemini's levels are MINIMAL…HIGH, so xhigh/max
 * send HIGH); a budget → `thinkingBudget`; auto → `thinkingBudget: -1`; none → `thinkingBudget: 0`.
 * `includeThoughts` is written once, camelCase, only when the client said whether it wants thoughts, and
 * never `true` next to thinking that is off (§4.7, §5 quirk 1).
 *
 * JSON mode: `responseMimeType: application/json` plus `responseJsonSchema` with the client's schema as is
 * (what the reference sends for Chat and Responses clients, §2.3/§2.4; Gemini accepts full JSON Schema
 * there, unlike the OpenAPI-subset `responseSchema`). A Gemini client's own `responseSchema` goes back
 * unchanged instead.
 */
import type { IrRequest, ReasoningConfig, ReasoningLevel } from '../../ir/index.js';
import { isRecord, mergeExtras, omitKeys } from './gemini-extras.js';

const GEMINI_LEVELS: Record<ReasoningLevel, string> = {
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  xhigh: 'HIGH',
  max: 'HIGH',
};

export function encodeThinkingConfig(reasoning: ReasoningConfig): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  switch (reasoning.mode) {
    case 'none':
      // "Show no thoughts" still says something when thinking is off (§6 #30); "show them" would contradict it.
      config.thinkingBudget = 0;
      if (reasoning.includeThoughts === false) config.includeThoughts = false;
      return config;
    case 'auto':
      config.thinkingBudget = -1;
      break;
    case 'level':
      config.thinkingLevel = GEMINI_LEVELS[reasoning.level];
      break;
    case 'budget':
      config.thinkingBudget = reasoning.budgetTokens;
      break;
  }
  if (reasoning.includeThoughts !== undefined) config.includeThoughts = reasoning.includeThoughts;
  return config;
}

/** `generationConfig`, or `undefined` when there is nothing to say. `kept` is the Gemini client's own extras. */
export function encodeGenerationConfig(request: IrRequest, kept: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const config: Record<string, unknown> = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) config.stopSequences = request.stopSequences;
  if (request.candidateCount !== undefined) config.candidateCount = request.candidateCount;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  if (request.seed !== undefined) config.seed = request.seed;

  const format = request.responseFormat;
  if (format?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (isRecord(kept?.responseSchema)) config.responseSchema = kept.responseSchema;
    else if (format.schema) config.responseJsonSchema = format.schema;
  }

  // Thinking settings the client kept for Gemini are replaced by what the pipeline decided.
  const keptConfig = kept ? omitKeys(kept, format?.type === 'json' ? ['responseSchema', 'responseJsonSchema'] : []) : undefined;
  if (request.reasoning) config.thinkingConfig = encodeThinkingConfig(request.reasoning);
  else if (keptConfig) delete keptConfig.thinkingConfig;
  if (keptConfig && isRecord(keptConfig.thinkingConfig) && isRecord(config.thinkingConfig)) {
    const thinking = config.thinkingConfig;
    // Unknown thinking keys come back, but never a level next to a budget or the other way round.
    const other = omitKeys(keptConfig.thinkingConfig, ['thinkingBudget', 'thinkingLevel', 'includeThoughts', 'thinking_budget', 'thinking_level', 'include_thoughts']);
    config.thinkingConfig = { ...other, ...thinking };
    delete keptConfig.thinkingConfig;
  }
  const result = mergeExtras(config, keptConfig);
  return Object.keys(result).length > 0 ? result : undefined;
}
