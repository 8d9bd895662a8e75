import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import { assertClaudeGrammar, assertLifecycle, decodeAll, encodeAll, loadSse, payloads } from './__fixtures__/helpers.js';
import { claudeMessagesFormat } from './index.js';

const context = { model: 'my-model', requestId: 'req-9', created: 1750000000 };
const encode = (parts: readonly StreamPart[]) => encodeAll(claudeMessagesFormat.createStreamEncoder(context), parts);
const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'STOP' }, usage: { inputTokens: 50, outputTokens: 20, cachedInputTokens: 30 } };

/** Compact view of the events: `start:<type>`, `delta:<kind>:<content>`, `stop`, and the message events. */
function outline(parts: readonly StreamPart[]): string[] {
  return payloads(encode(parts)).map((payload) => {
    switch (payload.type) {
      case 'content_block_start':
        return `${payload.index} start:${payload.content_block.type}${payload.content_block.id ? `:${payload.content_block.id}` : ''}`;
      case 'content_block_delta': {
        const delta = payload.delta;
        const content = delta.text ?? delta.thinking ?? delta.partial_json ?? delta.signature;
        return `${payload.index} ${delta.type}:${content}`;
      }
      case 'content_block_stop':
        return `${payload.index} stop`;
      case 'message_delta':
        return `message_delta:${payload.delta.stop_reason}`;
      default:
        return payload.type;
    }
  });
}

