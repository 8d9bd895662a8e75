import { describe, expect, it } from 'vitest';
import type { IrRequest, StreamPart } from '../../ir/index.js';
import { assertLifecycle, decodeAll, encodeAll } from '../../testing/stream-helpers.js';
import type { SseEvent } from '../wire-format.js';
import { createStreamDecoder } from './decode-stream.js';
import { createStreamEncoder } from './encode-stream.js';
import { createUsageSniffer } from './sniff-usage.js';

const event = (type: string, payload: Record<string, unknown> = {}): SseEvent => ({ event: type, data: JSON.stringify({ type, ...payload }) });
const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 2 } };
const payloads = (events: SseEvent[]): Array<Record<string, any>> => events.map((item) => ({ event: item.event, ...(JSON.parse(item.data) as Record<string, any>) }));

describe('Responses stream → IR (upstream decoder)', () => {
  it('reads reasoning summaries (paragraph per part), text and a streamed call, then the finish with usage', () => {
    const parts = decodeAll(createStreamDecoder(), [
      event('response.created', { response: { id: 'resp_1', model: 'gpt-5', created_at: 1 } }),
      event('response.output_item.added', { output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } }),
      event('response.reasoning_summary_text.delta', { output_index: 0, item_id: 'rs_1', summary_index: 0, delta: 'First.' }),
      event('response.reasoning_summary_part.added', { output_index: 0, item_id: 'rs_1', summary_index: 1 }),
      event('response.reasoning_summary_text.delta', { output_index: 0, item_id: 'rs_1', summary_index: 1, delta: 'Second.' }),
      event('response.output_item.done', { output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'gAAAAenc' } }),
      event('response.output_text.delta', { output_index: 1, item_id: 'msg_1', content_index: 0, delta: 'Hi' }),
      event('response.output_item.done', { output_index: 1, item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hi' }] } }),
      event('response.output_item.added', { output_index: 2, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '' } }),
      event('response.function_call_arguments.delta', { output_index: 2, item_id: 'fc_1', delta: '{"dir":' }),
      event('response.function_call_arguments.delta', { item_id: 'fc_1', delta: '"."}' }),
      event('response.output_item.done', { output_index: 2, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '{"dir":"."}' } }),
      event('response.completed', { response: { id: 'resp_1', status: 'completed', output: [], usage } }),
    ]);
    assertLifecycle(parts);
    expect(parts.filter((part) => part.type === 'reasoning-delta').map((part) => (part as { delta: string }).delta).join('')).toBe('First.\n\nSecond.');
    expect(parts.find((part) => part.type === 'reasoning-end')).toMatchObject({ signature: { family: 'openai', value: 'gAAAAenc' } });
    expect(parts.filter((part) => part.type === 'tool-input-delta')).toHaveLength(2);
    expect(parts.find((part) => part.type === 'tool-call')).toEqual({ type: 'tool-call', id: 'call_1', name: 'ls', arguments: '{"dir":"."}' });
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'completed' },
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4, reasoningTokens: 2 },
    });
  });

  it('an upstream that sends only the terminal event still yields the whole answer', () => {
    const parts = decodeAll(createStreamDecoder(), [
      event('response.completed', {
        response: {
          id: 'resp_2',
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
          output: [{ id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Cut sh' }] }],
        },
      }),
    ]);
    assertLifecycle(parts);
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', id: '0:0', delta: 'Cut sh' }]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length' } });
  });

  it('failures become error parts with the status a client would get; a cut stream is an error, not a silent stop', () => {
    const failed = decodeAll(createStreamDecoder(), [event('response.failed', { response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } } })]);
    expect(failed).toEqual([{ type: 'error', status: 429, message: 'Slow down', code: 'rate_limit_exceeded' }]);
    const cut = decodeAll(createStreamDecoder(), [event('response.created', { response: { id: 'r' } }), event('response.output_text.delta', { output_index: 0, delta: 'Hal' })]);
    assertLifecycle(cut.slice(0, -1));
    expect(cut.at(-1)).toMatchObject({ type: 'error', status: 502, message: expect.stringContaining('before response.completed') });
    const garbage = decodeAll(createStreamDecoder(), [{ data: '{not json' }]);
    expect(garbage[0]).toMatchObject({ type: 'error', status: 502 });
  });
});

