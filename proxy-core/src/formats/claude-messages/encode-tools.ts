/**
 * IR tools and tool choice → Claude `tools` / `tool_choice`.
 *
 *  - Function tools keep the Claude-only fields a Claude client sent (extras); `strict` is sent only for
 *    requests from Claude clients (other formats send `strict` routinely, and Anthropic accepts it only
 *    with structured outputs).
 *  - Custom (free-text) tools become a tool with one string property `input`; calls wrap their text as
 *    `{input: "…"}` (the reference's mapping).
 *  - Built-ins: Claude's own are sent verbatim; another vendor's web search becomes `web_search_20250305`
 *    (allowed domains and user location carried over when present); other built-ins are dropped.
 */
import type { BuiltinTool, IrRequest, JsonSchema, Tool, ToolChoice } from '../../ir/index.js';
import { isRecord, ownExtras } from './claude-extras.js';
import type { Block, Warn } from './encode-content.js';

function objectSchema(schema: JsonSchema): JsonSchema {
  return schema.type === undefined ? { type: 'object', ...schema } : schema;
}

function webSearchFromOtherVendor(tool: BuiltinTool): Block {
  const raw = tool.raw;
  const block: Block = { type: 'web_search_20250305', name: 'web_search' };
  const filters = isRecord(raw.filters) ? raw.filters : undefined;
  const allowed = filters?.allowed_domains ?? raw.allowed_domains;
  if (Array.isArray(allowed) && allowed.length > 0) block.allowed_domains = allowed;
  if (isRecord(raw.user_location)) block.user_location = { type: 'approximate', ...raw.user_location };
  if (typeof raw.max_uses === 'number') block.max_uses = raw.max_uses;
  return block;
}

function encodeTool(tool: Tool, native: boolean, warn: Warn): Block | undefined {
  switch (tool.type) {
    case 'function': {
      const block: Block = { ...ownExtras(tool.extras), name: tool.name };
      if (tool.description !== undefined) block.description = tool.description;
      block.input_schema = objectSchema(tool.inputSchema);
      if (native && tool.strict !== undefined) block.strict = tool.strict;
      return block;
    }
    case 'custom': {
      const input: Block = { type: 'string' };
      const definition = tool.format?.definition;
      if (typeof definition === 'string') input.description = `Free-form input in this format (${String(tool.format?.syntax ?? 'grammar')}):\n${definition}`;
      const block: Block = { name: tool.name };
      if (tool.description !== undefined) block.description = tool.description;
      block.input_schema = { type: 'object', properties: { input }, required: ['input'] };
      return block;
    }
    case 'builtin':
      if (tool.source === 'claude-messages') return tool.raw;
      if (tool.kind === 'web-search') return webSearchFromOtherVendor(tool);
      warn(`The built-in tool "${tool.name}" (${tool.source}) has no Claude equivalent and was not sent.`);
      return undefined;
  }
}

export function encodeTools(request: IrRequest, warn: Warn): Block[] {
  const native = request.source === 'claude-messages';
  return (request.tools ?? []).map((tool) => encodeTool(tool, native, warn)).filter((tool): tool is Block => tool !== undefined);
}

/**
 * `tool_choice`, or `undefined`. `parallelToolCalls: false` rides along as `disable_parallel_tool_use` (with
 * an `auto` choice when none was given); `true` is written only next to an explicit choice.
 */
export function encodeToolChoice(choice: ToolChoice | undefined, parallelToolCalls: boolean | undefined, tools: readonly Block[]): Block | undefined {
  let block: Block | undefined;
  switch (choice?.type) {
    case undefined:
      block = parallelToolCalls === false ? { type: 'auto' } : undefined;
      break;
    case 'auto':
      block = { type: 'auto' };
      break;
    case 'required':
      block = { type: 'any' };
      break;
    case 'none':
      return { type: 'none' };
    case 'tool': {
      // A web search chosen by its generic name maps to the Claude tool's name.
      const named = tools.some((tool) => tool.name === choice.name);
      const webSearch = tools.find((tool) => typeof tool.type === 'string' && tool.type.startsWith('web_search'));
      block = { type: 'tool', name: !named && webSearch && /web_search/.test(choice.name) ? webSearch.name : choice.name };
      break;
    }
  }
  if (block && parallelToolCalls !== undefined) block.disable_parallel_tool_use = !parallelToolCalls;
  return block;
}

/** Whether a choice forces a tool call (Anthropic rejects thinking together with a forced tool). */
export function forcesToolUse(choice: Block | undefined): boolean {
  return choice?.type === 'any' || choice?.type === 'tool';
}
