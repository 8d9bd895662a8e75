import { asObject, estimateTokens, splitJson, splitText, type JsonObject } from './fake-content.js';
import { anthropicRequestId, claudeMessageId, claudeToolUseId } from './fake-ids.js';
import { planTurn, type DefaultAnswerOptions } from './fake-tools.js';
import type { FakeResponse, FakeSseEvent, RecordedRequest } from './fake-upstream-types.js';
import { pickUsage, type FakeUsage } from './fake-usage.js';
import { namedJsonEvent } from './sse-text.js';
import { vendorError } from './vendor-errors.js';

function missingField(body: JsonObject, fields: string[]): FakeResponse | undefined {
  for (const field of fields) {
    if (body[field] === undefined) return vendorError('claude', 400, `${field}: Field required`);
  }
  if (!Array.isArray(body.messages)) return vendorError('claude', 400, 'messages: Input should be a valid list');
  return undefined;
}

/** Claude's `input_tokens` leaves out cache reads, which it reports on their own; it has no reasoning count. */
function claudeUsage(counts: Required<FakeUsage>, outputTokens = counts.output): JsonObject {
  return {
    input_tokens: counts.input - counts.cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: counts.cached,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** `POST …/messages`, as api.anthropic.com answers it (JSON, or the named-event stream). */
export function answerClaudeMessages(request: RecordedRequest, options: DefaultAnswerOptions): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('claude', 400, 'There was an issue with your request body: expected a JSON object.');
  const invalid = missingField(body, ['model', 'max_tokens', 'messages']);
  if (invalid) return invalid;

  const plan = planTurn('claude', body, options);
  const inputTokens = estimateTokens(request.rawBody);
  const block: JsonObject =
    plan.kind === 'tool-call' ? { type: 'tool_use', id: claudeToolUseId(), name: plan.call.name, input: plan.call.arguments } : { type: 'text', text: plan.text };
  const counts = pickUsage(options.usage, inputTokens, estimateTokens(plan.kind === 'text' ? plan.text : JSON.stringify(plan.call.arguments)));
  const withUsage = (fields: JsonObject): JsonObject => (options.usage === 'none' ? {} : fields);
  const stopReason = plan.kind === 'tool-call' ? 'tool_use' : 'end_turn';
  const message = { id: claudeMessageId(), type: 'message', role: 'assistant', model: body.model, content: [block], stop_reason: stopReason, stop_sequence: null };
  const headers = { 'request-id': anthropicRequestId() };

  if (body.stream !== true) return { kind: 'json', headers, body: { ...message, ...withUsage({ usage: claudeUsage(counts) }) } };

  const events: FakeSseEvent[] = [];
  const emit = (type: string, fields: JsonObject = {}) => events.push(namedJsonEvent(type, { type, ...fields }));
  emit('message_start', { message: { ...message, content: [], stop_reason: null, ...withUsage({ usage: claudeUsage(counts, Math.min(1, counts.output)) }) } });
  if (plan.kind === 'tool-call') {
    emit('content_block_start', { index: 0, content_block: { ...block, input: {} } });
    emit('ping');
    emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '' } });
    for (const piece of splitJson(JSON.stringify(plan.call.arguments))) emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } });
  } else {
    emit('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    emit('ping');
    for (const piece of splitText(plan.text)) emit('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  }
  emit('content_block_stop', { index: 0 });
  emit('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    ...withUsage({ usage: { input_tokens: counts.input - counts.cached, cache_creation_input_tokens: 0, cache_read_input_tokens: counts.cached, output_tokens: counts.output } }),
  });
  emit('message_stop');
  return { kind: 'sse', headers, events };
}

/** `POST …/messages/count_tokens`: `{input_tokens}` estimated from the body length. */
export function answerClaudeCountTokens(request: RecordedRequest): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('claude', 400, 'There was an issue with your request body: expected a JSON object.');
  const invalid = missingField(body, ['model', 'messages']);
  if (invalid) return invalid;
  return { kind: 'json', headers: { 'request-id': anthropicRequestId() }, body: { input_tokens: estimateTokens(request.rawBody) } };
}

/** `GET /v1/models` with an `anthropic-version` header: Anthropic's paged model list. */
/** Anthropic's `GET /v1/models`; `ids` replaces the default two models (a test's mutable list). */
export function claudeModelList(ids?: readonly string[]): FakeResponse {
  const models = ids
    ? ids.map((id) => ({ id, display_name: id, created_at: '2026-01-01T00:00:00Z' }))
    : [
        { id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
        { id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
      ];
  const data = models.map((model) => ({ type: 'model', ...model }));
  return {
    kind: 'json',
    headers: { 'request-id': anthropicRequestId() },
    body: { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
  };
}