describe('IR → Responses stream (client encoder)', () => {
  const context = (request?: IrRequest) => ({ model: 'claude-x', requestId: 'req1', created: 100, request });

  it('starts with response.created, numbers every event, and ends with response.completed carrying output and usage', () => {
    const events = encodeAll(createStreamEncoder(context()), [
      { type: 'stream-start' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop' }, usage: { inputTokens: 3, outputTokens: 2 } },
    ]);
    const all = payloads(events);
    expect(all.map((item) => item.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(all.every((item) => item.event === item.type)).toBe(true);
    expect(all.map((item) => item.sequence_number)).toEqual(all.map((_, index) => index));
    const completed = all.at(-1)!.response;
    expect(completed).toMatchObject({ id: 'resp_req1', status: 'completed', model: 'claude-x', usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } });
    expect(completed.output).toEqual([
      { id: 'msg_req1_0', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }] },
    ]);
  });

  it('gives namespaced and custom tools back the way the client declared them', () => {
    const request: IrRequest = {
      model: 'm',
      source: 'openai-responses',
      stream: true,
      system: [],
      messages: [],
      tools: [
        { type: 'function', name: 'multi_agent_v1__spawn_agent', inputSchema: { type: 'object' }, extras: { 'openai-responses': { namespace: 'multi_agent_v1', name: 'spawn_agent' } } },
        { type: 'custom', name: 'apply_patch' },
      ],
    };
    const parts: StreamPart[] = [
      { type: 'tool-input-start', id: 'toolu_1', name: 'multi_agent_v1__spawn_agent' },
      { type: 'tool-input-delta', id: 'toolu_1', delta: '{"task":"x"}' },
      { type: 'tool-input-end', id: 'toolu_1' },
      { type: 'tool-call', id: 'toolu_1', name: 'multi_agent_v1__spawn_agent', arguments: '{"task":"x"}' },
      // Claude saw the custom tool as a function taking {input}: the client gets the plain input.
      { type: 'tool-input-start', id: 'toolu_2', name: 'apply_patch' },
      { type: 'tool-input-delta', id: 'toolu_2', delta: '{"input":"*** Begin' },
      { type: 'tool-input-delta', id: 'toolu_2', delta: ' Patch"}' },
      { type: 'tool-input-end', id: 'toolu_2' },
      { type: 'tool-call', id: 'toolu_2', name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls' } },
    ];
    const all = payloads(encodeAll(createStreamEncoder(context(request)), parts));
    const done = all.filter((item) => item.type === 'response.output_item.done').map((item) => item.item);
    expect(done).toEqual([
      { id: 'fc_toolu_1', type: 'function_call', status: 'completed', call_id: 'toolu_1', name: 'spawn_agent', arguments: '{"task":"x"}', namespace: 'multi_agent_v1' },
      { id: 'ctc_toolu_2', type: 'custom_tool_call', status: 'completed', call_id: 'toolu_2', name: 'apply_patch', input: '*** Begin Patch' },
    ]);
    expect(all.filter((item) => item.type === 'response.custom_tool_call_input.delta').map((item) => item.delta)).toEqual(['*** Begin Patch']);
    expect(all.at(-1)!.type).toBe('response.completed');
  });

  it('an answer cut by the token limit ends with response.incomplete; an error with error + response.failed', () => {
    const cut = payloads(encodeAll(createStreamEncoder(context()), [{ type: 'text-delta', id: 't', delta: 'Lo' }, { type: 'finish', finishReason: { unified: 'length' } }]));
    expect(cut.at(-1)).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });

    const failed = payloads(encodeAll(createStreamEncoder(context()), [{ type: 'text-delta', id: 't', delta: 'Lo' }, { type: 'error', status: 429, message: 'Quota exhausted' }]));
    expect(failed.slice(-2)).toMatchObject([
      { type: 'error', code: 'rate_limit_exceeded', message: 'Quota exhausted' },
      { type: 'response.failed', response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Quota exhausted' } } },
    ]);
    expect(failed.some((item) => item.type === 'response.completed')).toBe(false);
  });

  it('round trip: what the encoder writes, the decoder reads back part for part', () => {
    const parts: StreamPart[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Thinking.' },
      { type: 'reasoning-end', id: 'r', signature: { family: 'claude', value: 'EqQB' } },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Answer' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop' }, usage: { inputTokens: 1, outputTokens: 1 } },
    ];
    const decoded = decodeAll(createStreamDecoder(), encodeAll(createStreamEncoder(context()), parts));
    assertLifecycle(decoded);
    expect(decoded.find((part) => part.type === 'reasoning-end')).toMatchObject({ signature: { family: 'claude', value: 'EqQB' } });
    expect(decoded.filter((part) => part.type === 'text-delta' || part.type === 'reasoning-delta').map((part) => (part as { delta: string }).delta)).toEqual(['Thinking.', 'Answer']);
  });
});

describe('usage sniffer (passthrough)', () => {
  it('reads usage from the terminal event only and sees it as terminal', () => {
    const sniffer = createUsageSniffer();
    sniffer.push(event('response.output_text.delta', { delta: '"usage" is a word' }));
    expect(sniffer.sawTerminal()).toBe(false);
    expect(sniffer.usage()).toBeUndefined();
    sniffer.push(event('response.completed', { response: { usage } }));
    expect(sniffer.sawTerminal()).toBe(true);
    expect(sniffer.usage()).toMatchObject({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 });
    const failed = createUsageSniffer();
    failed.push({ data: JSON.stringify({ type: 'response.failed', response: { error: { code: 'server_error' } } }) });
    expect(failed.sawTerminal()).toBe(true);
  });
});
