import type { FormatExtras, FormatId } from './extras.js';

export type JsonSchema = Record<string, unknown>;

export interface FunctionTool {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments (always an object schema; `{type:'object'}` when the client sent none). */
  inputSchema: JsonSchema;
  strict?: boolean;
  extras?: FormatExtras;
}

/** Responses "custom" tools: free-text input, optionally with a grammar. */
export interface CustomTool {
  type: 'custom';
  name: string;
  description?: string;
  format?: Record<string, unknown>;
  extras?: FormatExtras;
}

/**
 * A vendor built-in tool (web search, code execution, Codex namespaces, …). `kind` is the normalised
 * purpose; `raw` keeps the original definition so a same-format trip is exact.
 */
export interface BuiltinTool {
  type: 'builtin';
  kind: 'web-search' | 'code-execution' | 'namespace' | 'other';
  name: string;
  source: FormatId;
  raw: Record<string, unknown>;
}

export type Tool = FunctionTool | CustomTool | BuiltinTool;

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };
