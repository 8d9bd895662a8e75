import { describe, expect, it } from 'vitest';
import type { IrRequest, StreamPart } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import { assertLifecycle, decodeAll, encodeAll, loadChunks, payloads } from './__fixtures__/helpers.js';
import { geminiFormat } from './index.js';

const context: EncodeContext = { model: 'gemini-2.5-pro', requestId: 'req-1', created: 1750000000 };
const encode = (parts: StreamPart[], ctx: EncodeContext = context) => encodeAll(geminiFormat.createStreamEncoder(ctx), parts);
const partsOf = (payload: Record<string, any>) => payload.candidates[0].content.parts;

const claudeStream: StreamPart[] = [
  { type: 'stream-start', id: 'msg_01', model: 'claude-sonnet-4-5' },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'I should read it.' },
  { type: 'reasoning-end', id: 'r', signature: { family: 'claude', value: 'EqQB' } },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Reading ' },
  { type: 'text-delta', id: 't', delta: 'the file.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-input-start', id: 'toolu_01', name: 'read_file' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '{"path":' },
  { type: 'tool-input-delta', id: 'toolu_01', delta: '"README.md"}' },
  { type: 'tool-input-end', id: 'toolu_01' },
  { type: 'tool-call', id: 'toolu_01', name: 'read_file', arguments: '{"path":"README.md"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { inputTokens: 120, outputTokens: 30, reasoningTokens: 10 } },
];

describe('Gemini stream encoder', () => {
  it('writes one data chunk per delta, with finishReason and usage on the last content chunk', () => {
    const events = encode(claudeStream);
    expect(events.every((event) => event.event === undefined)).toBe(true);
    const bodies = payloads(events);
    expect(bodies.map(partsOf)).toEqual([
      [{ text: 'I should read it.', thought: true }],
      [{ text: 'Reading ' }],
      [{ text: 'the file.' }],
      [{ functionCall: { id: 'toolu_01', name: 'read_file', args: { path: 'README.md' } } }],
    ]);
    expect(bodies.at(-1)).toEqual({
      candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'toolu_01', name: 'read_file', args: { path: 'README.md' } } }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 20, thoughtsTokenCount: 10, totalTokenCount: 150 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_01',
    });
    expect(bodies.slice(0, -1).every((body) => body.candidates[0].finishReason === undefined && body.usageMetadata === undefined)).toBe(true);
  });

  it('hides thought text when the client turned includeThoughts off', () => {
    const request = { reasoning: { mode: 'budget', budgetTokens: 100, includeThoughts: false } } as IrRequest;
    const bodies = payloads(encode(claudeStream, { ...context, request }));
    expect(bodies.flatMap(partsOf).some((part: any) => part.thought)).toBe(false);
  });

  it('sends Gemini signatures (a signature-only block as an empty signed part) and no foreign ones', () => {
    const bodies = payloads(
      encode([
        { type: 'reasoning-start', id: 'r1' },
        { type: 'reasoning-delta', id: 'r1', delta: 'hmm' },
        { type: 'reasoning-end', id: 'r1', signature: { family: 'gemini', value: 'g1' } },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Done.' },
        { type: 'text-end', id: 't' },
        { type: 'reasoning-start', id: 'r2' },
        { type: 'reasoning-end', id: 'r2', signature: { family: 'gemini', value: 'g2' } },
        { type: 'tool-call', id: 'c', name: 'f', arguments: '{}', signature: { family: 'gemini', value: 'g3' } },
        { type: 'finish', finishReason: { unified: 'tool-calls' } },
      ]),
    );
    expect(bodies.flatMap(partsOf)).toEqual([
      { text: 'hmm', thought: true },
      { text: '', thought: true, thoughtSignature: 'g1' },
      { text: 'Done.' },
      { text: '', thoughtSignature: 'g2' },
      { functionCall: { id: 'c', name: 'f', args: {} }, thoughtSignature: 'g3' },
    ]);
  });

  it('survives a Gemini → IR → Gemini trip: same text, thoughts, calls, signatures, finish and usage', () => {
    for (const name of ['stream-thoughts-text.chunks.txt', 'stream-function-call.chunks.txt']) {
      const first = decodeAll(geminiFormat.createStreamDecoder(), loadChunks(name));
      const second = decodeAll(geminiFormat.createStreamDecoder(), encode(first));
      assertLifecycle(second);
      const essentials = (parts: StreamPart[]) =>
        parts.flatMap((part): unknown[][] => {
          if (part.type === 'text-delta' || part.type === 'reasoning-delta') return [[part.type, part.delta]];
          if (part.type === 'reasoning-end') return [[part.type, part.signature?.value]];
          if (part.type === 'tool-call') return [[part.type, part.name, part.arguments, part.signature?.value]];
          if (part.type === 'finish') return [[part.type, part.finishReason.unified, part.usage]];
          return [];
        });
      expect(essentials(second)).toEqual(essentials(first));
    }
  });

  it('answers an error part with the Google error body and nothing after it', () => {
    const encoder = geminiFormat.createStreamEncoder(context);
    const events = [
      ...encoder.push({ type: 'text-start', id: 't' }),
      ...encoder.push({ type: 'text-delta', id: 't', delta: 'partial' }),
      ...encoder.push({ type: 'error', status: 429, message: 'Rate limited upstream.', code: 'upstream_error' }),
      ...encoder.push({ type: 'text-delta', id: 't', delta: 'late' }),
      ...encoder.flush(),
    ];
    expect(payloads(events)).toEqual([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'partial' }] }, index: 0 }], modelVersion: 'gemini-2.5-pro', responseId: 'req-1' },
      { error: { code: 429, message: 'Rate limited upstream.', status: 'RESOURCE_EXHAUSTED' } },
    ]);
  });

  it('ends a stream that never got its finish with a STOP chunk, and an empty finish carries no parts', () => {
    const cut = payloads(encode([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hi' }]));
    expect(cut).toEqual([{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP', index: 0 }], modelVersion: 'gemini-2.5-pro', responseId: 'req-1' }]);
    const filtered = payloads(encode([{ type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' }, usage: { inputTokens: 3, outputTokens: 0 } }]));
    expect(filtered).toEqual([
      {
        candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'SAFETY', index: 0 }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 0, totalTokenCount: 3 },
        modelVersion: 'gemini-2.5-pro',
        responseId: 'req-1',
      },
    ]);
  });

  it('encodes generated images and other candidates', () => {
    const bodies = payloads(
      encode([
        { type: 'generated-image', mediaType: 'image/png', data: 'AA' },
        { type: 'text-delta', id: 'b', delta: 'second', candidate: 1 },
        { type: 'finish', finishReason: { unified: 'stop' }, candidate: 1 },
        { type: 'finish', finishReason: { unified: 'stop' } },
      ]),
    );
    expect(bodies.map((body) => [body.candidates[0].index, partsOf(body), body.candidates[0].finishReason])).toEqual([
      [0, [{ inlineData: { mimeType: 'image/png', data: 'AA' } }], undefined],
      [1, [{ text: 'second' }], 'STOP'],
      [0, [], 'STOP'],
    ]);
  });
});
