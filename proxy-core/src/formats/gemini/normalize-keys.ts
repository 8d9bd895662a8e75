/**
 * The Gemini REST API accepts proto field names in snake_case as well as camelCase (the Python SDK and
 * hand-written requests send `system_instruction`, `inline_data`, `thinking_config`, …). We read both
 * spellings of the fields we map; the camelCase one wins when both are present. Only known keys at known
 * levels are renamed, never user data such as `functionCall.args`.
 */
import { isRecord } from './gemini-extras.js';

type KeyMap = Readonly<Record<string, string>>;

export const REQUEST_KEYS: KeyMap = {
  system_instruction: 'systemInstruction',
  generation_config: 'generationConfig',
  tool_config: 'toolConfig',
};

export const PART_KEYS: KeyMap = {
  inline_data: 'inlineData',
  file_data: 'fileData',
  function_call: 'functionCall',
  function_response: 'functionResponse',
  thought_signature: 'thoughtSignature',
  executable_code: 'executableCode',
  code_execution_result: 'codeExecutionResult',
};

export const BLOB_KEYS: KeyMap = { mime_type: 'mimeType', file_uri: 'fileUri' };

export const GENERATION_CONFIG_KEYS: KeyMap = {
  max_output_tokens: 'maxOutputTokens',
  top_p: 'topP',
  top_k: 'topK',
  stop_sequences: 'stopSequences',
  candidate_count: 'candidateCount',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  response_mime_type: 'responseMimeType',
  response_schema: 'responseSchema',
  response_json_schema: 'responseJsonSchema',
  thinking_config: 'thinkingConfig',
  thinking_level: 'thinkingLevel',
};

export const THINKING_CONFIG_KEYS: KeyMap = {
  thinking_budget: 'thinkingBudget',
  thinking_level: 'thinkingLevel',
  include_thoughts: 'includeThoughts',
};

export const TOOL_KEYS: KeyMap = { function_declarations: 'functionDeclarations' };

export const FUNCTION_DECLARATION_KEYS: KeyMap = { parameters_json_schema: 'parametersJsonSchema' };

export const TOOL_CONFIG_KEYS: KeyMap = { function_calling_config: 'functionCallingConfig' };

export const FUNCTION_CALLING_CONFIG_KEYS: KeyMap = { allowed_function_names: 'allowedFunctionNames' };

/** A copy of `value` (when it is an object) with the snake_case keys of `keys` renamed. */
export function camelize(value: unknown, keys: KeyMap): unknown {
  if (!isRecord(value)) return value;
  let result: Record<string, unknown> | undefined;
  for (const [snake, camel] of Object.entries(keys)) {
    if (!(snake in value)) continue;
    result ??= { ...value };
    if (result[camel] === undefined) result[camel] = result[snake];
    delete result[snake];
  }
  return result ?? value;
}

/** A part with snake_case keys renamed, including inside `inlineData` and `fileData`. */
export function camelizePart(value: unknown): unknown {
  const part = camelize(value, PART_KEYS);
  if (!isRecord(part)) return part;
  const inlineData = camelize(part.inlineData, BLOB_KEYS);
  const fileData = camelize(part.fileData, BLOB_KEYS);
  if (inlineData === part.inlineData && fileData === part.fileData) return part;
  return { ...part, ...(inlineData !== undefined ? { inlineData } : {}), ...(fileData !== undefined ? { fileData } : {}) };
}
