/** A Messages API request body → `IrRequest`. Throws a 400 `ProxyError` naming the field at fault. */
import type { EnvelopeHints, IrRequest } from '../../ir/index.js';
import { isRecord, unknownFields, withExtras } from './claude-extras.js';
import { decodeMessages, decodeSystem } from './decode-messages.js';
import { decodeResponseFormat, decodeThinking } from './decode-thinking.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { messagesRequestSchema, parseAt, type MessagesRequest } from './schema.js';

/**
 * Top-level fields mapped into the IR. Everything else (`context_management`, `container`, `mcp_servers`,
 * `service_tier`, `speed`, …) is kept in `extras['claude-messages']`, and so are the raw `thinking`,
 * `output_config`, `output_format` and `metadata` objects (re-emitted verbatim when unchanged).
 */
const MAPPED_FIELDS = [
  'model',
  'messages',
  'system',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'tools',
  'tool_choice',
] as const;

/**
 * The session a Claude Code `metadata.user_id` names: its JSON form (`{"device_id","account_uuid","session_id"}`)
 * or the older `user_<hash>_account_<uuid>_session_<uuid>` form. Otherwise the whole value.
 */
export function sessionFromUserId(userId: string): string {
  const trimmed = userId.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (isRecord(parsed) && typeof parsed.session_id === 'string' && parsed.session_id !== '') return parsed.session_id;
    } catch {
      // Not JSON after all: use the value as it is.
    }
  }
  const legacy = /_session_([0-9a-fA-F-]{8,})$/.exec(trimmed);
  return legacy ? legacy[1] : userId;
}

function envelopeOf(request: MessagesRequest): EnvelopeHints | undefined {
  const userId = request.metadata?.user_id;
  if (typeof userId !== 'string' || userId === '') return undefined;
  return { user: userId, sessionId: sessionFromUserId(userId) };
}

export function decodeRequest(body: unknown): IrRequest {
  const request = parseAt(messagesRequestSchema, body, []);
  const system = decodeSystem(request.system);
  const result: IrRequest = {
    model: request.model,
    system: system.parts,
    messages: decodeMessages(request.messages),
    stream: request.stream ?? false,
    source: 'claude-messages',
  };

  const tools = decodeTools(request);
  if (tools) result.tools = tools;
  const { toolChoice, parallelToolCalls } = decodeToolChoice(request);
  if (toolChoice) result.toolChoice = toolChoice;
  if (parallelToolCalls !== undefined) result.parallelToolCalls = parallelToolCalls;

  if (request.max_tokens != null) result.maxOutputTokens = request.max_tokens;
  if (request.temperature != null) result.temperature = request.temperature;
  if (request.top_p != null) result.topP = request.top_p;
  if (request.top_k != null) result.topK = request.top_k;
  if (request.stop_sequences != null) result.stopSequences = request.stop_sequences;

  const reasoning = decodeThinking(request.thinking, request.output_config);
  if (reasoning) result.reasoning = reasoning;
  const responseFormat = decodeResponseFormat(request.output_config, request.output_format);
  if (responseFormat) result.responseFormat = responseFormat;
  const envelope = envelopeOf(request);
  if (envelope) result.envelope = envelope;

  return withExtras(result, {
    ...unknownFields(request, MAPPED_FIELDS),
    ...(system.blocks ? { system_form: 'blocks' } : {}),
  });
}
