/**
 * `IrRequest` → a Messages API body for a Claude upstream.
 *
 * Decisions (the brief left them open):
 *  - `max_tokens` is required by Anthropic: without one in the IR we send 32000, the reference's default for
 *    Claude targets (inventory §5.9), which leaves room for every thinking level up to `high`.
 *  - Thinking (see `encode-thinking.ts`) is left off when the tool choice forces a tool, or — for requests
 *    from other formats — when the tool loop in progress has no signed thinking to replay; Anthropic rejects
 *    both combinations.
 *  - With thinking on, `temperature` and `top_k` are dropped and `top_p` is kept only from 0.95 up (Anthropic's
 *    limits). From other formats, `top_p` next to `temperature` is dropped (newer Claude models accept only
 *    one of them).
 *  - A JSON response format has no portable Claude switch: a system instruction asks for JSON (with the
 *    schema when there is one). A Claude client's own `output_config.format` is re-sent as it was.
 *  - `presence/frequency_penalty`, `seed` and `n` have no Claude equivalent and are not sent.
 * Fields Claude clients sent that the IR has no slot for come back from `extras['claude-messages']`.
 */
import type { IrRequest, ResponseFormat, TextPart } from '../../ir/index.js';
import type { EncodeRequestOptions } from '../wire-format.js';
import { isRecord, jsonEqual, omitKeys, ownExtras } from './claude-extras.js';
import { encodeTextPart, type Block } from './encode-content.js';
import { encodeMessages, toolLoopLacksThinking } from './encode-messages.js';
import { planThinking, type ThinkingPlan } from './encode-thinking.js';
import { encodeToolChoice, encodeTools, forcesToolUse } from './encode-tools.js';
import { decodeResponseFormat } from './decode-thinking.js';
import { jsonOutputFormatSchema, outputConfigSchema } from './schema.js';

export const DEFAULT_MAX_TOKENS = 32_000;

const EXTRAS_HANDLED = ['thinking', 'output_config', 'output_format', 'metadata', 'system_form'];

export interface EncodedRequest {
  body: Record<string, unknown>;
  /** What could not be sent as asked (the IR and the wire contract have no warnings channel yet). */
  warnings: string[];
}

function jsonInstruction(format: Extract<ResponseFormat, { type: 'json' }>): TextPart {
  let text = 'Respond with one valid JSON value only: no prose before or after it and no Markdown code fences.';
  if (format.schema !== undefined) text += `\nThe JSON must conform to this JSON Schema:\n${JSON.stringify(format.schema)}`;
  return { type: 'text', text };
}

/**
 * Whether a Claude client's own `output_config.format` / `output_format` (including kinds we do not map) go
 * back as they came: the IR still asks for the same response format.
 */
function keepsClientFormat(request: IrRequest, own: Record<string, unknown>): boolean {
  if (request.source !== 'claude-messages') return false;
  const outputConfig = outputConfigSchema.nullish().safeParse(own.output_config);
  const outputFormat = jsonOutputFormatSchema.nullish().safeParse(own.output_format);
  if (!outputConfig.success || !outputFormat.success) return false;
  return jsonEqual(decodeResponseFormat(outputConfig.data, outputFormat.data), request.responseFormat);
}

function encodeSystem(request: IrRequest, own: Record<string, unknown>, keepFormat: boolean): string | Block[] | undefined {
  const native = request.source === 'claude-messages';
  const parts = request.system.filter((part) => native || part.text.trim() !== '');
  if (request.responseFormat?.type === 'json' && !keepFormat) parts.push(jsonInstruction(request.responseFormat));
  const blocks = parts.map(encodeTextPart);
  if (blocks.length === 0) return undefined;
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return only && Object.keys(only).length === 2 && own.system_form !== 'blocks' ? (only.text as string) : blocks;
}

const THINKING_OFF: ThinkingPlan = { effort: null, enabled: false, verbatim: false };

export function encodeRequestWithWarnings(request: IrRequest, options: EncodeRequestOptions): EncodedRequest {
  const own = ownExtras(request.extras);
  const native = request.source === 'claude-messages';
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const maxTokens = request.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const keepFormat = keepsClientFormat(request, own);

  const body: Record<string, unknown> = { ...omitKeys(own, EXTRAS_HANDLED), model: options.model };
  const system = encodeSystem(request, own, keepFormat);
  if (system !== undefined) body.system = system;
  const messages = encodeMessages(request, warn);
  body.messages = messages;
  body.max_tokens = maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined && (native || request.temperature === undefined)) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  body.stream = options.stream;

  const metadata: Record<string, unknown> = isRecord(own.metadata) ? { ...own.metadata } : {};
  if (request.envelope?.user !== undefined) metadata.user_id = request.envelope.user;
  if (Object.keys(metadata).length > 0) body.metadata = metadata;

  const tools = encodeTools(request, warn);
  const toolChoice = tools.length > 0 ? encodeToolChoice(request.toolChoice, request.parallelToolCalls, tools) : undefined;
  if (tools.length > 0) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;

  let plan = planThinking(request, maxTokens);
  if (plan.dropped) warn(`Thinking was left off: ${plan.dropped}.`);
  if (plan.enabled && !plan.verbatim && forcesToolUse(toolChoice)) {
    warn('Thinking was left off: Anthropic does not allow it when the tool choice forces a tool call.');
    plan = THINKING_OFF;
  } else if (plan.enabled && !plan.verbatim && !native && toolLoopLacksThinking(messages)) {
    warn('Thinking was left off for this turn: the tool loop in progress carries no Claude-signed thinking to replay.');
    plan = THINKING_OFF;
  }
  if (plan.thinking) body.thinking = plan.thinking;
  if (plan.enabled && !plan.verbatim) {
    if (body.temperature !== undefined) warn('temperature was not sent: Anthropic rejects it while thinking is on.');
    delete body.temperature;
    delete body.top_k;
    if (typeof body.top_p === 'number' && body.top_p < 0.95) delete body.top_p;
  }

  const outputConfig: Record<string, unknown> = isRecord(own.output_config) ? { ...own.output_config } : {};
  if (plan.effort === null) delete outputConfig.effort;
  else if (typeof plan.effort === 'string') outputConfig.effort = plan.effort;
  if (!keepFormat) delete outputConfig.format;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  if (keepFormat && own.output_format !== undefined) body.output_format = own.output_format;

  return { body, warnings };
}

export function encodeRequest(request: IrRequest, options: EncodeRequestOptions): Record<string, unknown> {
  return encodeRequestWithWarnings(request, options).body;
}
