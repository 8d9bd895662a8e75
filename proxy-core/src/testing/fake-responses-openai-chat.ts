import { asArray, asObject, estimateTokens, splitJson, splitText, unixSeconds, type JsonObject } from './fake-content.js';
import { chatCompletionId, chatToolCallId, openAiRequestId, systemFingerprint } from './fake-ids.js';
import { planTurn, type DefaultAnswerOptions } from './fake-tools.js';
import type { FakeResponse, RecordedRequest } from './fake-upstream-types.js';
import { pickUsage } from './fake-usage.js';
import { jsonEvent } from './sse-text.js';
import { vendorError } from './vendor-errors.js';

/** `POST …/chat/completions`, as api.openai.com answers it (JSON, or chunks ending `data: [DONE]`). */
export function answerChatCompletion(request: RecordedRequest, options: DefaultAnswerOptions): FakeResponse {
  const body = asObject(request.body);
  if (!body) return vendorError('openai', 400, 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)');
  if (typeof body.model !== 'string') return vendorError('openai', 400, 'you must provide a model parameter');
  if (asArray(body.messages).length === 0) return vendorError('openai', 400, "Missing required parameter: 'messages'.", { code: 'missing_required_parameter' });

  const plan = planTurn('openai-chat', body, options);
  const promptTokens = estimateTokens(request.rawBody);
  const toolCall = plan.kind === 'tool-call' ? { id: chatToolCallId(), name: plan.call.name, arguments: JSON.stringify(plan.call.arguments) } : undefined;
  const counts = pickUsage(options.usage, promptTokens, estimateTokens(plan.kind === 'text' ? plan.text : (toolCall?.arguments ?? '')));
  const usage =
    options.usage === 'none'
      ? undefined
      : {
          prompt_tokens: counts.input,
          completion_tokens: counts.output,
          total_tokens: counts.input + counts.output,
          prompt_tokens_details: { cached_tokens: counts.cached, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: counts.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        };
  const base = { id: chatCompletionId(), created: unixSeconds(), model: body.model, service_tier: 'default', system_fingerprint: systemFingerprint() };
  const headers = { 'x-request-id': openAiRequestId(), 'openai-processing-ms': '42' };
  const finishReason = toolCall ? 'tool_calls' : 'stop';

  if (body.stream !== true) {
    const message = toolCall
      ? { role: 'assistant', content: null, tool_calls: [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }], refusal: null, annotations: [] }
      : { role: 'assistant', content: plan.kind === 'text' ? plan.text : '', refusal: null, annotations: [] };
    return {
      kind: 'json',
      headers,
      body: { ...base, object: 'chat.completion', choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], ...(usage ? { usage } : {}) },
    };
  }

  // With include_usage every chunk carries `usage: null` and one last chunk with `choices: []` carries the totals.
  const includeUsage = asObject(body.stream_options)?.include_usage === true && usage !== undefined;
  const chunk = (delta: JsonObject, finish: string | null = null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const payloads: unknown[] = [];
  if (toolCall) {
    payloads.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: '' } }], refusal: null }));
    for (const piece of splitJson(toolCall.arguments)) payloads.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  } else {
    payloads.push(chunk({ role: 'assistant', content: '', refusal: null }));
    for (const piece of splitText(plan.kind === 'text' ? plan.text : '')) payloads.push(chunk({ content: piece }));
  }
  payloads.push(chunk({}, finishReason));
  if (includeUsage) payloads.push({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  return {
    kind: 'sse',
    headers,
    events: [...payloads.map(jsonEvent), { data: '[DONE]' }],
  };
}

/** `GET …/models`, OpenAI's list shape. */
/** OpenAI's `GET /v1/models`; `listed` replaces the default ids (a test's mutable list). */
export function openAiModelList(listed?: readonly string[]): FakeResponse {
  const created = 1_700_000_000;
  const ids = listed ?? ['gpt-5', 'gpt-5-mini', 'gpt-4.1', 'gpt-4o-mini'];
  return {
    kind: 'json',
    headers: { 'x-request-id': openAiRequestId() },
    body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'system' })) },
  };
}
