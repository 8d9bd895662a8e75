type Json = Record<string, any>;

/**
 * A whole Chat Completions answer as the SSE stream the same upstream would have sent: one chunk with the role,
 * reasoning, text and tool calls of each choice, one with its finish reason, one with the usage, then `[DONE]`.
 * For a client that asked to stream when the upstream could only answer in one piece (iFlow's 406 fallback).
 */
export function chatCompletionAsSse(whole: Buffer): Buffer {
  const answer = JSON.parse(whole.toString('utf8')) as Json;
  const base = { id: answer.id ?? 'chatcmpl-fallback', object: 'chat.completion.chunk', created: answer.created ?? 0, model: answer.model };
  const events: Json[] = [];
  for (const choice of (answer.choices ?? []) as Json[]) {
    const message = (choice.message ?? {}) as Json;
    const delta: Json = { role: 'assistant' };
    if (typeof message.reasoning_content === 'string' && message.reasoning_content) delta.reasoning_content = message.reasoning_content;
    if (typeof message.content === 'string' && message.content) delta.content = message.content;
    if (Array.isArray(message.tool_calls) && message.tool_calls.length) delta.tool_calls = (message.tool_calls as Json[]).map((call, index) => ({ index, ...call }));
    events.push({ ...base, choices: [{ index: choice.index ?? 0, delta, finish_reason: null }] });
    events.push({ ...base, choices: [{ index: choice.index ?? 0, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }] });
  }
  if (answer.usage) events.push({ ...base, choices: [], usage: answer.usage });
  return Buffer.from(`${events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')}data: [DONE]\n\n`);
}
