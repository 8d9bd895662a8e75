/** `IrRequest` → a Responses body for an OpenAI / Codex upstream. */
import type { IrRequest, ReasoningConfig, ResponseFormat, Tool, ToolChoice } from '../../ir/index.js';
import { encodeReasoningEffort } from '../openai-chat/encode-request.js';
import type { EncodeRequestOptions } from '../wire-format.js';
import { encodeInput } from './encode-input.js';
import { omitKeys, ownExtras } from './responses-extras.js';

/** Only the hosted web search has a Responses equivalent among other vendors' built-ins. */
function encodeTool(tool: Tool): Record<string, unknown> | undefined {
  switch (tool.type) {
    case 'function': {
      const result: Record<string, unknown> = { type: 'function', name: tool.name };
      if (tool.description !== undefined) result.description = tool.description;
      result.parameters = tool.inputSchema.type === 'object' && !('properties' in tool.inputSchema) ? { ...tool.inputSchema, properties: {} } : tool.inputSchema;
      // Responses treats a missing `strict` as true, which rejects most hand-written schemas.
      result.strict = tool.strict ?? false;
      return result;
    }
    case 'custom': {
      const result: Record<string, unknown> = { type: 'custom', name: tool.name };
      if (tool.description !== undefined) result.description = tool.description;
      if (tool.format !== undefined) result.format = tool.format;
      return result;
    }
    case 'builtin':
      if (tool.source === 'openai-responses') return tool.raw;
      return tool.kind === 'web-search' ? { type: 'web_search' } : undefined;
  }
}

function encodeToolChoice(choice: ToolChoice, tools: readonly Tool[]): unknown {
  if (choice.type !== 'tool') return choice.type;
  const custom = tools.some((tool) => tool.type === 'custom' && tool.name === choice.name);
  return { type: custom ? 'custom' : 'function', name: choice.name };
}

function encodeTextFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  const result: Record<string, unknown> = { type: 'json_schema', name: format.name ?? 'response', schema: format.schema };
  if (format.description !== undefined) result.description = format.description;
  if (format.strict !== undefined) result.strict = format.strict;
  return result;
}

function encodeReasoning(reasoning: ReasoningConfig): Record<string, unknown> | undefined {
  const effort = encodeReasoningEffort(reasoning);
  const result: Record<string, unknown> = {};
  if (effort !== undefined) result.effort = effort;
  if (reasoning.includeThoughts && reasoning.mode !== 'none') result.summary = 'auto';
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Tools, tool choice, output format and reasoning in Responses terms (also echoed in response objects). */
export function encodeSettings(request: IrRequest): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (request.responseFormat !== undefined) settings.text = { format: encodeTextFormat(request.responseFormat) };
  const tools = (request.tools ?? []).map(encodeTool).filter((tool) => tool !== undefined);
  // `tool_choice`/`parallel_tool_calls` without tools is a 400.
  if (tools.length > 0) {
    settings.tools = tools;
    if (request.toolChoice !== undefined) settings.tool_choice = encodeToolChoice(request.toolChoice, request.tools ?? []);
    if (request.parallelToolCalls !== undefined) settings.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.reasoning !== undefined) {
    const reasoning = encodeReasoning(request.reasoning);
    if (reasoning) settings.reasoning = reasoning;
    if (request.reasoning.mode !== 'none') settings.include = ['reasoning.encrypted_content'];
  }
  return settings;
}

/**
 * The conversation is always sent in full with `store: false` (nothing is kept upstream), so reasoning is
 * requested back encrypted to be replayable on the next turn. The system prompt travels as `developer`
 * messages (see encode-input), never as `instructions`, which provider envelopes may own.
 */
export function encodeRequest(request: IrRequest, options: EncodeRequestOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...omitKeys(ownExtras(request.extras), ['previous_response_id']),
    model: options.model,
    input: encodeInput(request),
    stream: options.stream,
    store: false,
  };
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  Object.assign(body, encodeSettings(request));
  const cacheKey = request.envelope?.promptCacheKey ?? request.envelope?.sessionId;
  if (cacheKey !== undefined) body.prompt_cache_key = cacheKey;
  if (request.envelope?.user !== undefined) body.user = request.envelope.user;
  return body;
}
