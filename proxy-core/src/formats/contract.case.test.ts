import { describe, expect, it } from 'vitest';
import type { FormatId, IrRequest, Message, StreamPart } from '../ir/index.js';
import { ProxyError } from '../shared/errors.js';
import { assertLifecycle, decodeAll, encodeAll } from '../testing/stream-helpers.js';
import { createFormatRegistry } from './registry.js';

/**
 * The contract every wire format meets (Hono-style shared suite): requests survive encode∘decode on the
 * common subset, streams keep the lifecycle invariants through encode∘decode, an early close ends in an
 * in-band error, and errors are encoded with the right status and retry hint.
 */
const registry = createFormatRegistry();
const formats = [...registry.values()];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

function commonRequest(source: FormatId): IrRequest {
  return {
    model: 'm',
    source,
    stream: false,
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: PNG } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Let me look it up.' }, { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"cat"}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'lookup', content: [{ type: 'text', text: 'a cat' }] }] },
      { role: 'user', content: [{ type: 'text', text: 'Thanks, and?' }] },
    ],
    tools: [{ type: 'function', name: 'lookup', description: 'Look something up', inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }],
    toolChoice: { type: 'auto' },
    maxOutputTokens: 500,
    temperature: 0.5,
  };
}

/** What must survive a trip, independent of how a format spells it. */
function essentials(request: IrRequest) {
  const calls = new Map<string, string>();
  const messages = request.messages.map((message: Message) => ({
    role: message.role,
    content: message.content.map((part) => {
      if (part.type === 'text') return { text: part.text };
      if (part.type === 'image') return { image: part.source.kind === 'base64' ? part.source.data : 'url' };
      if (part.type === 'tool-call') {
        calls.set(part.id, part.name);
        return { call: part.name, arguments: JSON.parse(part.arguments) };
      }
      if (part.type === 'tool-result') return { resultFor: calls.get(part.toolCallId), content: part.content.map((item) => (item.type === 'text' ? item.text : item.type)) };
      return { other: part.type };
    }),
  }));
  return {
    system: request.system.map((part) => part.text).join('\n'),
    messages,
    tools: (request.tools ?? []).map((tool) => (tool.type === 'function' ? { name: tool.name, required: tool.inputSchema.required } : { name: tool.name })),
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
  };
}

const streamParts: StreamPart[] = [
  { type: 'stream-start', id: 'r1', model: 'm' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Hello, ' },
  { type: 'text-delta', id: 't1', delta: 'world.' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-input-start', id: 'call_9', name: 'lookup' },
  { type: 'tool-input-delta', id: 'call_9', delta: '{"q":' },
  { type: 'tool-input-delta', id: 'call_9', delta: '"dog"}' },
  { type: 'tool-input-end', id: 'call_9' },
  { type: 'tool-call', id: 'call_9', name: 'lookup', arguments: '{"q":"dog"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20 } },
];
const context = { model: 'm', requestId: 'contract01', created: 1767225600 };

describe.each(formats.map((entry) => [entry.id, entry] as const))('wire format contract: %s', (id, format) => {
  it('a request survives encode then decode on the common subset', () => {
    const request = commonRequest(id);
    const decoded = format.wire.decodeRequest(format.wire.encodeRequest(request, { model: 'm', stream: false }));
    expect(essentials(decoded)).toEqual(essentials(request));
  });

  it('a stream keeps its lifecycle, text, tool call, finish reason and usage through encode then decode', () => {
    // A client that asked for usage (OpenAI Chat sends usage only when `stream_options.include_usage` is set).
    const request = { ...commonRequest(id), stream: true, extras: { 'openai-chat': { stream_options: { include_usage: true } } } };
    const events = encodeAll(format.wire.createStreamEncoder({ ...context, request }), streamParts);
    const parts = decodeAll(format.wire.createStreamDecoder(), events);
    assertLifecycle(parts);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => (part as { delta: string }).delta).join('')).toBe('Hello, world.');
    const call = parts.find((part): part is Extract<StreamPart, { type: 'tool-call' }> => part.type === 'tool-call');
    expect(call?.name).toBe('lookup');
    expect(JSON.parse(call!.arguments)).toEqual({ q: 'dog' });
    const finish = parts.filter((part) => part.type === 'finish').at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.finishReason.unified).toBe('tool-calls');
    const usage = finish.usage ?? (parts.find((part) => part.type === 'usage') as { usage?: { inputTokens: number } } | undefined)?.usage;
    expect(usage).toMatchObject({ inputTokens: 12, outputTokens: 8 });
  });

  it('a stream the upstream cut short decodes to an in-band error, not a silent end', () => {
    const encoder = format.wire.createStreamEncoder(context);
    const events = streamParts.slice(0, 3).flatMap((part) => encoder.push(part));
    const parts = decodeAll(format.wire.createStreamDecoder(), events);
    assertLifecycle(parts);
    expect(parts.at(-1)).toMatchObject({ type: 'error', status: 502 });
  });

  it('errors keep their status and message; 429s carry Retry-After; streams get an in-band error event', () => {
    for (const status of [400, 401, 403, 404, 429, 500, 503]) {
      const error = new ProxyError(`problem ${status}`, { status, code: 'upstream_error', retryAfterSeconds: status === 429 ? 7 : undefined });
      const encoded = format.wire.encodeError(error);
      expect(encoded.status).toBe(status);
      expect(JSON.stringify(encoded.body)).toContain(`problem ${status}`);
      if (status === 429) expect(encoded.headers['retry-after']).toBe('7');
      const inBand = format.wire.encodeStreamError(error);
      expect(inBand.length).toBeGreaterThan(0);
      expect(inBand.map((event) => event.data).join('')).toContain(`problem ${status}`);
    }
  });

  it('an unusable request is a 400 that names the field', () => {
    expect(() => format.wire.decodeRequest({ model: 'm', messages: 'not a list', input: 42, contents: 'nope' })).toThrow(ProxyError);
    try {
      format.wire.decodeRequest({ model: 'm', messages: 'not a list', input: 42, contents: 'nope' });
    } catch (error) {
      expect((error as ProxyError).status).toBe(400);
      expect((error as ProxyError).message).toMatch(/messages|input|contents/);
    }
  });
});

describe('contract coverage', () => {
  it('runs against all four wire formats', () => {
    expect(formats.map((entry) => entry.id).sort()).toEqual(['claude-messages', 'gemini', 'openai-chat', 'openai-responses']);
  });
});

