import { asArray, asObject, asString, exampleFromSchema, type JsonObject } from './fake-content.js';
import type { FakeUsageSetting } from './fake-usage.js';

export type ApiDialect = 'openai-chat' | 'openai-responses' | 'claude' | 'gemini';

/** What shapes the fake's default answers (from `startFakeUpstream` options). */
export interface DefaultAnswerOptions {
  text: string;
  tools: boolean;
  preferredTools?: Record<string, Record<string, unknown>>;
  /** Exact usage to report, `'none'` for answers without usage, or undefined to estimate from the bodies. */
  usage?: FakeUsageSetting;
}

export interface ToolCallPlan {
  name: string;
  arguments: JsonObject;
}

/** What a default answer says: text, or one call to a tool the request offered. */
export type TurnPlan = { kind: 'text'; text: string } | { kind: 'tool-call'; call: ToolCallPlan };

interface OfferedTool {
  name: string;
  schema: unknown;
}

/**
 * With tools on: a request that offers tools and has no tool result yet gets a call to the first preferred
 * tool offered (with its given arguments), else to the first tool, with arguments built from its schema's
 * required properties; once a tool result is in the history the answer is
 * `Tool said: <result>`, so tests can prove a two-turn round trip. Otherwise the configured text.
 */
export function planTurn(dialect: ApiDialect, body: unknown, options: DefaultAnswerOptions): TurnPlan {
  if (!options.tools) return { kind: 'text', text: options.text };
  const result = lastToolResult(dialect, asObject(body) ?? {});
  if (result !== undefined) return { kind: 'text', text: `Tool said: ${result}` };
  const offered = offeredTools(dialect, asObject(body) ?? {});
  const preferred = offered.find((candidate) => options.preferredTools?.[candidate.name] !== undefined);
  if (preferred) return { kind: 'tool-call', call: { name: preferred.name, arguments: options.preferredTools![preferred.name] as JsonObject } };
  const tool = offered[0];
  if (!tool) return { kind: 'text', text: options.text };
  return { kind: 'tool-call', call: { name: tool.name, arguments: (asObject(exampleFromSchema(tool.schema)) ?? {}) as JsonObject } };
}

function offeredTools(dialect: ApiDialect, body: JsonObject): OfferedTool[] {
  const tools = asArray(body.tools).map(asObject).filter((tool): tool is JsonObject => tool !== undefined);
  const named = (name: unknown, schema: unknown): OfferedTool[] => (typeof name === 'string' ? [{ name, schema }] : []);
  switch (dialect) {
    case 'openai-chat':
      return tools.flatMap((tool) => {
        const definition = asObject(tool.function);
        return definition ? named(definition.name, definition.parameters) : [];
      });
    case 'openai-responses':
      // Tools may also come in `additional_tools` input items (Codex CLI's newest models), grouped in namespaces.
      return responsesTools([...tools, ...asArray(body.input).map(asObject).flatMap((item) => (item?.type === 'additional_tools' ? asArray(item.tools).map(asObject) : []))])
        .filter((tool) => tool.type === 'function')
        .flatMap((tool) => named(tool.name, tool.parameters));
    case 'claude':
      // Server tools (web_search, bash_20250124, …) have no input_schema; only custom tools can be called.
      return tools.filter((tool) => tool.input_schema !== undefined).flatMap((tool) => named(tool.name, tool.input_schema));
    case 'gemini':
      return tools
        .flatMap((tool) => asArray(tool.functionDeclarations))
        .map(asObject)
        .flatMap((declaration) => (declaration ? named(declaration.name, declaration.parametersJsonSchema ?? declaration.parameters) : []));
  }
}

/** Responses tools with namespaces opened (a function in a namespace other than `functions` is `<namespace>__<name>`, as callers see it flat). */
function responsesTools(tools: Array<JsonObject | undefined>): JsonObject[] {
  return tools.flatMap((tool): JsonObject[] => {
    if (!tool) return [];
    if (tool.type !== 'namespace') return [tool];
    return asArray(tool.tools).map(asObject).flatMap((inner) => (inner ? [tool.name === 'functions' ? inner : { ...inner, name: `${String(tool.name)}__${String(inner.name)}` }] : []));
  });
}

/** Text of an array of `{type, text}` parts, or the string itself. */
function partsText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part) => asString(asObject(part)?.text) ?? '')
    .join('');
}

function lastToolResult(dialect: ApiDialect, body: JsonObject): string | undefined {
  let result: string | undefined;
  switch (dialect) {
    case 'openai-chat':
      for (const message of asArray(body.messages).map(asObject)) {
        if (message?.role === 'tool') result = partsText(message.content) ?? '';
      }
      return result;
    case 'openai-responses':
      for (const item of asArray(body.input).map(asObject)) {
        if (item?.type === 'function_call_output') result = partsText(item.output) ?? '';
      }
      return result;
    case 'claude':
      for (const message of asArray(body.messages).map(asObject)) {
        for (const block of asArray(message?.content).map(asObject)) {
          if (block?.type === 'tool_result') result = partsText(block.content) ?? '';
        }
      }
      return result;
    case 'gemini':
      for (const content of asArray(body.contents).map(asObject)) {
        for (const part of asArray(content?.parts).map(asObject)) {
          const functionResponse = asObject(part?.functionResponse);
          if (functionResponse) result = functionResponseText(functionResponse.response);
        }
      }
      return result;
  }
}

function functionResponseText(response: unknown): string {
  const object = asObject(response);
  for (const key of ['output', 'result', 'content']) {
    const value = object?.[key];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(response ?? {});
}
