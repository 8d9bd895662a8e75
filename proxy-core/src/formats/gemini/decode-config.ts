/**
 * `generationConfig` → IR sampling fields, `reasoning` and `responseFormat`; unmapped keys (e.g.
 * `responseModalities`, `imageConfig`, `speechConfig`) stay in extras under `generationConfig`.
 *
 * Thinking (inventory §4.3, §5 quirk 1): `thinkingLevel` wins over `thinkingBudget`; both spellings
 * (`thinking_level`, `thinking_budget`, `include_thoughts`) are read. Budget 0 → none, −1 → auto.
 * JSON mode: `responseMimeType: application/json` with `responseJsonSchema` (Gemini CLI's classifier) or
 * the OpenAPI-style `responseSchema`, which is converted to JSON Schema and also kept for a Gemini trip.
 */
import type { IrRequest, ReasoningConfig, ReasoningLevel, ResponseFormat } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { collectExtras, isRecord } from './gemini-extras.js';
import { camelize, GENERATION_CONFIG_KEYS, THINKING_CONFIG_KEYS } from './normalize-keys.js';
import { openApiToJsonSchema } from './openapi-schema.js';
import { type GenerationConfig, generationConfigSchema, parseAt } from './schema.js';

const MAPPED_KEYS = [
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
  'thinkingLevel',
];
const THINKING_KEYS = ['thinkingBudget', 'thinkingLevel', 'includeThoughts'];
const LEVELS: readonly ReasoningLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

export type DecodedConfig = Pick<
  IrRequest,
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'maxOutputTokens'
  | 'stopSequences'
  | 'candidateCount'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'seed'
  | 'responseFormat'
  | 'reasoning'
> & { extras?: Record<string, unknown> };

function levelConfig(value: string, param: string): ReasoningConfig | undefined {
  const level = value.trim().toLowerCase().replace(/^thinking_level_/, '');
  if (level === '' || level === 'unspecified') return undefined;
  if (level === 'none') return { mode: 'none' };
  if (level === 'auto') return { mode: 'auto' };
  if ((LEVELS as readonly string[]).includes(level)) return { mode: 'level', level: level as ReasoningLevel };
  throw invalidRequest(`\`${param}\` is "${value}": use one of MINIMAL, LOW, MEDIUM or HIGH.`, { param });
}

function budgetConfig(budget: number, param: string): ReasoningConfig {
  if (budget === 0) return { mode: 'none' };
  if (budget === -1) return { mode: 'auto' };
  if (budget < 0) throw invalidRequest(`\`${param}\` is ${budget}: use a token count, 0 to turn thinking off, or -1 to let the model decide.`, { param });
  return { mode: 'budget', budgetTokens: budget };
}

function decodeReasoning(config: GenerationConfig, path: string): ReasoningConfig | undefined {
  const thinking = config.thinkingConfig;
  const base =
    (thinking?.thinkingLevel ? levelConfig(thinking.thinkingLevel, `${path}.thinkingConfig.thinkingLevel`) : undefined) ??
    (config.thinkingLevel ? levelConfig(config.thinkingLevel, `${path}.thinkingLevel`) : undefined) ??
    (typeof thinking?.thinkingBudget === 'number' ? budgetConfig(thinking.thinkingBudget, `${path}.thinkingConfig.thinkingBudget`) : undefined);
  const includeThoughts = thinking?.includeThoughts ?? undefined;
  if (base === undefined) return includeThoughts === true ? { mode: 'auto', includeThoughts: true } : undefined;
  return includeThoughts === undefined ? base : { ...base, includeThoughts };
}

function isJsonMime(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim().toLowerCase().startsWith('application/json');
}

function decodeResponseFormat(config: GenerationConfig): ResponseFormat | undefined {
  const jsonSchema = isRecord(config.responseJsonSchema) ? config.responseJsonSchema : undefined;
  const openApiSchema = config.responseSchema ?? undefined;
  const mime = config.responseMimeType;
  if (!isJsonMime(mime) && (mime || (!jsonSchema && !openApiSchema))) return undefined;
  const schema = jsonSchema ?? (openApiSchema ? openApiToJsonSchema(openApiSchema) : undefined);
  return schema ? { type: 'json', schema } : { type: 'json' };
}

export function decodeGenerationConfig(raw: unknown, path: string): DecodedConfig {
  if (raw === undefined || raw === null) return {};
  const normalized = camelize(raw, GENERATION_CONFIG_KEYS);
  const withThinking = isRecord(normalized) && normalized.thinkingConfig !== undefined
    ? { ...normalized, thinkingConfig: camelize(normalized.thinkingConfig, THINKING_CONFIG_KEYS) }
    : normalized;
  const config = parseAt(generationConfigSchema, withThinking, [path]);

  const result: DecodedConfig = {};
  if (config.temperature != null) result.temperature = config.temperature;
  if (config.topP != null) result.topP = config.topP;
  if (config.topK != null) result.topK = config.topK;
  if (config.maxOutputTokens != null) result.maxOutputTokens = config.maxOutputTokens;
  if (config.stopSequences != null) result.stopSequences = typeof config.stopSequences === 'string' ? [config.stopSequences] : config.stopSequences;
  if (config.candidateCount != null) result.candidateCount = config.candidateCount;
  if (config.presencePenalty != null) result.presencePenalty = config.presencePenalty;
  if (config.frequencyPenalty != null) result.frequencyPenalty = config.frequencyPenalty;
  if (config.seed != null) result.seed = config.seed;
  const reasoning = decodeReasoning(config, path);
  if (reasoning) result.reasoning = reasoning;
  const responseFormat = decodeResponseFormat(config);
  if (responseFormat) result.responseFormat = responseFormat;

  const extras: Record<string, unknown> = { ...collectExtras(config, MAPPED_KEYS, { thinkingConfig: THINKING_KEYS }) };
  if (responseFormat) {
    // The IR has JSON Schema; the client's OpenAPI-style schema is kept so a Gemini trip sends it back as is.
    if (config.responseSchema && !isRecord(config.responseJsonSchema)) extras.responseSchema = config.responseSchema;
  } else {
    for (const key of ['responseMimeType', 'responseSchema', 'responseJsonSchema'] as const) if (config[key] != null) extras[key] = config[key];
  }
  if (Object.keys(extras).length > 0) result.extras = extras;
  return result;
}
