/**
 * Responses `tools`, `tool_choice`, `text.format` and `reasoning` → IR.
 *
 * `function` and `custom` tools map directly; a `namespace` tool's functions and custom tools are flattened
 * to `<namespace>__<name>` (the namespace is kept in the tool's extras so answers can be split back), except
 * in the `functions` namespace, which is the default one (plain names; Codex CLI declares its own tools there
 * on its newest models);
 * `web_search` (and its preview aliases) is the IR's web-search built-in, except with
 * `external_web_access: false` (cached results only), which no other vendor offers; other hosted tools
 * stay Responses-only built-ins.
 */
import type { FunctionTool, ReasoningConfig, ReasoningLevel, ResponseFormat, Tool, ToolChoice } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { DEFAULT_NAMESPACE, flatToolName } from './namespace-tools.js';
import { isRecord, toExtras } from './responses-extras.js';
import { customToolSchema, functionToolSchema, invalidAt, namespaceToolSchema, parseAt, type ResponsesRequest } from './schema.js';

const WEB_SEARCH_TYPES = new Set(['web_search', 'web_search_preview', 'web_search_preview_2025_03_11', 'web_search_2025_08_26']);
const LEVELS: readonly ReasoningLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function functionTool(raw: unknown, path: Array<string | number>, namespace?: string): FunctionTool {
  const tool = parseAt(functionToolSchema, raw, path);
  const result: FunctionTool = {
    type: 'function',
    name: namespace ? flatToolName(namespace, tool.name) : tool.name,
    inputSchema: tool.parameters ?? { type: 'object', properties: {} },
  };
  if (tool.description) result.description = tool.description;
  if (tool.strict != null) result.strict = tool.strict;
  if (namespace) result.extras = toExtras({ namespace, name: tool.name });
  return result;
}

function customTool(raw: unknown, path: Array<string | number>, namespace?: string): Tool {
  const tool = parseAt(customToolSchema, raw, path);
  const result: Tool = { type: 'custom', name: namespace ? flatToolName(namespace, tool.name) : tool.name };
  if (tool.description) result.description = tool.description;
  if (tool.format) result.format = tool.format;
  if (namespace) result.extras = toExtras({ namespace, name: tool.name });
  return result;
}

function decodeTool(raw: Record<string, unknown> & { type: string }, path: Array<string | number>): Tool[] {
  switch (raw.type) {
    case 'function':
      return [functionTool(raw, path)];
    case 'custom':
      return [customTool(raw, path)];
    case 'namespace': {
      const namespace = parseAt(namespaceToolSchema, raw, path);
      const inside = namespace.name === DEFAULT_NAMESPACE ? undefined : namespace.name;
      return namespace.tools.flatMap((inner, index) => {
        const innerPath = [...path, 'tools', index];
        if (inner.type === 'custom') return [customTool(inner, innerPath, inside)];
        if (inner.type != null && inner.type !== 'function') invalidAt([...innerPath, 'type'], 'must be "function" or "custom" inside a namespace.');
        return [functionTool(inner, innerPath, inside)];
      });
    }
    default: {
      const cachedOnly = raw.external_web_access === false;
      const kind = WEB_SEARCH_TYPES.has(raw.type) && !cachedOnly ? 'web-search' : raw.type === 'code_interpreter' ? 'code-execution' : 'other';
      return [{ type: 'builtin', kind, name: raw.type, source: 'openai-responses', raw }];
    }
  }
}

/**
 * `tools`, plus the tools of `additional_tools` input items (Codex CLI on its newest models declares its tools
 * there instead of in `tools`), each error naming where the tool was.
 */
export function decodeTools(tools: ResponsesRequest['tools'], additional: ReadonlyArray<{ tools: unknown[]; path: Array<string | number> }> = []): Tool[] | undefined {
  const decoded = (tools ?? []).flatMap((tool, index) => decodeTool(tool, ['tools', index]));
  for (const group of additional) {
    group.tools.forEach((tool, index) => {
      const path = [...group.path, index];
      if (!isRecord(tool) || typeof tool.type !== 'string') invalidAt(path, 'must be a tool object with a "type".');
      decoded.push(...decodeTool(tool as Record<string, unknown> & { type: string }, path));
    });
  }
  return decoded.length > 0 ? decoded : undefined;
}

export function decodeToolChoice(choice: ResponsesRequest['tool_choice']): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
    invalidAt(['tool_choice'], `is "${choice}": use auto, none, required or a tool object.`);
  }
  if ((choice.type === 'function' || choice.type === 'custom') && typeof choice.name === 'string') {
    const name = choice.type === 'function' && typeof choice.namespace === 'string' ? flatToolName(choice.namespace, choice.name) : choice.name;
    return { type: 'tool', name };
  }
  // `allowed_tools` restricts the set; the IR keeps its mode. A hosted-tool choice means "use tools".
  if (choice.type === 'allowed_tools') return { type: choice.mode === 'required' ? 'required' : 'auto' };
  return { type: 'auto' };
}

export function decodeTextFormat(text: ResponsesRequest['text']): ResponseFormat | undefined {
  const format = text?.format;
  if (!format) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  if (format.type === 'json_schema') {
    if (!isRecord(format.schema)) invalidAt(['text', 'format', 'schema'], 'must be a JSON Schema object.');
    const result: ResponseFormat = { type: 'json', schema: format.schema };
    if (typeof format.name === 'string') result.name = format.name;
    if (typeof format.description === 'string') result.description = format.description;
    if (typeof format.strict === 'boolean') result.strict = format.strict;
    return result;
  }
  invalidAt(['text', 'format', 'type'], `is "${format.type}": use text, json_object or json_schema.`);
}

/**
 * `reasoning.effort` sets the level (`none` turns thinking off); `reasoning.summary` (`auto`, `concise`,
 * `detailed`) asks to see it. A summary without an effort means "think as the model would, and show it".
 */
export function decodeReasoning(reasoning: ResponsesRequest['reasoning']): ReasoningConfig | undefined {
  if (!reasoning) return undefined;
  const summary = typeof reasoning.summary === 'string' && reasoning.summary !== 'none' ? reasoning.summary : undefined;
  const includeThoughts = summary !== undefined;
  const effort = reasoning.effort?.trim().toLowerCase();
  if (!effort) return includeThoughts ? { mode: 'auto', includeThoughts } : undefined;
  if (effort === 'none') return { mode: 'none' };
  if (effort === 'auto') return { mode: 'auto', includeThoughts };
  if ((LEVELS as readonly string[]).includes(effort)) return { mode: 'level', level: effort as ReasoningLevel, includeThoughts };
  throw invalidRequest(`\`reasoning.effort\` is "${reasoning.effort}", which is not a reasoning effort: use one of none, minimal, low, medium, high, xhigh or auto.`, {
    param: 'reasoning.effort',
  });
}
