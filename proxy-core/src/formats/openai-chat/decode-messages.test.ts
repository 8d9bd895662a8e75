import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../shared/errors.js';
import { loadJson } from './__fixtures__/helpers.js';
import { decodeRequest } from './decode-request.js';

function request(messages: unknown[], extra: Record<string, unknown> = {}) {
  return { model: 'gpt-4o', messages, ...extra };
}

function decodeError(body: unknown): ProxyError {
  try {
    decodeRequest(body);
  } catch (error) {
    if (ProxyError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('decodeRequest: system prompt and roles', () => {
  it('turns leading system and developer messages into the top-level system prompt', () => {
    const ir = decodeRequest(
      request([
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'hi' },
      ]),
    );
    expect(ir.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use metric units.', extras: { 'openai-chat': { role: 'developer' } } },
    ]);
    expect(ir.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(ir.source).toBe('openai-chat');
    expect(ir.stream).toBe(false);
  });

  it('keeps later system/developer messages in place as mid-conversation system messages', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'developer', content: 'Now answer in French.' },
        { role: 'user', content: 'bye' },
      ]),
    );
    expect(ir.system).toEqual([]);
    expect(ir.messages[2]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Now answer in French.' }],
      extras: { 'openai-chat': { role: 'developer' } },
    });
  });
});

describe('decodeRequest: user content', () => {
  it('maps text, data: and http images (with detail), audio and files', () => {
    const ir = decodeRequest(
      request([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            { type: 'input_audio', input_audio: { data: 'SUQzBA==', format: 'mp3' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
            { type: 'file', file: { file_data: 'JVBERi0=', filename: 'b.pdf' } },
            { type: 'file', file: { file_id: 'file-abc' } },
          ],
        },
      ]),
    );
    expect(ir.messages[0].content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: 'SUQzBA==' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'b.pdf' },
      { type: 'file', source: { kind: 'file-id', fileId: 'file-abc' } },
    ]);
  });

  it('keeps per-part cache_control (a message-level one lands on the last part)', () => {
    const ir = decodeRequest(
      request([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
          cache_control: { type: 'ephemeral' },
        },
      ]),
    );
    expect(ir.messages[0].content).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b', cacheControl: { type: 'ephemeral' } },
    ]);
  });

  it('rejects an unknown part type, naming the field', () => {
    const error = decodeError(request([{ role: 'user', content: [{ type: 'hologram', data: 'x' }] }]));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.details.param).toBe('messages[0].content[0].type');
    expect(error.message).toMatch(/text.*image_url/);
  });

  it('rejects a user message without content', () => {
    const error = decodeError(request([{ role: 'user' }]));
    expect(error.details.param).toBe('messages[0].content');
  });
});

describe('decodeRequest: assistant and tool messages', () => {
  it('maps reasoning_content, text and tool calls (stringifying object arguments)', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: 'Checking.',
          reasoning_content: 'The user wants weather.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: { zone: 'CET' } } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
      ]),
    );
    expect(ir.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants weather.' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    // Consecutive tool messages are one IR tool message, each result named after its call.
    expect(ir.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
        { type: 'tool-result', toolCallId: 'call_2', toolName: 'get_time', content: [{ type: 'text', text: '12:00' }] },
      ],
    });
  });

  it('treats empty assistant text next to tool calls as no text (other formats reject empty blocks)', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'go' },
        { role: 'assistant', content: '', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]),
    );
    expect(ir.messages[1].content).toEqual([{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }]);
  });

  it('accepts tool content as an array of text parts (Qwen Code)', () => {
    const ir = decodeRequest(loadJson('request-qwen-code.json'));
    expect(ir.messages.at(-1)).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_read_0',
          toolName: 'read_file',
          content: [{ type: 'text', text: '# Project\nHello' }],
        },
      ],
    });
  });

  it('accepts a Gemini thought signature on a tool call and drops the bypass sentinel', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'a', arguments: '{}' },
              extra_content: { google: { thought_signature: 'gemini#EjQKMgEMOdbHO0Gd' } },
            },
            {
              id: 'c2',
              type: 'function',
              function: { name: 'b', arguments: '{}' },
              extra_content: { google: { thought_signature: 'skip_thought_signature_validator' } },
            },
          ],
        },
      ]),
    );
    const [first, second] = ir.messages[1].content;
    expect(first).toMatchObject({ type: 'tool-call', id: 'c1', signature: { family: 'gemini', value: 'EjQKMgEMOdbHO0Gd' } });
    expect(second).not.toHaveProperty('signature');
    expect(second).not.toHaveProperty('extras');
  });

  it('matches a tool message without tool_call_id to the oldest unanswered call', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'go' },
        { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'ls', arguments: '{}' } }] },
        { role: 'tool', content: 'a.txt' },
      ]),
    );
    expect(ir.messages[1].content[0]).toMatchObject({ type: 'tool-call', id: 'call_1_0', name: 'ls' });
    expect(ir.messages[2].content[0]).toMatchObject({ type: 'tool-result', toolCallId: 'call_1_0', toolName: 'ls' });
  });

  it('maps the legacy function_call / function role to a tool call and result', () => {
    const ir = decodeRequest(
      request([
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":1}' } },
        { role: 'function', name: 'lookup', content: '42' },
      ]),
    );
    expect(ir.messages[1].content).toEqual([{ type: 'tool-call', id: 'call_1_function', name: 'lookup', arguments: '{"q":1}' }]);
    expect(ir.messages[2].content).toEqual([
      { type: 'tool-result', toolCallId: 'call_1_function', toolName: 'lookup', content: [{ type: 'text', text: '42' }] },
    ]);
  });

  it('rejects an unknown role and a tool call without a name', () => {
    expect(decodeError(request([{ role: 'robot', content: 'x' }])).details.param).toBe('messages[0].role');
    const error = decodeError(request([{ role: 'assistant', tool_calls: [{ id: 'x', type: 'function', function: { arguments: '{}' } }] }]));
    expect(error.details.param).toBe('messages[0].tool_calls[0].function.name');
  });
});
