/** Chat `tools`, `tool_choice`, legacy `functions`/`function_call` and `response_format` → IR. */
import type { JsonSchema, ResponseFormat, Tool, ToolChoice } from '../../ir/index.js';
import { toExtras, unknownFields } from './chat-extras.js';
import type { ChatRequest } from './schema.js';
import { customToolSchema, functionToolSchema, parseAt } from './schema.js';

const BUILTIN_KINDS: Record<string, 'web-search' | 'code-execution'> = {
  web_search: 'web-search',
  web_search_preview: 'web-search',
  google_search: 'web-search',
  code_execution: 'code-execution',
  code_interpreter: 'code-execution',
};

function objectSchema(parameters: Record<string, unknown> | null | undefined): JsonSchema {
  return parameters ?? { type: 'object' };
}

export function decodeTools(request: ChatRequest): Tool[] | undefined {
  const tools: Tool[] = [];
  (request.tools ?? []).forEach((raw, index) => {
    const path = ['tools', index];
    if (raw.type === 'function') {
      const tool = parseAt(functionToolSchema, raw, path);
      const fields = unknownFields(tool, ['type', 'function']) ?? {};
      const functionFields = unknownFields(tool.function, ['name', 'description', 'parameters', 'strict']);
      if (functionFields) fields.function = functionFields;
      tools.push({
        type: 'function',
        name: tool.function.name,
        inputSchema: objectSchema(tool.function.parameters),
        ...(tool.function.description != null ? { description: tool.function.description } : {}),
        ...(tool.function.strict != null ? { strict: tool.function.strict } : {}),
        ...(toExtras(fields) ? { extras: toExtras(fields) } : {}),
      });
      return;
    }
    if (raw.type === 'custom') {
      const tool = parseAt(customToolSchema, raw, path);
      tools.push({
        type: 'custom',
        name: tool.custom.name,
        ...(tool.custom.description != null ? { description: tool.custom.description } : {}),
        ...(tool.custom.format != null ? { format: tool.custom.format } : {}),
      });
      return;
    }
    // Anything else is a vendor built-in (web search, …): kept raw for a same-format trip.
    const kind = BUILTIN_KINDS[raw.type] ?? 'other';
    tools.push({ type: 'builtin', kind, name: raw.type, source: 'openai-chat', raw: { ...raw } });
  });
  for (const legacy of request.functions ?? []) {
    tools.push({
      type: 'function',
      name: legacy.name,
      inputSchema: objectSchema(legacy.parameters),
      ...(legacy.description != null ? { description: legacy.description } : {}),
    });
  }
  return tools.length > 0 ? tools : undefined;
}

export function decodeToolChoice(request: ChatRequest): ToolChoice | undefined {
  const choice = request.tool_choice;
  if (choice === null || choice === undefined) {
    const legacy = request.function_call;
    if (legacy === null || legacy === undefined) return undefined;
    return typeof legacy === 'string' ? { type: legacy } : { type: 'tool', name: legacy.name };
  }
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function') return { type: 'tool', name: choice.function.name };
  if (choice.type === 'custom') return { type: 'tool', name: choice.custom.name };
  // `allowed_tools` narrows the tool list, which the IR cannot express: keep its mode.
  return { type: choice.allowed_tools.mode === 'required' ? 'required' : 'auto' };
}

export function decodeResponseFormat(request: ChatRequest): ResponseFormat | undefined {
  const format = request.response_format;
  if (format === null || format === undefined) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  const spec = format.json_schema;
  const result: ResponseFormat = { type: 'json' };
  if (spec.schema != null) result.schema = spec.schema;
  if (spec.name != null) result.name = spec.name;
  if (spec.description != null) result.description = spec.description;
  if (spec.strict != null) result.strict = spec.strict;
  return result;
}
