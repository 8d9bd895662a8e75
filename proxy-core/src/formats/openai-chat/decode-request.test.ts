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

describe('decodeRequest: parameters', () => {
  it('maps sampling fields, stop, n, response_format and user', () => {
    const ir = decodeRequest(
      request([{ role: 'user', content: 'x' }], {
        max_completion_tokens: 40,
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
        n: 2,
        seed: 7,
        presence_penalty: 0.1,
        frequency_penalty: 0.3,
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
        user: 'user-1',
      }),
    );
    expect(ir).toMatchObject({
      maxOutputTokens: 40,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      responseFormat: { type: 'json', name: 'answer', schema: { type: 'object' }, strict: true },
      envelope: { user: 'user-1' },
    });
    expect(decodeRequest(request([{ role: 'user', content: 'x' }], { response_format: { type: 'json_object' } })).responseFormat).toEqual({
      type: 'json',
    });
  });

  it('prefers max_tokens over max_completion_tokens (reference rule)', () => {
    expect(decodeRequest(request([{ role: 'user', content: 'x' }], { max_tokens: 30, max_completion_tokens: 40 })).maxOutputTokens).toBe(30);
  });

  it('maps function tools, custom tools, built-ins and every tool_choice form', () => {
    const body = request([{ role: 'user', content: 'x' }], {
      tools: [
        { type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object', properties: {} }, strict: true } },
        { type: 'function', function: { name: 'g' } },
        { type: 'custom', custom: { name: 'patch', description: 'Apply a patch' } },
        { type: 'web_search', search_context_size: 'high' },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
    });
    const ir = decodeRequest(body);
    expect(ir.tools).toEqual([
      { type: 'function', name: 'f', description: 'F', inputSchema: { type: 'object', properties: {} }, strict: true },
      { type: 'function', name: 'g', inputSchema: { type: 'object' } },
      { type: 'custom', name: 'patch', description: 'Apply a patch' },
      { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'openai-chat', raw: { type: 'web_search', search_context_size: 'high' } },
    ]);
    expect(ir.toolChoice).toEqual({ type: 'tool', name: 'f' });
    expect(ir.parallelToolCalls).toBe(false);
    for (const choice of ['auto', 'none', 'required'] as const) {
      expect(decodeRequest({ ...body, tool_choice: choice }).toolChoice).toEqual({ type: choice });
    }
    expect(decodeError({ ...body, tool_choice: 'sometimes' }).details.param).toBe('tool_choice');
  });

  it('rejects a function tool without a name', () => {
    const error = decodeError(request([{ role: 'user', content: 'x' }], { tools: [{ type: 'function', function: { description: 'x' } }] }));
    expect(error.details.param).toBe('tools[0].function.name');
  });

  it('keeps unknown top-level fields (and stream_options) in extras', () => {
    const ir = decodeRequest(loadJson('request-opencode-tools.json'));
    expect(ir.stream).toBe(true);
    expect(ir.extras).toEqual({ 'openai-chat': { stream_options: { include_usage: true } } });
    const withUnknown = decodeRequest(request([{ role: 'user', content: 'x' }], { logprobs: true, metadata: { a: '1' } }));
    expect(withUnknown.extras).toEqual({ 'openai-chat': { logprobs: true, metadata: { a: '1' } } });
  });

  it('names missing or malformed top-level fields', () => {
    expect(decodeError({ messages: [{ role: 'user', content: 'x' }] }).details.param).toBe('model');
    expect(decodeError({ model: 'm', messages: [] }).details.param).toBe('messages');
    expect(decodeError(request([{ role: 'user', content: 'x' }], { temperature: 'hot' })).details.param).toBe('temperature');
    expect(decodeError('not json object').status).toBe(400);
  });
});

describe('decodeRequest: thinking controls', () => {
  const user = [{ role: 'user', content: 'x' }];

  it('maps reasoning_effort levels, none and auto; thoughts are shown unless thinking is off', () => {
    expect(decodeRequest(request(user, { reasoning_effort: 'high' })).reasoning).toEqual({ mode: 'level', level: 'high', includeThoughts: true });
    expect(decodeRequest(request(user, { reasoning_effort: 'none' })).reasoning).toEqual({ mode: 'none', includeThoughts: false });
    expect(decodeRequest(request(user, { reasoning_effort: 'auto' })).reasoning).toEqual({ mode: 'auto', includeThoughts: true });
    expect(decodeRequest(request(user)).reasoning).toBeUndefined();
  });

  it('rejects an unknown effort with the list of valid values', () => {
    const error = decodeError(request(user, { reasoning_effort: 'turbo' }));
    expect(error.details.param).toBe('reasoning_effort');
    expect(error.message).toContain('minimal, low, medium, high');
  });

  it('reads include_thoughts from extra_body.google.thinking_config and thinking', () => {
    const google = { extra_body: { google: { thinking_config: { include_thoughts: false } } } };
    expect(decodeRequest(request(user, { reasoning_effort: 'low', ...google })).reasoning).toEqual({
      mode: 'level',
      level: 'low',
      includeThoughts: false,
    });
    expect(decodeRequest(request(user, { thinking: { include_thoughts: true } })).reasoning).toEqual({ mode: 'auto', includeThoughts: true });
    // The hint objects themselves travel on for a same-format upstream.
    expect(decodeRequest(request(user, google)).extras).toEqual({ 'openai-chat': google });
  });

  it('maps OpenRouter reasoning objects', () => {
    expect(decodeRequest(request(user, { reasoning: { max_tokens: 2000 } })).reasoning).toEqual({
      mode: 'budget',
      budgetTokens: 2000,
      includeThoughts: true,
    });
    expect(decodeRequest(request(user, { reasoning: { effort: 'medium', exclude: true } })).reasoning).toEqual({
      mode: 'level',
      level: 'medium',
      includeThoughts: false,
    });
    expect(decodeRequest(request(user, { reasoning: { enabled: false } })).reasoning).toEqual({ mode: 'none', includeThoughts: false });
  });
});
