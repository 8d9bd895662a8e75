/** A Responses request body → `IrRequest`. Throws a 400 `ProxyError` naming the field at fault. */
import type { EnvelopeHints, IrRequest } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { decodeInput } from './decode-input.js';
import { decodeReasoning, decodeTextFormat, decodeToolChoice, decodeTools } from './decode-tools.js';
import { isRecord, toExtras, unknownFields } from './responses-extras.js';
import { invalidAt, parseAt, requestSchema } from './schema.js';

/** Mapped into the IR; everything else (`store`, `include`, `metadata`, `client_metadata`, …) is kept in extras. */
const MAPPED_FIELDS = [
  'model',
  'input',
  'instructions',
  'stream',
  'max_output_tokens',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning',
  'text',
  'prompt_cache_key',
  'user',
] as const;

/** The tool lists of `additional_tools` input items (Codex CLI declares its tools there on its newest models). */
function additionalTools(input: unknown): Array<{ tools: unknown[]; path: Array<string | number> }> {
  if (!Array.isArray(input)) return [];
  const groups: Array<{ tools: unknown[]; path: Array<string | number> }> = [];
  input.forEach((item, index) => {
    if (!isRecord(item) || item.type !== 'additional_tools') return;
    if (!Array.isArray(item.tools)) invalidAt(['input', index, 'tools'], 'must be an array of tools.');
    groups.push({ tools: item.tools, path: ['input', index, 'tools'] });
  });
  return groups;
}

export function decodeRequest(body: unknown): IrRequest {
  const request = parseAt(requestSchema, body, []);
  if (typeof request.previous_response_id === 'string' && request.previous_response_id !== '') {
    // Answers from other vendors are not stored anywhere an upstream could look them up.
    throw invalidRequest(
      '`previous_response_id` needs the conversation stored upstream, which this model cannot do: send the whole conversation in `input` (as Codex CLI does with `store: false`).',
      { param: 'previous_response_id' },
    );
  }
  const { system, messages } = decodeInput(request.instructions, request.input);
  const result: IrRequest = { model: request.model, system, messages, stream: request.stream ?? false, source: 'openai-responses' };

  const tools = decodeTools(request.tools, additionalTools(request.input));
  if (tools) result.tools = tools;
  const toolChoice = decodeToolChoice(request.tool_choice);
  if (toolChoice) result.toolChoice = toolChoice;
  if (request.parallel_tool_calls != null) result.parallelToolCalls = request.parallel_tool_calls;
  if (request.max_output_tokens != null) result.maxOutputTokens = request.max_output_tokens;
  if (request.temperature != null) result.temperature = request.temperature;
  if (request.top_p != null) result.topP = request.top_p;
  const responseFormat = decodeTextFormat(request.text);
  if (responseFormat) result.responseFormat = responseFormat;
  const reasoning = decodeReasoning(request.reasoning);
  if (reasoning) result.reasoning = reasoning;

  const envelope: EnvelopeHints = {};
  if (request.instructions != null) envelope.instructions = request.instructions;
  if (request.prompt_cache_key) envelope.promptCacheKey = envelope.sessionId = request.prompt_cache_key;
  if (request.user) envelope.user = request.user;
  if (Object.keys(envelope).length > 0) result.envelope = envelope;

  const extras = toExtras(unknownFields(request, MAPPED_FIELDS));
  if (extras) result.extras = extras;
  return result;
}
