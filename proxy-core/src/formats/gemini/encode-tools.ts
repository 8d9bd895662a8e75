/**
 * IR tools and tool choice → Gemini `tools` and `toolConfig`.
 *
 * Function tools become one `{functionDeclarations: [...]}` entry with the schema cleaned for Gemini and
 * sent as `parametersJsonSchema` (what the reference sends for every client, §2.2/§2.3/§2.5); `strict` and
 * `defer_loading`/`deferLoading` are never sent. Custom (free-text) tools take `{input: string}`.
 * Built-in tools are sent only when they came from a Gemini client; other vendors' server tools (Claude's
 * web search, Responses' `web_search`) are dropped, as the reference does, because Gemini 2.x rejects
 * mixing its built-ins with function calling.
 */
import type { IrRequest, JsonSchema, Tool, ToolChoice } from '../../ir/index.js';
import { cleanSchemaForGemini } from './clean-schema.js';
import { isRecord, mergeExtras, ownExtras, withoutDeferLoading } from './gemini-extras.js';

const CUSTOM_TOOL_SCHEMA = { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] };

function encodeDeclaration(tool: Tool, nameOf: (name: string) => string, cleanSchema: (schema: JsonSchema) => JsonSchema): Record<string, unknown> | undefined {
  if (tool.type === 'builtin') return undefined;
  const declaration: Record<string, unknown> = { name: nameOf(tool.name) };
  if (tool.description) declaration.description = tool.description;
  declaration.parametersJsonSchema = tool.type === 'function' ? cleanSchema(tool.inputSchema) : CUSTOM_TOOL_SCHEMA;
  return mergeExtras(declaration, withoutDeferLoading(ownExtras(tool.extras)));
}

function functionCallingConfig(choice: ToolChoice, kept: Record<string, unknown>, nameOf: (name: string) => string): Record<string, unknown> {
  switch (choice.type) {
    case 'auto':
      return { mode: typeof kept.mode === 'string' && kept.mode.toUpperCase() === 'VALIDATED' ? kept.mode : 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [nameOf(choice.name)] };
  }
}

export interface EncodedTools {
  tools?: Array<Record<string, unknown>>;
  toolConfig?: Record<string, unknown>;
}

/** `cleanSchema` is the Gemini cleaner, or a cache in front of it (schema-cache.ts). */
export function encodeTools(request: IrRequest, nameOf: (name: string) => string, cleanSchema: (schema: JsonSchema) => JsonSchema = cleanSchemaForGemini): EncodedTools {
  const fromGemini = request.source === 'gemini';
  const declarations: Array<Record<string, unknown>> = [];
  const builtins: Array<Record<string, unknown>> = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'builtin') {
      if (tool.source === 'gemini') builtins.push(withoutDeferLoading(tool.raw));
      continue;
    }
    const declaration = encodeDeclaration(tool, nameOf, cleanSchema);
    if (declaration) declarations.push(declaration);
  }
  const result: EncodedTools = {};
  const tools = [...(declarations.length > 0 ? [{ functionDeclarations: declarations }] : []), ...builtins];
  if (tools.length > 0) result.tools = tools;

  const keptConfig = ownExtras(request.extras).toolConfig;
  const kept = isRecord(keptConfig) ? keptConfig : undefined;
  const keptCalling = kept && isRecord(kept.functionCallingConfig) ? kept.functionCallingConfig : {};
  if (request.toolChoice && (declarations.length > 0 || fromGemini)) {
    const calling = mergeExtras(functionCallingConfig(request.toolChoice, keptCalling, nameOf), keptCalling);
    result.toolConfig = mergeExtras({ functionCallingConfig: calling }, kept);
  } else if (kept) {
    const rest = { ...kept };
    delete rest.functionCallingConfig;
    if (Object.keys(rest).length > 0) result.toolConfig = rest;
  }
  return result;
}
