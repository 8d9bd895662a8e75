/**
 * `tools` and `toolConfig` → IR. Function declarations take their schema from `parametersJsonSchema`
 * (Gemini CLI) or the OpenAPI-style `parameters` (converted to JSON Schema). Every other tool key
 * (`googleSearch`, `google_search`, `googleSearchRetrieval`, `codeExecution`, `urlContext`, …) is a
 * built-in tool kept whole for a Gemini trip.
 */
import type { BuiltinTool, FunctionTool, Tool, ToolChoice } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { collectExtras, isRecord, toExtras } from './gemini-extras.js';
import {
  camelize,
  FUNCTION_CALLING_CONFIG_KEYS,
  FUNCTION_DECLARATION_KEYS,
  TOOL_CONFIG_KEYS,
  TOOL_KEYS,
} from './normalize-keys.js';
import { openApiToJsonSchema } from './openapi-schema.js';
import { functionDeclarationSchema, parseAt, toolConfigSchema, toolSchema } from './schema.js';

const BUILTIN_KINDS: Record<string, BuiltinTool['kind']> = {
  googleSearch: 'web-search',
  google_search: 'web-search',
  googleSearchRetrieval: 'web-search',
  google_search_retrieval: 'web-search',
  enterpriseWebSearch: 'web-search',
  enterprise_web_search: 'web-search',
  codeExecution: 'code-execution',
  code_execution: 'code-execution',
};

function decodeDeclaration(raw: unknown, path: ReadonlyArray<PropertyKey>): FunctionTool {
  const declaration = parseAt(functionDeclarationSchema, camelize(raw, FUNCTION_DECLARATION_KEYS), path);
  const jsonSchema = isRecord(declaration.parametersJsonSchema) ? declaration.parametersJsonSchema : undefined;
  const inputSchema = jsonSchema ?? (declaration.parameters ? openApiToJsonSchema(declaration.parameters) : { type: 'object', properties: {} });
  const extras = toExtras(collectExtras(declaration, ['name', 'description', 'parameters', 'parametersJsonSchema']));
  return {
    type: 'function',
    name: declaration.name,
    ...(declaration.description ? { description: declaration.description } : {}),
    inputSchema,
    ...(extras ? { extras } : {}),
  };
}

export function decodeTools(raw: unknown[] | null | undefined): Tool[] | undefined {
  if (!raw) return undefined;
  const tools: Tool[] = [];
  raw.forEach((item, toolIndex) => {
    const path = ['tools', toolIndex];
    const tool = parseAt(toolSchema, camelize(item, TOOL_KEYS), path);
    (tool.functionDeclarations ?? []).forEach((declaration, index) => tools.push(decodeDeclaration(declaration, [...path, 'functionDeclarations', index])));
    for (const [key, value] of Object.entries(tool)) {
      if (key === 'functionDeclarations' || value === undefined) continue;
      tools.push({ type: 'builtin', kind: BUILTIN_KINDS[key] ?? 'other', name: key, source: 'gemini', raw: { [key]: value } });
    }
  });
  return tools;
}

export interface DecodedToolConfig {
  toolChoice?: ToolChoice;
  /** What the IR cannot say (a VALIDATED mode, several allowed names, other keys). */
  extras?: Record<string, unknown>;
}

/** `toolConfig.functionCallingConfig`: AUTO → auto, NONE → none, ANY → required (or the one allowed tool). */
export function decodeToolConfig(raw: unknown): DecodedToolConfig {
  if (raw === undefined || raw === null) return {};
  const normalized = camelize(raw, TOOL_CONFIG_KEYS);
  const withCalling = isRecord(normalized) && normalized.functionCallingConfig !== undefined
    ? { ...normalized, functionCallingConfig: camelize(normalized.functionCallingConfig, FUNCTION_CALLING_CONFIG_KEYS) }
    : normalized;
  const config = parseAt(toolConfigSchema, withCalling, ['toolConfig']);
  const calling = config.functionCallingConfig;
  const extras: Record<string, unknown> = { ...collectExtras(config, ['functionCallingConfig'], { functionCallingConfig: ['mode', 'allowedFunctionNames'] }) };
  let toolChoice: ToolChoice | undefined;
  const names = calling?.allowedFunctionNames ?? [];
  switch ((calling?.mode ?? '').toUpperCase()) {
    case 'AUTO':
      toolChoice = { type: 'auto' };
      break;
    case 'NONE':
      toolChoice = { type: 'none' };
      break;
    case 'ANY':
      toolChoice = names.length === 1 ? { type: 'tool', name: names[0] } : { type: 'required' };
      break;
    case 'VALIDATED':
      // "Model decides, arguments validated": the IR's auto; the mode itself is kept for Gemini.
      toolChoice = { type: 'auto' };
      break;
    case '':
    case 'MODE_UNSPECIFIED':
      break;
    default:
      throw invalidRequest(`\`toolConfig.functionCallingConfig.mode\` is "${calling?.mode}": use AUTO, ANY, NONE or VALIDATED.`, {
        param: 'toolConfig.functionCallingConfig.mode',
      });
  }
  const kept: Record<string, unknown> = isRecord(extras.functionCallingConfig) ? { ...extras.functionCallingConfig } : {};
  if (calling?.mode?.toUpperCase() === 'VALIDATED') kept.mode = calling.mode;
  if (names.length > 1 || (names.length > 0 && toolChoice?.type !== 'tool')) kept.allowedFunctionNames = names;
  if (Object.keys(kept).length > 0) extras.functionCallingConfig = kept;
  else delete extras.functionCallingConfig;
  return { ...(toolChoice ? { toolChoice } : {}), ...(Object.keys(extras).length > 0 ? { extras } : {}) };
}
