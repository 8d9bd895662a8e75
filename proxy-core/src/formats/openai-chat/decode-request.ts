/** A Chat Completions request body → `IrRequest`. Throws a 400 `ProxyError` naming the field at fault. */
import type { IrRequest } from '../../ir/index.js';
import { toExtras, unknownFields } from './chat-extras.js';
import { decodeMessages } from './decode-messages.js';
import { decodeReasoning } from './decode-reasoning.js';
import { decodeResponseFormat, decodeToolChoice, decodeTools } from './decode-tools.js';
import { chatRequestSchema, parseAt } from './schema.js';

/**
 * Top-level fields mapped into the IR. Everything else (including `stream_options`, `extra_body`,
 * `thinking`, `logprobs`, `metadata`, …) is kept in `extras['openai-chat']`.
 */
const MAPPED_FIELDS = [
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'n',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'reasoning_effort',
  'reasoning',
  'stream',
  'user',
] as const;

export function decodeRequest(body: unknown): IrRequest {
  const request = parseAt(chatRequestSchema, body, []);
  const { system, messages } = decodeMessages(request.messages);
  const result: IrRequest = { model: request.model, system, messages, stream: request.stream ?? false, source: 'openai-chat' };

  const tools = decodeTools(request);
  if (tools) result.tools = tools;
  const toolChoice = decodeToolChoice(request);
  if (toolChoice) result.toolChoice = toolChoice;
  if (request.parallel_tool_calls != null) result.parallelToolCalls = request.parallel_tool_calls;

  // `max_tokens` wins when both are sent (the reference's rule).
  const maxOutputTokens = request.max_tokens ?? request.max_completion_tokens;
  if (maxOutputTokens != null) result.maxOutputTokens = maxOutputTokens;
  if (request.temperature != null) result.temperature = request.temperature;
  if (request.top_p != null) result.topP = request.top_p;
  if (request.top_k != null) result.topK = request.top_k;
  if (request.stop != null) result.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.presence_penalty != null) result.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) result.frequencyPenalty = request.frequency_penalty;
  if (request.seed != null) result.seed = request.seed;
  if (request.n != null) result.candidateCount = request.n;

  const responseFormat = decodeResponseFormat(request);
  if (responseFormat) result.responseFormat = responseFormat;
  const reasoning = decodeReasoning(request);
  if (reasoning) result.reasoning = reasoning;
  if (request.user != null) result.envelope = { user: request.user };

  const extras = toExtras(unknownFields(request, MAPPED_FIELDS));
  if (extras) result.extras = extras;
  return result;
}

/** Whether the client asked for a final usage chunk (`stream_options.include_usage`). */
export function includeUsageRequested(request: IrRequest | undefined): boolean {
  const options = request?.extras?.['openai-chat']?.stream_options;
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>).include_usage === true;
}
