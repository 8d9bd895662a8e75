/**
 * Client request schemas for the Messages API, limited to the fields the codec reads. Loose objects:
 * unknown keys are kept and later moved into `extras`. Upstream responses and stream events are in
 * `upstream-schema.ts`.
 */
import { z } from 'zod';
import { formatPath, invalidAt, parseAt } from '../shared/parse-at.js';

export const cacheControlSchema = z.looseObject({
  type: z.string({ error: 'must be a string such as "ephemeral"' }),
  ttl: z.string({ error: 'must be a string such as "5m" or "1h"' }).nullish(),
});

export const textBlockSchema = z.looseObject({
  type: z.literal('text', { error: 'must be "text": only text blocks are allowed here' }),
  text: z.string({ error: 'must be a string (the text of this block)' }),
  cache_control: cacheControlSchema.nullish(),
});

export const base64SourceSchema = z.looseObject({
  type: z.literal('base64'),
  media_type: z.string({ error: 'must name the media type, e.g. "image/png" or "application/pdf"' }),
  data: z.string({ error: 'must be the base64-encoded data' }),
});

export const urlSourceSchema = z.looseObject({ type: z.literal('url'), url: z.string({ error: 'must be a string (an http(s) URL)' }) });

export const fileSourceSchema = z.looseObject({ type: z.literal('file'), file_id: z.string({ error: 'must be a string (a Files API id)' }) });

export const textSourceSchema = z.looseObject({
  type: z.literal('text'),
  media_type: z.string().nullish(),
  data: z.string({ error: 'must be the document text' }),
});

export const contentSourceSchema = z.looseObject({
  type: z.literal('content'),
  content: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of text/image blocks' }),
});

export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64SourceSchema, urlSourceSchema, fileSourceSchema], {
    error: 'must be {"type":"base64","media_type","data"}, {"type":"url","url"} or {"type":"file","file_id"}',
  }),
  cache_control: cacheControlSchema.nullish(),
});

export const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64SourceSchema, textSourceSchema, urlSourceSchema, fileSourceSchema, contentSourceSchema], {
    error: 'must be a "base64", "text", "url", "file" or "content" source',
  }),
  title: z.string({ error: 'must be a string' }).nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string({ error: 'is required: the id the matching tool_result refers to' }),
  name: z.string({ error: 'is required: the name of the tool that was called' }),
  input: z.unknown().optional(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string({ error: 'is required: the id of the tool_use block this result answers' }),
  // Absent (or null) content is the sparse tool_result quirk: an empty result, not an error.
  content: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of text/image blocks' }).nullish(),
  is_error: z.boolean({ error: 'must be true or false' }).nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string({ error: 'must be a string (the thinking text)' }),
  signature: z.string({ error: 'must be a string' }).nullish(),
});

export const redactedThinkingBlockSchema = z.looseObject({
  type: z.literal('redacted_thinking'),
  data: z.string({ error: 'must be a string (the opaque redacted thinking data)' }),
});

export const blockTypeSchema = z.looseObject({ type: z.string({ error: 'must name the block type, e.g. "text"' }) });

export const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system'], { error: 'must be "user", "assistant" or "system"' }),
  content: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of content blocks' }),
});

export const toolSchema = z.looseObject({
  type: z.string({ error: 'must be a string such as "custom" or "web_search_20250305"' }).nullish(),
  name: z.string({ error: 'is required: give the tool a name' }).nullish(),
  description: z.string({ error: 'must be a string' }).nullish(),
  input_schema: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).nullish(),
  strict: z.boolean({ error: 'must be true or false' }).nullish(),
});

export const toolChoiceSchema = z.looseObject({
  type: z.enum(['auto', 'any', 'tool', 'none'], { error: 'must be "auto", "any", "tool" or "none"' }),
  name: z.string({ error: 'must be a string (the tool to call)' }).nullish(),
  disable_parallel_tool_use: z.boolean({ error: 'must be true or false' }).nullish(),
});

export const thinkingSchema = z.looseObject({
  type: z.string({ error: 'must be "enabled", "adaptive" or "disabled"' }),
  budget_tokens: z.number({ error: 'must be a number of tokens' }).int({ error: 'must be a whole number' }).nullish(),
  display: z.enum(['summarized', 'omitted'], { error: 'must be "summarized" or "omitted"' }).nullish(),
});

export const jsonOutputFormatSchema = z.looseObject({
  type: z.string({ error: 'must be "json_schema"' }),
  schema: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).nullish(),
});

export const outputConfigSchema = z.looseObject({
  effort: z.string({ error: 'must be a string such as "low", "medium", "high" or "max"' }).nullish(),
  format: jsonOutputFormatSchema.nullish(),
});

const numberOrNull = z.number({ error: 'must be a number' }).nullish();

export const messagesRequestSchema = z.looseObject({
  model: z.string({ error: 'is required: name the model to use, e.g. "claude-sonnet-4-5"' }).min(1, { error: 'must not be empty' }),
  messages: z.array(z.unknown(), { error: 'is required: send an array of messages' }).min(1, { error: 'must contain at least one message' }),
  system: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of text blocks' }).nullish(),
  // Anthropic requires it; we accept its absence (token counting has none) and any positive integer.
  max_tokens: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).nullish(),
  temperature: numberOrNull,
  top_p: numberOrNull,
  top_k: numberOrNull,
  stop_sequences: z.array(z.string(), { error: 'must be an array of strings' }).nullish(),
  stream: z.boolean({ error: 'must be true or false' }).nullish(),
  metadata: z.looseObject({ user_id: z.string({ error: 'must be a string' }).nullish() }).nullish(),
  tools: z.array(z.unknown(), { error: 'must be an array of tools' }).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  thinking: thinkingSchema.nullish(),
  output_config: outputConfigSchema.nullish(),
  output_format: jsonOutputFormatSchema.nullish(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

export { formatPath, invalidAt, parseAt };
