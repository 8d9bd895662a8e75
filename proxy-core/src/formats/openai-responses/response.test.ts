import { describe, expect, it } from 'vitest';
import { decodeResponse } from './decode-response.js';
import { encodeResponse } from './encode-response.js';

describe('Responses JSON bodies', () => {
  it('decodes reasoning, text and calls from an upstream response, with usage and finish reason', () => {
    const response = decodeResponse({
      id: 'resp_1',
      model: 'gpt-5',
      created_at: 5,
      status: 'completed',
      output: [
        { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan.' }], encrypted_content: 'gAAAAx' },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
        { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'ls', arguments: '{}' },
        { id: 'ws_1', type: 'web_search_call', status: 'completed' },
      ],
      usage: { input_tokens: 8, output_tokens: 4, total_tokens: 12 },
    });
    expect(response).toEqual({
      id: 'resp_1',
      model: 'gpt-5',
      created: 5,
      usage: { inputTokens: 8, outputTokens: 4, totalTokens: 12 },
      candidates: [
        {
          index: 0,
          finishReason: { unified: 'tool-calls', raw: 'completed' },
          content: [
            { type: 'reasoning', text: 'Plan.', signature: { family: 'openai', value: 'gAAAAx' }, itemId: 'rs_1' },
            { type: 'text', text: 'Let me check.' },
            { type: 'tool-call', id: 'call_1', name: 'ls', arguments: '{}', itemId: 'fc_1' },
          ],
        },
      ],
    });
  });

  it('encodes an answer as a response object the SDK reads: items in order, incomplete when cut short', () => {
    const body = encodeResponse(
      {
        model: 'claude',
        candidates: [
          {
            index: 0,
            finishReason: { unified: 'length' },
            content: [
              { type: 'reasoning', text: '', redactedData: 'opaque' },
              { type: 'text', text: 'Part one, ' },
              { type: 'text', text: 'part two' },
            ],
          },
        ],
        usage: { inputTokens: 2, outputTokens: 9 },
      },
      { model: 'client-model', requestId: 'r1', created: 7 },
    );
    expect(body).toMatchObject({
      id: 'resp_r1',
      object: 'response',
      created_at: 7,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      model: 'client-model',
      usage: { input_tokens: 2, output_tokens: 9, total_tokens: 11 },
      output: [
        { id: 'rs_r1_0', type: 'reasoning', summary: [], encrypted_content: 'claude-redacted#opaque' },
        { id: 'msg_r1_1', type: 'message', status: 'incomplete', content: [{ type: 'output_text', text: 'Part one, part two' }] },
      ],
    });
  });
});
