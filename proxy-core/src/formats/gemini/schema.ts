/**
 * Zod schemas for the Gemini fields the codec reads. Loose objects: unknown keys are kept and later moved
 * into `extras`. Request schemas validate (errors name the field); upstream response schemas are lenient
 * (`.nullish()` everywhere) and are applied item by item so one odd part does not sink a whole answer.
 */
import { z } from 'zod';
import { formatPath, parseAt, parseLenient } from '../shared/parse-at.js';

const number = z.number({ error: 'must be a number' }).nullish();
const wholeNumber = z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).nullish();
const record = z.record(z.string(), z.unknown(), { error: 'must be an object' });

// ---------------------------------------------------------------- parts and contents

export const partSchema = z.looseObject({
  text: z.string({ error: 'must be a string' }).nullish(),
  thought: z.boolean({ error: 'must be true or false' }).nullish(),
  thoughtSignature: z.string({ error: 'must be a string (an opaque signature)' }).nullish(),
  inlineData: z
    .looseObject({
      mimeType: z.string({ error: 'must be a MIME type string such as "image/png"' }).nullish(),
      data: z.string({ error: 'is required: the base64-encoded bytes' }),
    })
    .nullish(),
  fileData: z
    .looseObject({
      mimeType: z.string({ error: 'must be a MIME type string such as "application/pdf"' }).nullish(),
      fileUri: z.string({ error: 'is required: the URI of the file' }),
    })
    .nullish(),
  functionCall: z
    .looseObject({
      id: z.string({ error: 'must be a string' }).nullish(),
      name: z.string({ error: 'is required: the name of the function to call' }).min(1, { error: 'must not be empty' }),
      args: z.unknown().optional(),
    })
    .nullish(),
  functionResponse: z
    .looseObject({
      id: z.string({ error: 'must be a string' }).nullish(),
      name: z.string({ error: 'must be the name of the function that was called' }).nullish(),
      response: z.unknown().optional(),
      parts: z.array(z.unknown(), { error: 'must be an array of parts' }).nullish(),
    })
    .nullish(),
  executableCode: z.looseObject({ language: z.string().nullish(), code: z.string().nullish() }).nullish(),
  codeExecutionResult: z.looseObject({ outcome: z.string().nullish(), output: z.string().nullish() }).nullish(),
});

export type WirePart = z.infer<typeof partSchema>;

export const contentSchema = z.looseObject({
  role: z.string({ error: 'must be "user" or "model"' }).nullish(),
  parts: z.union([z.array(z.unknown()), record], { error: 'is required: an array of parts such as [{"text": "…"}]' }),
});

// ---------------------------------------------------------------- generation config and tools

export const thinkingConfigSchema = z.looseObject({
  thinkingBudget: wholeNumber,
  thinkingLevel: z.string({ error: 'must be a string such as "LOW" or "HIGH"' }).nullish(),
  includeThoughts: z.boolean({ error: 'must be true or false' }).nullish(),
});

export const generationConfigSchema = z.looseObject({
  temperature: number,
  topP: number,
  topK: number,
  maxOutputTokens: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).nullish(),
  stopSequences: z.union([z.string(), z.array(z.string())], { error: 'must be an array of strings' }).nullish(),
  candidateCount: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).nullish(),
  presencePenalty: number,
  frequencyPenalty: number,
  seed: wholeNumber,
  responseMimeType: z.string({ error: 'must be a MIME type string such as "application/json"' }).nullish(),
  responseSchema: record.nullish(),
  responseJsonSchema: z.unknown().optional(),
  thinkingConfig: thinkingConfigSchema.nullish(),
  thinkingLevel: z.string({ error: 'must be a string such as "LOW" or "HIGH"' }).nullish(),
});

export type GenerationConfig = z.infer<typeof generationConfigSchema>;

export const functionDeclarationSchema = z.looseObject({
  name: z.string({ error: 'is required: give the function a name' }).min(1, { error: 'must not be empty' }),
  description: z.string({ error: 'must be a string' }).nullish(),
  parameters: record.nullish(),
  parametersJsonSchema: z.unknown().optional(),
});

export const toolSchema = z.looseObject({
  functionDeclarations: z.array(z.unknown(), { error: 'must be an array of function declarations' }).nullish(),
});

export const toolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: z.string({ error: 'must be "AUTO", "ANY", "NONE" or "VALIDATED"' }).nullish(),
      allowedFunctionNames: z.array(z.string(), { error: 'must be an array of function names' }).nullish(),
    })
    .nullish(),
});

export const bodySchema = z.looseObject({}, { error: 'must be a JSON object' });

export const requestSchema = z.looseObject({
  contents: z
    .array(z.unknown(), { error: 'is required: send an array of {role, parts} turns' })
    .min(1, { error: 'must contain at least one {role, parts} turn' }),
  tools: z.array(z.unknown(), { error: 'must be an array of tools' }).nullish(),
});

export const countTokensSchema = requestSchema.extend({
  contents: z.array(z.unknown(), { error: 'must be an array of {role, parts} turns' }).nullish(),
});

// ---------------------------------------------------------------- upstream responses (lenient)

export const usageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
});

export type UsageMetadata = z.infer<typeof usageMetadataSchema>;

export const candidateSchema = z.looseObject({
  content: z.looseObject({ role: z.string().nullish(), parts: z.array(z.unknown()).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().nullish(),
});

export type WireCandidate = z.infer<typeof candidateSchema>;

export const responseSchema = z.looseObject({
  candidates: z.array(z.unknown()).nullish(),
  usageMetadata: z.unknown().optional(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  createTime: z.string().nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
});

export type WireResponse = z.infer<typeof responseSchema>;

export { formatPath, parseAt, parseLenient };
