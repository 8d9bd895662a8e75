import { describe, expect, it } from 'vitest';
import type { ProxyError } from '../../shared/errors.js';
import { decodeRequest } from './decode-request.js';

function errorOf(body: unknown): ProxyError {
  try {
    decodeRequest(body);
  } catch (error) {
    return error as ProxyError;
  }
  throw new Error('expected the request to be refused');
}

const user = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

describe('Responses request → IR', () => {
  it('a string input with instructions is a system prompt and one user message', () => {
    const request = decodeRequest({ model: 'm', instructions: 'Be brief.', input: 'hi', max_output_tokens: 50, temperature: 0.2 });
    expect(request.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(request).toMatchObject({ maxOutputTokens: 50, temperature: 0.2, stream: false, source: 'openai-responses', envelope: { instructions: 'Be brief.' } });
  });

  it('leading developer messages join the system prompt; a later one stays where it was said', () => {
    const request = decodeRequest({
      model: 'm',
      input: [
        { role: 'developer', content: 'Rule one.' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Rule two.' }] },
        user('hi'),
        { role: 'developer', content: 'Now be terse.' },
      ],
    });
    expect(request.system.map((part) => part.text)).toEqual(['Rule one.', 'Rule two.']);
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'system']);
  });

  it('reasoning and calls form one assistant turn; their outputs one tool turn that knows the tool names', () => {
    const request = decodeRequest({
      model: 'm',
      input: [
        user('weather in Paris and Rome?'),
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Two lookups.' }], encrypted_content: 'gAAAAAopaque' },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_2', name: 'weather', arguments: { city: 'Rome' } },
        { type: 'function_call_output', call_id: 'call_1', output: '18°C' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '21°C' }] },
      ],
    });
    expect(request.messages).toHaveLength(3);
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two lookups.', signature: { family: 'openai', value: 'gAAAAAopaque' }, itemId: 'rs_1' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}', itemId: 'fc_1' },
        { type: 'tool-call', id: 'call_2', name: 'weather', arguments: '{"city":"Rome"}' },
      ],
    });
    expect(request.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', content: [{ type: 'text', text: '18°C' }] },
        { type: 'tool-result', toolCallId: 'call_2', toolName: 'weather', content: [{ type: 'text', text: '21°C' }] },
      ],
    });
  });

  it('reasoning proofs from other vendors are recognised by their tag', () => {
    const reasoning = (encrypted: string) => decodeRequest({ model: 'm', input: [{ type: 'reasoning', summary: [], encrypted_content: encrypted }] }).messages[0].content[0];
    expect(reasoning('claude#EqQBsig')).toMatchObject({ signature: { family: 'claude', value: 'EqQBsig' } });
    expect(reasoning('gemini#CiQBsig')).toMatchObject({ signature: { family: 'gemini', value: 'CiQBsig' } });
    expect(reasoning('claude-redacted#opaque')).toMatchObject({ redactedData: 'opaque' });
  });

  it('Codex tools: a namespace is flattened, web search without live access is not a web search, custom tools stay custom', () => {
    const request = decodeRequest({
      model: 'm',
      input: [
        user('go'),
        { type: 'function_call', call_id: 'c1', namespace: 'multi_agent_v1', name: 'spawn_agent', arguments: '{}' },
        { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch' },
      ],
      tools: [
        { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object', properties: {} } }] },
        { type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: /.+/' } },
        { type: 'web_search', external_web_access: false },
        { type: 'web_search_preview' },
      ],
      tool_choice: { type: 'function', namespace: 'multi_agent_v1', name: 'spawn_agent' },
    });
    expect(request.tools?.map((tool) => [tool.type, tool.name, tool.type === 'builtin' ? tool.kind : undefined])).toEqual([
      ['function', 'multi_agent_v1__spawn_agent', undefined],
      ['custom', 'apply_patch', undefined],
      ['builtin', 'web_search', 'other'],
      ['builtin', 'web_search_preview', 'web-search'],
    ]);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'multi_agent_v1__spawn_agent' });
    expect(request.messages[1].content).toMatchObject([
      { type: 'tool-call', id: 'c1', name: 'multi_agent_v1__spawn_agent' },
      { type: 'tool-call', id: 'c2', name: 'apply_patch', kind: 'custom', arguments: '*** Begin Patch' },
    ]);
  });

  it('reasoning: a summary alone means "think and show it"; an effort without a summary hides thoughts', () => {
    expect(decodeRequest({ model: 'm', input: 'x', reasoning: { summary: 'auto' } }).reasoning).toEqual({ mode: 'auto', includeThoughts: true });
    expect(decodeRequest({ model: 'm', input: 'x', reasoning: { effort: 'high' } }).reasoning).toEqual({ mode: 'level', level: 'high', includeThoughts: false });
    expect(decodeRequest({ model: 'm', input: 'x', reasoning: { effort: 'none', summary: 'auto' } }).reasoning).toEqual({ mode: 'none' });
    expect(errorOf({ model: 'm', input: 'x', reasoning: { effort: 'extreme' } })).toMatchObject({ status: 400, details: { param: 'reasoning.effort' } });
  });

  it('text.format becomes the response format; prompt_cache_key the session; unmapped fields are kept', () => {
    const request = decodeRequest({
      model: 'm',
      input: 'x',
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
      prompt_cache_key: 'thread-1',
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    expect(request.responseFormat).toEqual({ type: 'json', name: 'answer', schema: { type: 'object' }, strict: true });
    expect(request.envelope).toMatchObject({ promptCacheKey: 'thread-1', sessionId: 'thread-1' });
    expect(request.extras).toEqual({ 'openai-responses': { store: false, include: ['reasoning.encrypted_content'] } });
  });

  it('refuses what it cannot translate with a 400 naming the field', () => {
    expect(errorOf({ input: 'x' })).toMatchObject({ status: 400, details: { param: 'model' } });
    expect(errorOf({ model: 'm', input: [user('a'), { type: 'telepathy' }] })).toMatchObject({ status: 400, details: { param: 'input[1].type' } });
    expect(errorOf({ model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] })).toMatchObject({ status: 400, details: { param: 'input[0].call_id' } });
    expect(errorOf({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image' }] }] })).toMatchObject({ status: 400, details: { param: 'input[0].content[0]' } });
    const previous = errorOf({ model: 'm', input: 'x', previous_response_id: 'resp_1' });
    expect(previous).toMatchObject({ status: 400, details: { param: 'previous_response_id' } });
  });

  it('skips records of hosted tools and references it cannot resolve, keeping the rest of the conversation', () => {
    const request = decodeRequest({ model: 'm', input: [user('a'), { type: 'web_search_call', id: 'ws_1', status: 'completed' }, { type: 'item_reference', id: 'msg_1' }, user('b')] });
    expect(request.messages.map((message) => message.content[0])).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
    ]);
  });
});
