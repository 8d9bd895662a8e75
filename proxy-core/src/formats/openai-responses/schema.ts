/**
 * Responses API schemas: client requests are validated for the fields we read (loose objects: unknown
 * keys move to `extras`); upstream bodies and events are parsed leniently (`.nullish()`).
 */
import { z } from 'zod';

export { formatPath, invalidAt, parseAt, parseLenient } from '../shared/parse-at.js';

const text = z.string({ error: 'must be a string' });

export const requestSchema = z.looseObject({
  model: text,
  input: z.union([text, z.array(z.looseObject({}), { error: 'must be a string or an array of input items' })]).nullish(),
  instructions: text.nullish(),
  stream: z.boolean({ error: 'must be true or false' }).nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  tools: z.array(z.looseObject({ type: text }), { error: 'must be an array of tools' }).nullish(),
  tool_choice: z.union([text, z.looseObject({ type: text })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: z.looseObject({ effort: text.nullish(), summary: text.nullish() }).nullish(),
  text: z.looseObject({ format: z.looseObject({ type: text }).nullish() }).nullish(),
  prompt_cache_key: text.nullish(),
  user: text.nullish(),
});

export type ResponsesRequest = z.infer<typeof requestSchema>;

export const usageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

export type WireUsage = z.infer<typeof usageSchema>;

export const responseSchema = z.looseObject({
  id: z.string().nullish(),
  created_at: z.number().nullish(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  output: z.array(z.looseObject({ type: z.string() })).nullish(),
  usage: usageSchema.nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

export type WireResponse = z.infer<typeof responseSchema>;

const contentPart = z.looseObject({ type: text });

/** `{role, content}` with or without `type: "message"` (the SDKs' EasyInputMessage). */
export const messageItemSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system', 'developer'], { error: 'must be one of user, assistant, system, developer' }),
  content: z.union([text, z.array(contentPart, { error: 'must be a string or an array of content parts' })]),
  id: text.nullish(),
});

export const functionCallItemSchema = z.looseObject({
  call_id: text,
  name: text,
  arguments: z.union([text, z.looseObject({})]).nullish(),
  namespace: text.nullish(),
  id: text.nullish(),
});

export const customCallItemSchema = z.looseObject({ call_id: text, name: text, input: text.nullish(), namespace: text.nullish(), id: text.nullish() });

export const callOutputItemSchema = z.looseObject({
  call_id: text,
  output: z.union([text, z.array(contentPart, { error: 'must be a string or an array of content parts' })]).nullish(),
});

export const reasoningItemSchema = z.looseObject({
  id: text.nullish(),
  summary: z.array(z.looseObject({ text: z.string().nullish() })).nullish(),
  content: z.array(z.looseObject({ text: z.string().nullish() })).nullish(),
  encrypted_content: text.nullish(),
});

export const functionToolSchema = z.looseObject({
  name: text,
  description: text.nullish(),
  parameters: z.looseObject({}).nullish(),
  strict: z.boolean().nullish(),
});

export const customToolSchema = z.looseObject({ name: text, description: text.nullish(), format: z.looseObject({}).nullish() });

export const namespaceToolSchema = z.looseObject({
  name: text,
  tools: z.array(z.looseObject({ type: text.nullish() }), { error: 'must be an array of tools' }),
});