describe('createStreamEncoder', () => {
  it('writes the exact Messages grammar for reasoning, text and a tool call', () => {
    const events = encode([
      { type: 'stream-start', id: 'upstream-id', model: 'gemini-2.5-pro' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'r', signature: { family: 'claude', value: 'EqQB' } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Reading.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', id: 'call_1', name: 'read' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"path":' },
      { type: 'tool-input-delta', id: 'call_1', delta: '"a"}' },
      { type: 'tool-input-end', id: 'call_1' },
      { type: 'tool-call', id: 'call_1', name: 'read', arguments: '{"path":"a"}' },
      finish,
    ]);
    assertClaudeGrammar(events);
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const list = payloads(events);
    expect(list[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_req-9',
        type: 'message',
        role: 'assistant',
        model: 'my-model',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    expect(list[2]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(list[4]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } });
    expect(list[9]).toEqual({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_1', name: 'read', input: {} } });
    expect(list[13]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 20, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 30 },
    });
  });

  it('never interleaves blocks: a tool call arriving while text is open waits until the text ends', () => {
    expect(
      outline([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Let me ' },
        { type: 'tool-input-start', id: 'c1', name: 'f' },
        { type: 'tool-input-delta', id: 'c1', delta: '{}' },
        { type: 'tool-input-end', id: 'c1' },
        { type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' },
        { type: 'text-delta', id: 't', delta: 'look.' },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'late thought' },
        { type: 'text-end', id: 't' },
        { type: 'reasoning-end', id: 'r' },
        finish,
      ]),
    ).toEqual([
      'message_start',
      'ping',
      '0 start:text',
      '0 text_delta:Let me ',
      '0 text_delta:look.',
      '0 stop',
      '1 start:tool_use:c1',
      '1 input_json_delta:{}',
      '1 stop',
      '2 start:thinking',
      '2 thinking_delta:late thought',
      '2 stop',
      'message_delta:tool_use',
      'message_stop',
    ]);
  });

  it('closes blocks whose end never came before message_delta, in order', () => {
    const events = encode([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'tool-input-start', id: 'c1', name: 'f' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"x":1}' },
      finish,
    ]);
    assertClaudeGrammar(events);
    expect(outline([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'tool-input-start', id: 'c1', name: 'f' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"x":1}' },
      finish,
    ]).slice(2)).toEqual(['0 start:text', '0 text_delta:a', '0 stop', '1 start:tool_use:c1', '1 input_json_delta:{"x":1}', '1 stop', 'message_delta:tool_use', 'message_stop']);
  });

  it('sends the arguments of a call that streamed none, and whole calls without a lifecycle', () => {
    expect(
      outline([
        { type: 'tool-input-start', id: 'c1', name: 'f' },
        { type: 'tool-input-end', id: 'c1' },
        { type: 'tool-call', id: 'c1', name: 'f', arguments: '{"a":1}' },
        { type: 'tool-call', id: 'c2', name: 'g', arguments: '{"b":2}' },
        { type: 'finish', finishReason: { unified: 'tool-calls' } },
      ]),
    ).toEqual([
      'message_start',
      'ping',
      '0 start:tool_use:c1',
      '0 input_json_delta:{"a":1}',
      '0 stop',
      '1 start:tool_use:c2',
      '1 input_json_delta:{"b":2}',
      '1 stop',
      'message_delta:tool_use',
      'message_stop',
    ]);
  });

  it('streams a custom tool’s free text as the JSON of {"input": …}', () => {
    const events = encode([
      { type: 'tool-input-start', id: 'c1', name: 'apply_patch', kind: 'custom' },
      { type: 'tool-input-delta', id: 'c1', delta: '*** Begin "Patch"\n' },
      { type: 'tool-input-delta', id: 'c1', delta: '*** End 😀' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', id: 'c1', name: 'apply_patch', arguments: '*** Begin "Patch"\n*** End 😀', kind: 'custom' },
      finish,
    ]);
    const json = payloads(events)
      .filter((payload) => payload.delta?.type === 'input_json_delta')
      .map((payload) => payload.delta.partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ input: '*** Begin "Patch"\n*** End 😀' });
  });

  it('sends a signature-only reasoning block (another vendor’s, tagged) and redacted data as redacted_thinking', () => {
    expect(
      outline([
        { type: 'reasoning-start', id: 'r1' },
        { type: 'reasoning-end', id: 'r1', signature: { family: 'gemini', value: 'CiQB' } },
        { type: 'reasoning-start', id: 'r2' },
        { type: 'reasoning-end', id: 'r2', redactedData: 'EmwK' },
        { type: 'reasoning-start', id: 'r3' },
        { type: 'reasoning-end', id: 'r3' },
        { type: 'text-start', id: 't' },
        { type: 'text-end', id: 't' },
        finish,
      ]).slice(2),
    ).toEqual(['0 start:thinking', '0 signature_delta:gemini#CiQB', '0 stop', '1 start:redacted_thinking', '1 stop', 'message_delta:end_turn', 'message_stop']);
  });

  it('renders an error part as `event: error` and nothing after it', () => {
    const encoder = claudeMessagesFormat.createStreamEncoder(context);
    const events = [
      ...encoder.push({ type: 'text-delta', id: 't', delta: 'Hel' }),
      ...encoder.push({ type: 'error', status: 529, message: 'The upstream is overloaded; retry shortly.', code: 'upstream_error' }),
    ];
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'The upstream is overloaded; retry shortly.' } }),
    });
    expect(encoder.push(finish)).toEqual([]);
    expect(encoder.flush()).toEqual([]);
    assertClaudeGrammar(events.slice(-1));
  });

  it('ends a stream that stopped without finish with message_delta and message_stop', () => {
    const events = encode([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'partial' }]);
    assertClaudeGrammar(events);
    expect(payloads(events).at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 0 } });
    const empty = encode([]);
    assertClaudeGrammar(empty);
    expect(empty.map((event) => event.event)).toEqual(['message_start', 'ping', 'message_delta', 'message_stop']);
  });

  it('maps a length finish to max_tokens and ignores other candidates', () => {
    const events = encode([
      { type: 'text-delta', id: 't', delta: 'one' },
      { type: 'text-delta', id: 'u', delta: 'two', candidate: 1 },
      { type: 'finish', finishReason: { unified: 'length', raw: 'MAX_TOKENS' } },
    ]);
    const list = payloads(events);
    expect(list.filter((payload) => payload.type === 'content_block_delta').map((payload) => payload.delta.text)).toEqual(['one']);
    expect(list.at(-2)?.delta.stop_reason).toBe('max_tokens');
  });

  it('decode → encode → decode of a captured Claude stream keeps every part (ids aside)', () => {
    const first = decodeAll(claudeMessagesFormat.createStreamDecoder(), loadSse('stream-thinking-tool.sse'));
    const events = encode(first);
    assertClaudeGrammar(events);
    const second = decodeAll(claudeMessagesFormat.createStreamDecoder(), events);
    assertLifecycle(second);
    const strip = (parts: StreamPart[]) => parts.filter((part) => part.type !== 'stream-start');
    expect(strip(second)).toEqual(strip(first));
  });
});
