import { asArray, asObject, estimateTokens, splitJson, splitText, unixSeconds, type JsonObject } from './fake-content.js';
import { chatToolCallId, opaqueBlob, openAiRequestId, responseCompactionId, responseFunctionCallId, responseId, responseMessageId } from './fake-ids.js';
import { planTurn, type DefaultAnswerOptions } from './fake-tools.js';
import type { FakeResponse, FakeSseEvent, RecordedRequest } from './fake-upstream-types.js';
import { pickUsage, type FakeUsageSetting } from './fake-usage.js';
import { namedJsonEvent } from './sse-text.js';
import { vendorError } from './vendor-errors.js';

function responseUsage(inputTokens: number, outputTokens: number, setting?: FakeUsageSetting): JsonObject | null {
  if (setting === 'none') return null;
  const counts = pickUsage(setting, inputTokens, outputTokens);
  return {
    input_tokens: counts.input,
    input_tokens_details: { cached_tokens: counts.cached },
    output_tokens: counts.output,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: counts.input + counts.output,
  };
}

/** The Response object's fixed fields, echoing the request's settings as the real API does. */
function responseEnvelope(body: JsonObject, id: string, createdAt: number): JsonObject {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: body.model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: { effort: asObject(body.reasoning)?.effort ?? null, summary: asObject(body.reasoning)?.summary ?? null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

/** `POST …/responses`: a Response object, or the full named-event stream with `sequence_number`s. */
export function answerResponses(request: RecordedRequest, options: DefaultAnswerOptions): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('openai', 400, 'We could not parse the JSON body of your request.');
  if (typeof body.model !== 'string') return vendorError('openai', 400, "Missing required parameter: 'model'.", { code: 'missing_required_parameter' });

  const plan = planTurn('openai-responses', body, options);
  const createdAt = unixSeconds();
  const envelope = responseEnvelope(body, responseId(), createdAt);
  const inputTokens = estimateTokens(request.rawBody);
  const headers = { 'x-request-id': openAiRequestId(), 'openai-processing-ms': '42' };

  const item: JsonObject =
    plan.kind === 'tool-call'
      ? { id: responseFunctionCallId(), type: 'function_call', status: 'completed', arguments: JSON.stringify(plan.call.arguments), call_id: chatToolCallId(), name: plan.call.name }
      : { id: responseMessageId(), type: 'message', status: 'completed', content: [{ type: 'output_text', annotations: [], logprobs: [], text: plan.text }], role: 'assistant' };
  const outputTokens = estimateTokens(plan.kind === 'text' ? plan.text : String(item.arguments));
  const completed = { ...envelope, status: 'completed', completed_at: createdAt, output: [item], usage: responseUsage(inputTokens, outputTokens, options.usage) };

  if (body.stream !== true) return { kind: 'json', headers, body: completed };

  let sequence = 0;
  const events: FakeSseEvent[] = [];
  const emit = (type: string, fields: JsonObject) => events.push(namedJsonEvent(type, { type, sequence_number: sequence++, ...fields }));
  emit('response.created', { response: envelope });
  emit('response.in_progress', { response: envelope });
  const itemId = item.id;
  if (plan.kind === 'tool-call') {
    const argumentsText = String(item.arguments);
    emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const piece of splitJson(argumentsText)) emit('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta: piece });
    emit('response.function_call_arguments.done', { item_id: itemId, output_index: 0, name: plan.call.name, arguments: argumentsText });
  } else {
    const part = { type: 'output_text', annotations: [], logprobs: [], text: '' };
    emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    emit('response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part });
    for (const piece of splitText(plan.text)) emit('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: piece, logprobs: [] });
    emit('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text: plan.text, logprobs: [] });
    emit('response.content_part.done', { item_id: itemId, output_index: 0, content_index: 0, part: { ...part, text: plan.text } });
  }
  emit('response.output_item.done', { output_index: 0, item });
  emit('response.completed', { response: completed });
  return { kind: 'sse', headers, events };
}

/**
 * `POST …/responses/compact`: the real endpoint answers a `response.compaction` object whose output is the user
 * messages of the input followed by one opaque `compaction` item. It never streams.
 */
export function answerResponsesCompact(request: RecordedRequest): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('openai', 400, 'We could not parse the JSON body of your request.');
  if (typeof body.model !== 'string') return vendorError('openai', 400, "Missing required parameter: 'model'.", { code: 'missing_required_parameter' });
  const userMessages = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : asArray(body.input).map(asObject).filter((item) => item?.role === 'user');
  const output = [
    ...userMessages.map((message) => ({
      id: responseMessageId(),
      type: 'message',
      status: 'completed',
      role: 'user',
      content: typeof message?.content === 'string' ? [{ type: 'input_text', text: message.content }] : asArray(message?.content),
    })),
    { id: responseCompactionId(), type: 'compaction', encrypted_content: opaqueBlob() },
  ];
  const inputTokens = estimateTokens(request.rawBody);
  return {
    kind: 'json',
    headers: { 'x-request-id': openAiRequestId() },
    body: { id: responseId(), object: 'response.compaction', created_at: unixSeconds(), output, usage: responseUsage(inputTokens, 64) },
  };
}
