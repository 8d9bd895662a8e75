/** `IrRequest` → a Chat Completions body for an OpenAI-compatible upstream. */
import type { IrRequest, JsonSchema, ReasoningConfig, ResponseFormat, Tool, ToolChoice } from '../../ir/index.js';
import { budgetToLevel } from '../../ir/index.js';
import type { EncodeRequestOptions } from '../wire-format.js';
import { isRecord, omitKeys, ownExtras } from './chat-extras.js';
import { encodeMessages } from './encode-messages.js';

/** OpenAI rejects an object schema without `properties`; add an empty one at the root. */
function parametersSchema(schema: JsonSchema): JsonSchema {
  return schema.type === 'object' && !('properties' in schema) ? { ...schema, properties: {} } : schema;
}

function encodeTool(tool: Tool): Record<string, unknown> | undefined {
  if (tool.type === 'function') {
    const own = ownExtras(tool.extras);
    const fn: Record<string, unknown> = { ...(isRecord(own.function) ? own.function : {}), name: tool.name };
    if (tool.description !== undefined) fn.description = tool.description;
    fn.parameters = parametersSchema(tool.inputSchema);
    if (tool.strict !== undefined) fn.strict = tool.strict;
    return { ...omitKeys(own, ['function']), type: 'function', function: fn };
  }
  if (tool.type === 'custom') {
    const custom: Record<string, unknown> = { name: tool.name };
    if (tool.description !== undefined) custom.description = tool.description;
    if (tool.format !== undefined) custom.format = tool.format;
    return { type: 'custom', custom };
  }
  // Built-ins only make sense to the vendor that defined them; Chat has no equivalent for the others.
  return tool.source === 'openai-chat' ? tool.raw : undefined;
}

function encodeToolChoice(choice: ToolChoice, tools: readonly Tool[]): unknown {
  if (choice.type !== 'tool') return choice.type;
  const isCustom = tools.some((tool) => tool.type === 'custom' && tool.name === choice.name);
  return isCustom ? { type: 'custom', custom: { name: choice.name } } : { type: 'function', function: { name: choice.name } };
}

function encodeResponseFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  const spec: Record<string, unknown> = { name: format.name ?? 'response' };
  if (format.description !== undefined) spec.description = format.description;
  spec.schema = format.schema;
  if (format.strict !== undefined) spec.strict = format.strict;
  return { type: 'json_schema', json_schema: spec };
}

/**
 * `reasoning_effort`. `auto` sends nothing (the upstream's default) because OpenAI-compatible servers reject
 * the value `auto`; a budget becomes the nearest level. Clamping to the model was done by the pipeline.
 */
export function encodeReasoningEffort(reasoning: ReasoningConfig): string | undefined {
  switch (reasoning.mode) {
    case 'none':
      return 'none';
    case 'auto':
      return undefined;
    case 'level':
      return reasoning.level;
    case 'budget':
      if (reasoning.budgetTokens === 0) return 'none';
      if (reasoning.budgetTokens < 0) return undefined;
      return budgetToLevel(reasoning.budgetTokens);
  }
}

export function encodeRequest(request: IrRequest, options: EncodeRequestOptions): Record<string, unknown> {
  const own = ownExtras(request.extras);
  const body: Record<string, unknown> = {
    ...omitKeys(own, ['stream_options']),
    model: options.model,
    messages: encodeMessages(request),
    stream: options.stream,
  };
  // Always ask for the final usage chunk so usage is counted (the reference forces this too).
  if (options.stream) body.stream_options = { ...(isRecord(own.stream_options) ? own.stream_options : {}), include_usage: true };

  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.candidateCount !== undefined) body.n = request.candidateCount;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.responseFormat !== undefined) body.response_format = encodeResponseFormat(request.responseFormat);

  const tools = (request.tools ?? []).map(encodeTool).filter((tool) => tool !== undefined);
  // `tool_choice`/`parallel_tool_calls` without tools is a 400 on OpenAI.
  if (tools.length > 0) {
    body.tools = tools;
    if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice, request.tools ?? []);
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }

  if (request.reasoning !== undefined) {
    const effort = encodeReasoningEffort(request.reasoning);
    if (effort !== undefined) body.reasoning_effort = effort;
  }
  if (request.envelope?.user !== undefined) body.user = request.envelope.user;
  return body;
}
