/**
 * Claude `tools` and `tool_choice` → IR.
 *
 * Client tools (`{name, description, input_schema}`, optionally `type: "custom"`) become function tools;
 * Claude-only fields (`cache_control`, `defer_loading`, `input_examples`, `eager_input_streaming`,
 * `allowed_callers`, …) stay in the tool's extras, so only a Claude upstream ever sees them — which is how
 * "strip `defer_loading` for Gemini/Codex" (inventory §5.2) falls out. Server tools (any other `type`:
 * `web_search_20250305`, `bash_20250124`, `text_editor_…`, `tool_search_tool_…`, …) become built-ins with
 * the raw definition kept.
 */
import type { BuiltinTool, FunctionTool, Tool, ToolChoice } from '../../ir/index.js';
import { unknownFields, withExtras } from './claude-extras.js';
import { invalidAt, parseAt, toolSchema, type MessagesRequest } from './schema.js';

function builtinKind(type: string): BuiltinTool['kind'] {
  if (type.startsWith('web_search')) return 'web-search';
  if (type.startsWith('code_execution')) return 'code-execution';
  return 'other';
}

function decodeTool(value: unknown, index: number): Tool {
  const path = ['tools', index];
  const tool = parseAt(toolSchema, value, path);
  if (tool.type != null && tool.type !== 'custom') {
    return { type: 'builtin', kind: builtinKind(tool.type), name: tool.name ?? tool.type, source: 'claude-messages', raw: tool };
  }
  if (tool.name == null || tool.name === '') invalidAt([...path, 'name'], 'is required: give the tool a name.');
  const result: FunctionTool = { type: 'function', name: tool.name, inputSchema: tool.input_schema ?? { type: 'object' } };
  if (tool.description != null) result.description = tool.description;
  if (tool.strict != null) result.strict = tool.strict;
  // `type: "custom"` is kept too, so a Claude round trip re-emits exactly what came in.
  return withExtras(result, unknownFields(tool, ['name', 'description', 'input_schema', 'strict']));
}

export function decodeTools(request: MessagesRequest): Tool[] | undefined {
  return request.tools?.map(decodeTool);
}

/** `auto` / `any` → required / `tool` / `none`; `disable_parallel_tool_use` is returned separately. */
export function decodeToolChoice(request: MessagesRequest): { toolChoice?: ToolChoice; parallelToolCalls?: boolean } {
  const choice = request.tool_choice;
  if (!choice) return {};
  let toolChoice: ToolChoice;
  switch (choice.type) {
    case 'auto':
      toolChoice = { type: 'auto' };
      break;
    case 'any':
      toolChoice = { type: 'required' };
      break;
    case 'none':
      toolChoice = { type: 'none' };
      break;
    case 'tool':
      if (!choice.name) invalidAt(['tool_choice', 'name'], 'is required when tool_choice.type is "tool": name the tool to call.');
      toolChoice = { type: 'tool', name: choice.name };
      break;
  }
  return choice.disable_parallel_tool_use == null ? { toolChoice } : { toolChoice, parallelToolCalls: !choice.disable_parallel_tool_use };
}
