/**
 * Upstream answers that carry reasoning, in each vendor's own shape (the fake's defaults answer plain text):
 * Gemini thought parts with a `thoughtSignature`, Claude thinking blocks with a signature, Chat
 * `reasoning_content`, Responses reasoning items with a summary and `encrypted_content`. Each answers JSON or
 * a stream, as the request asked (Gemini by action, the others by `stream`).
 */
import type { FakeResponse, FakeSseEvent, RecordedRequest } from '../../src/testing/index.js';

export const THOUGHT = 'The user wants a sum. 2 plus 2 is 4.';
export const ANSWER = 'The answer is 4.';
export const GEMINI_SIGNATURE = 'CiQBGeminiThoughtSignature0001==';
export const CLAUDE_SIGNATURE = 'EqQBCkYIBxgCKkDsignatureFromClaude==';
export const OPENAI_ENCRYPTED = 'gAAAAABencryptedReasoningFromOpenAI==';

const THOUGHT_PIECES = ['The user wants a sum. ', '2 plus 2 is 4.'];
const named = (event: string, payload: Record<string, unknown>): FakeSseEvent => ({ event, data: JSON.stringify({ type: event, ...payload }) });
const unnamed = (payload: unknown): FakeSseEvent => ({ data: JSON.stringify(payload) });
const streams = (request: RecordedRequest) => (request.body as { stream?: unknown } | undefined)?.stream === true;

/** Gemini 2.5/3 with `includeThoughts`: a thought part (signed), then the answer. */
export function geminiThinking(request: RecordedRequest): FakeResponse {
  const usageMetadata = { promptTokenCount: 20, candidatesTokenCount: 5, thoughtsTokenCount: 10, totalTokenCount: 35 };
  const candidate = (parts: unknown[], last: boolean) => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
    ...(last ? { usageMetadata } : {}),
    modelVersion: 'gemini-upstream',
    responseId: 'resp-thinking',
  });
  if (!request.path.endsWith(':streamGenerateContent')) {
    return { kind: 'json', body: candidate([{ text: THOUGHT, thought: true, thoughtSignature: GEMINI_SIGNATURE }, { text: ANSWER }], true) };
  }
  return {
    kind: 'sse',
    events: [
      unnamed(candidate([{ text: THOUGHT_PIECES[0], thought: true }], false)),
      unnamed(candidate([{ text: THOUGHT_PIECES[1], thought: true, thoughtSignature: GEMINI_SIGNATURE }], false)),
      unnamed(candidate([{ text: ANSWER }], true)),
    ],
  };
}

/** Claude with thinking on: a signed thinking block, then text. */
export function claudeThinking(request: RecordedRequest): FakeResponse {
  const message = { id: 'msg_thinking', type: 'message', role: 'assistant', model: 'claude-upstream', stop_sequence: null };
  if (!streams(request)) {
    return {
      kind: 'json',
      body: {
        ...message,
        content: [
          { type: 'thinking', thinking: THOUGHT, signature: CLAUDE_SIGNATURE },
          { type: 'text', text: ANSWER },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 20, output_tokens: 15 },
      },
    };
  }
  return {
    kind: 'sse',
    events: [
      named('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 20, output_tokens: 1 } } }),
      named('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      ...THOUGHT_PIECES.map((thinking) => named('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking } })),
      named('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: CLAUDE_SIGNATURE } }),
      named('content_block_stop', { index: 0 }),
      named('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
      named('content_block_delta', { index: 1, delta: { type: 'text_delta', text: ANSWER } }),
      named('content_block_stop', { index: 1 }),
      named('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }),
      named('message_stop', {}),
    ],
  };
}

/** An OpenAI-compatible reasoning model (DeepSeek, Qwen, vLLM): `reasoning_content` beside `content`. */
export function chatReasoning(request: RecordedRequest): FakeResponse {
  const base = { id: 'chatcmpl-thinking', created: 1767225600, model: 'upstream-chat' };
  const usage = { prompt_tokens: 20, completion_tokens: 15, total_tokens: 35, completion_tokens_details: { reasoning_tokens: 10 } };
  if (!streams(request)) {
    return {
      kind: 'json',
      body: { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ANSWER, reasoning_content: THOUGHT }, finish_reason: 'stop' }], usage },
    };
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) =>
    unnamed({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...extra });
  return {
    kind: 'sse',
    events: [
      chunk({ role: 'assistant', reasoning_content: THOUGHT_PIECES[0] }),
      chunk({ reasoning_content: THOUGHT_PIECES[1] }),
      chunk({ content: ANSWER }),
      chunk({}, 'stop', { usage }),
      { data: '[DONE]' },
    ],
  };
}

/** A Responses reasoning model with `reasoning.summary`: a reasoning item (summary + encrypted proof), then the message. */
export function responsesReasoning(request: RecordedRequest): FakeResponse {
  const reasoning = { id: 'rs_thinking', type: 'reasoning', summary: [{ type: 'summary_text', text: THOUGHT }], encrypted_content: OPENAI_ENCRYPTED };
  const message = { id: 'msg_thinking', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: ANSWER, annotations: [] }] };
  const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 15, output_tokens_details: { reasoning_tokens: 10 }, total_tokens: 35 };
  const response = { id: 'resp_thinking', object: 'response', created_at: 1767225600, model: 'gpt-upstream' };
  if (!streams(request)) return { kind: 'json', body: { ...response, status: 'completed', output: [reasoning, message], usage } };
  let sequence = 0;
  const event = (type: string, payload: Record<string, unknown>) => named(type, { sequence_number: sequence++, ...payload });
  const summary = { item_id: 'rs_thinking', output_index: 0, summary_index: 0 };
  return {
    kind: 'sse',
    events: [
      event('response.created', { response: { ...response, status: 'in_progress', output: [] } }),
      event('response.output_item.added', { output_index: 0, item: { id: 'rs_thinking', type: 'reasoning', summary: [] } }),
      event('response.reasoning_summary_part.added', { ...summary, part: { type: 'summary_text', text: '' } }),
      ...THOUGHT_PIECES.map((delta) => event('response.reasoning_summary_text.delta', { ...summary, delta })),
      event('response.reasoning_summary_text.done', { ...summary, text: THOUGHT }),
      event('response.reasoning_summary_part.done', { ...summary, part: { type: 'summary_text', text: THOUGHT } }),
      event('response.output_item.done', { output_index: 0, item: reasoning }),
      event('response.output_item.added', { output_index: 1, item: { ...message, status: 'in_progress', content: [] } }),
      event('response.output_text.delta', { item_id: 'msg_thinking', output_index: 1, content_index: 0, delta: ANSWER }),
      event('response.output_item.done', { output_index: 1, item: message }),
      event('response.completed', { response: { ...response, status: 'completed', output: [reasoning, message], usage } }),
    ],
  };
}
