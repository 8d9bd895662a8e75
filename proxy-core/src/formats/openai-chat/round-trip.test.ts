import { describe, expect, it } from 'vitest';
import { loadJson } from './__fixtures__/helpers.js';
import { openAiChatFormat } from './index.js';

function roundTrip(body: Record<string, unknown>) {
  const ir = openAiChatFormat.decodeRequest(body);
  return openAiChatFormat.encodeRequest(ir, { model: ir.model, stream: ir.stream });
}

describe('same-format round trip: decode(request) → encode(request)', () => {
  it('reproduces a real opencode tool round trip exactly', () => {
    const body = loadJson('request-opencode-tools.json');
    expect(roundTrip(body)).toEqual(body);
  });

  it('reproduces a request using every mapped field, unknown fields and vendor extras exactly', () => {
    const body = loadJson('request-round-trip.json');
    expect(roundTrip(body)).toEqual(body);
  });

  it('is a fixpoint for normalised shapes (Qwen Code sends single text parts as arrays)', () => {
    const body = loadJson('request-qwen-code.json');
    const once = roundTrip(body);
    expect(openAiChatFormat.decodeRequest(once)).toEqual(openAiChatFormat.decodeRequest(body));
    // The array form became the equivalent string form.
    expect((once.messages as any[])[1]).toEqual({ role: 'user', content: 'This is the Qwen Code. We are setting up the context for our chat.' });
    expect((once.messages as any[]).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_read_0', content: '# Project\nHello' });
  });

  it('keeps unknown fields on messages, parts, tool calls and tools', () => {
    const body = {
      model: 'm',
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'x', prompt_cache_breakpoint: { mode: 'explicit' } }], name: 'bob' },
        {
          role: 'assistant',
          content: 'y',
          audio: { id: 'audio_1' },
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}', extra: 1 }, extra_content: { other: true } }],
        },
        { role: 'tool', tool_call_id: 'c', content: 'z', name: 'f' },
      ],
      tools: [{ type: 'function', defer: true, function: { name: 'f', parameters: { type: 'object', properties: {} }, examples: [] } }],
    };
    expect(roundTrip(body)).toEqual(body);
  });
});

describe('same-format round trip: decode(response) → encode(response)', () => {
  it('keeps choices, tool calls, finish reason, usage and vendor fields (ids are ours)', () => {
    const body = loadJson<Record<string, any>>('response-tool-call.json');
    const encoded = openAiChatFormat.encodeResponse(openAiChatFormat.decodeResponse(body), {
      model: 'gpt-4o-2024-08-06',
      requestId: 'req1',
      created: 1741570283,
    }) as Record<string, any>;
    const { annotations: _dropped, ...message } = body.choices[0].message;
    expect(encoded).toEqual({
      ...body,
      id: 'chatcmpl-req1',
      choices: [{ ...body.choices[0], message }],
      usage: {
        prompt_tokens: 1117,
        completion_tokens: 46,
        total_tokens: 1163,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });
});
