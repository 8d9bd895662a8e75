import { describe, expect, it } from 'vitest';
import { loadJson } from './__fixtures__/helpers.js';
import { claudeMessagesFormat } from './index.js';

function roundTrip(body: Record<string, unknown>) {
  const ir = claudeMessagesFormat.decodeRequest(body);
  return claudeMessagesFormat.encodeRequest(ir, { model: ir.model, stream: ir.stream });
}

describe('same-format round trip: decode(request) → encode(request)', () => {
  it('reproduces a real Claude Code request exactly (system blocks, mid-conversation system, sparse tool_result, defer_loading)', () => {
    const body = loadJson('request-claude-code.json');
    expect(roundTrip(body)).toEqual(body);
  });

  it('reproduces a request using every mapped field, server tools, unmapped blocks and unknown fields exactly', () => {
    const body = loadJson('request-round-trip.json');
    expect(roundTrip(body)).toEqual(body);
  });

  it('keeps the form of single-text content: string stays string, a one-block array stays an array', () => {
    const body = {
      model: 'm',
      max_tokens: 10,
      stream: false,
      system: [{ type: 'text', text: 'one block' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'as array' }] },
        { role: 'assistant', content: 'as string' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'array result' }] }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'u', content: '' }] },
      ],
    };
    expect(roundTrip(body)).toEqual(body);
  });

  it('is a fixpoint after the model and stream are rewritten', () => {
    const body = loadJson('request-claude-code.json');
    const ir = claudeMessagesFormat.decodeRequest(body);
    const encoded = claudeMessagesFormat.encodeRequest(ir, { model: 'claude-opus-4-7', stream: false });
    expect(encoded).toEqual({ ...body, model: 'claude-opus-4-7', stream: false });
  });
});

describe('same-format round trip: decode(response) → encode(response)', () => {
  it('keeps blocks, stop reason, usage (incl. unknown usage fields); the id is ours', () => {
    const body = loadJson('response-tool-use.json');
    const encoded = claudeMessagesFormat.encodeResponse(claudeMessagesFormat.decodeResponse(body), {
      model: body.model,
      requestId: 'req1',
      created: 1,
    });
    expect(encoded).toEqual({ ...body, id: 'msg_req1' });
  });
});
