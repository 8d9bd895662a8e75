/**
 * Schemas for what OpenAI-compatible upstreams send back (bodies and stream chunks). Lenient on purpose:
 * every field is `.nullish()` and unknown keys are kept, because servers differ (vLLM, Ollama, DeepSeek,
 * OpenRouter, Google's compatibility endpoint, …).
 */
import { z } from 'zod';
const looseUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  prompt_cache_hit_tokens: z.number().nullish(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cached_creation_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

export type ChatUsageWire = z.infer<typeof looseUsageSchema>;
export const chatUsageSchema = looseUsageSchema;

const looseToolCallSchema = z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.unknown().optional() }).nullish(),
  custom: z.looseObject({ name: z.string().nullish(), input: z.string().nullish() }).nullish(),
});

export type ChatToolCallWire = z.infer<typeof looseToolCallSchema>;

const looseImageSchema = z.looseObject({
  image_url: z.union([z.string(), z.looseObject({ url: z.string().nullish() })]).nullish(),
});

const looseMessageSchema = z.looseObject({
  content: z.union([z.string(), z.array(z.unknown())]).nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(looseToolCallSchema).nullish(),
  function_call: z.looseObject({ name: z.string().nullish(), arguments: z.unknown().optional() }).nullish(),
  images: z.array(looseImageSchema).nullish(),
});

export const chatResponseSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created: z.number().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().nullish(),
      message: looseMessageSchema.nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: looseUsageSchema.nullish(),
});

export type ChatResponseWire = z.infer<typeof chatResponseSchema>;

export const chatChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created: z.number().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: looseMessageSchema.nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: looseUsageSchema.nullish(),
  error: z.unknown().optional(),
});

export type ChatChunkWire = z.infer<typeof chatChunkSchema>;
