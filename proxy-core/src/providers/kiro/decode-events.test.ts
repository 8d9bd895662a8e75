import { describe, expect, it } from 'vitest';
import { createEventStreamDecoder } from './event-stream-decoder.js';
import { encodeKiroEvent, encodeKiroException } from './event-stream-encoder.js';
import { createKiroEventDecoder } from './decode-events.js';

function decodeAll(frames: Buffer[]) {
  const messages = createEventStreamDecoder().push(Buffer.concat(frames));
  const decoder = createKiroEventDecoder();
  const parts = [...messages.flatMap((message) => decoder.push(message)), ...decoder.flush()];
  return { parts, credits: decoder.credits() };
}

describe('Kiro events → IR stream parts', () => {
  it('reasoning then text then a streamed tool call, with usage and metering', () => {
    const { parts, credits } = decodeAll([
      encodeKiroEvent('reasoningContentEvent', { text: 'Hmm.' }),
      encodeKiroEvent('assistantResponseEvent', { content: 'Sure.' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tu1', name: 'ls', input: '{"pa' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tu1', name: 'ls', input: 'th":"/"}' }),
      encodeKiroEvent('toolUseEvent', { toolUseId: 'tu1', name: 'ls', stop: true }),
      encodeKiroEvent('meteringEvent', { unit: 'credit', unitPlural: 'credits', usage: 0.25 }),
      encodeKiroEvent('metadataEvent', { tokenUsage: { uncachedInputTokens: 10, cacheReadInputTokens: 5, outputTokens: 3 } }),
      encodeKiroEvent('followupPromptEvent', { followupPrompt: { content: 'ignored' } }),
    ]);
    expect(parts).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Sure.' },
      { type: 'text-end', id: 'text-1' },
      { type: 'tool-input-start', id: 'tu1', name: 'ls' },
      { type: 'tool-input-delta', id: 'tu1', delta: '{"pa' },
      { type: 'tool-input-delta', id: 'tu1', delta: 'th":"/"}' },
      { type: 'tool-input-end', id: 'tu1' },
      { type: 'tool-call', id: 'tu1', name: 'ls', arguments: '{"path":"/"}' },
      { type: 'usage', usage: { inputTokens: 15, outputTokens: 3, cachedInputTokens: 5 } },
      { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 15, outputTokens: 3, cachedInputTokens: 5 } },
    ]);
    expect(credits).toBe(0.25);
  });

  it('an exception message becomes one error part and nothing follows it', () => {
    const { parts } = decodeAll([encodeKiroEvent('assistantResponseEvent', { content: 'a' }), encodeKiroException('ThrottlingException', 'Too many requests'), encodeKiroEvent('assistantResponseEvent', { content: 'b' })]);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', id: 'text-0' },
      { type: 'error', status: 429, message: 'Kiro: ThrottlingException: Too many requests', code: 'upstream_error' },
    ]);
  });

  it('a ValidationException payload inside a 200 stream is a 400 the client sees', () => {
    const { parts } = decodeAll([encodeKiroEvent('assistantResponseEvent', { _type: 'com.amazon.aws.codewhisperer#ValidationException', message: 'Improperly formed request.' })]);
    expect(parts).toEqual([{ type: 'error', status: 400, message: 'Kiro: ValidationException: Improperly formed request.', code: 'invalid_request' }]);
  });

  it('max_tokens stop reason → length', () => {
    const { parts } = decodeAll([encodeKiroEvent('assistantResponseEvent', { content: 'cut' }), encodeKiroEvent('messageStopEvent', { stopReason: 'max_tokens' })]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } });
  });
});
