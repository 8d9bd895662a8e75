/**
 * Client request schemas for Chat Completions, limited to the fields the codec reads. Loose objects:
 * unknown keys are kept and later moved into `extras`. Upstream responses are in `upstream-schema.ts`.
 */
import { z } from 'zod';
import { formatPath, invalidAt, parseAt } from '../shared/parse-at.js';

// ---------------------------------------------------------------- requests (validated)

export const cacheControlSchema = z.looseObject({ type: z.string(), ttl: z.string().nullish() });

export const textPartSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string({ error: 'must be a string (the text of this part)' }),
  cache_control: cacheControlSchema.nullish(),
});

export const imageUrlPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.union(
    [z.string(), z.looseObject({ url: z.string({ error: 'must be a string (an http(s) or data: URL)' }), detail: z.string().nullish() })],
    { error: 'must be an object like {"url": "https://…"} or {"url": "data:image/png;base64,…"}' },
  ),
  cache_control: cacheControlSchema.nullish(),
});

export const inputAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({
    data: z.string({ error: 'must be the base64 audio data' }),
    format: z.string({ error: 'must name the audio format, e.g. "wav" or "mp3"' }),
  }),
});

export const filePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
  cache_control: cacheControlSchema.nullish(),
});

export const videoUrlPartSchema = z.looseObject({
  type: z.literal('video_url'),
  video_url: z.union([z.string(), z.looseObject({ url: z.string() })]),
});

export const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const partTypeError = { error: 'must be one of "text", "image_url", "input_audio", "file" or "video_url"' };

export const userPartSchema = z.discriminatedUnion(
  'type',
  [textPartSchema, imageUrlPartSchema, inputAudioPartSchema, filePartSchema, videoUrlPartSchema],
  partTypeError,
);

export const assistantPartSchema = z.discriminatedUnion('type', [textPartSchema, refusalPartSchema, imageUrlPartSchema], {
  error: 'must be "text" or "refusal" in an assistant message',
});

export const systemPartSchema = z.discriminatedUnion('type', [textPartSchema], {
  error: 'must be "text": system and developer messages carry only text',
});

export const toolResultPartSchema = z.discriminatedUnion('type', [textPartSchema, imageUrlPartSchema, filePartSchema], {
  error: 'must be "text", "image_url" or "file" in a tool message',
});

/**
 * Message content: a string, an array of parts, or null. Parsed by hand around the part schema so an error
 * names the exact part (`messages[0].content[2].type`) instead of the whole union.
 */
export function parseContent<T extends z.ZodType>(part: T, value: unknown, path: ReadonlyArray<PropertyKey>): string | Array<z.output<T>> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) invalidAt(path, 'must be a string or an array of content parts.');
  return value.map((item, index) => parseAt(part, item, [...path, index]));
}

export const messageRoleSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function'], {
    error: 'must be one of "system", "developer", "user", "assistant", "tool" or "function"',
  }),
});

export const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z
    .looseObject({ name: z.string().nullish(), arguments: z.unknown().optional() })
    .nullish(),
  custom: z.looseObject({ name: z.string().nullish(), input: z.string().nullish() }).nullish(),
});

export const functionCallSchema = z.looseObject({ name: z.string(), arguments: z.unknown().optional() });

export const assistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.unknown().optional(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  function_call: functionCallSchema.nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolMessageSchema = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string().nullish(),
  content: z.unknown().optional(),
});

export const functionMessageSchema = z.looseObject({
  role: z.literal('function'),
  name: z.string({ error: 'must name the function whose result this is' }),
  content: z.string().nullish(),
});

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string({ error: 'is required: give the function a name' }).min(1, { error: 'must not be empty' }),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  custom: z.looseObject({
    name: z.string().min(1, { error: 'must not be empty' }),
    description: z.string().nullish(),
    format: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export const legacyFunctionSchema = z.looseObject({
  name: z.string().min(1, { error: 'must not be empty' }),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});

export const toolChoiceSchema = z.union(
  [
    z.enum(['auto', 'none', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.literal('allowed_tools'), allowed_tools: z.looseObject({ mode: z.string().nullish() }) }),
  ],
  { error: 'must be "auto", "none", "required" or {"type":"function","function":{"name":"…"}}' },
);

export const responseFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().nullish(),
        description: z.string().nullish(),
        schema: z.record(z.string(), z.unknown()).nullish(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'must be "text", "json_object" or "json_schema"' },
);

const numberOrNull = z.number({ error: 'must be a number' }).nullish();
const positiveInteger = z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).nullish();

export const chatRequestSchema = z.looseObject({
  model: z.string({ error: 'is required: name the model to use, e.g. "gpt-4o"' }).min(1, { error: 'must not be empty' }),
  messages: z.array(z.unknown(), { error: 'is required: send an array of chat messages' }).min(1, {
    error: 'must contain at least one message',
  }),
  max_tokens: positiveInteger,
  max_completion_tokens: positiveInteger,
  temperature: numberOrNull,
  top_p: numberOrNull,
  top_k: numberOrNull,
  stop: z.union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings' }).nullish(),
  n: positiveInteger,
  seed: z.number().int({ error: 'must be a whole number' }).nullish(),
  presence_penalty: numberOrNull,
  frequency_penalty: numberOrNull,
  response_format: responseFormatSchema.nullish(),
  tools: z.array(z.looseObject({ type: z.string({ error: 'must name the tool type, e.g. "function"' }) })).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean({ error: 'must be true or false' }).nullish(),
  functions: z.array(legacyFunctionSchema).nullish(),
  function_call: z.union([z.enum(['auto', 'none']), z.looseObject({ name: z.string() })]).nullish(),
  reasoning_effort: z.string({ error: 'must be a string such as "low", "medium" or "high"' }).nullish(),
  reasoning: z
    .looseObject({
      effort: z.string().nullish(),
      max_tokens: z.number().int().nonnegative().nullish(),
      exclude: z.boolean().nullish(),
      enabled: z.boolean().nullish(),
    })
    .nullish(),
  stream: z.boolean({ error: 'must be true or false' }).nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string({ error: 'must be a string' }).nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export { formatPath, parseAt };
